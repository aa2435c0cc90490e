/**
 * Reads a file of the checked folder the careful way: a folder may be hostile (a cloned repo),
 * so a symlink that leads out of it is not followed, FIFOs and devices are skipped (reading one
 * would hang or never end) and big files are refused.
 */
import { open, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { relative, isAbsolute, resolve } from 'node:path';

/** Files larger than this are not read (a .env is a few hundred bytes). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Why a file was not read, or its text. */
export type SafeRead =
	| { ok: true; text: string }
	| { ok: false; reason: 'missing' | 'outside' | 'not_a_file' | 'too_big' };

/** Reads `name` inside `dir` unless it leads outside, is not a regular file, or is too big. */
export async function safeReadFile(dir: string, name: string): Promise<SafeRead> {
	const path = resolve(dir, name);
	let real: string;
	try {
		real = await realpath(path);
	} catch {
		return { ok: false, reason: 'missing' };
	}
	const root = await realpath(dir);
	const inside = relative(root, real);
	if (inside.startsWith('..') || isAbsolute(inside)) return { ok: false, reason: 'outside' };
	// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
	let handle;
	try {
		handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch {
		return { ok: false, reason: 'missing' };
	}
	try {
		const info = await handle.stat();
		if (!info.isFile()) return { ok: false, reason: 'not_a_file' };
		if (info.size > MAX_FILE_BYTES) return { ok: false, reason: 'too_big' };
		return { ok: true, text: await handle.readFile('utf8') };
	} finally {
		await handle.close();
	}
}

/** A sentence for a file that was not read. */
export function unreadReason(
	name: string,
	reason: Exclude<SafeRead, { ok: true }>['reason'],
): string {
	return {
		missing: `${name} does not exist.`,
		outside: `${name} is a link to a file outside this folder: not followed.`,
		not_a_file: `${name} is not a regular file (a FIFO, device or folder): skipped.`,
		too_big: `${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: skipped.`,
	}[reason];
}
