/**
 * "Download .zip": the project as the learner sees it, minus any key. Env files get their
 * `OPENAI_API_KEY=` emptied, the held key and anything key-shaped (the same test as saved edits)
 * are cut from every file, and the learner is told what was removed, so a zip shared by mistake
 * leaks nothing.
 */
import { strToU8, zipSync } from 'fflate';
import type { SandboxFile } from '../../../sandbox/engines/types.ts';
import type { KeyHolder } from '../../../sandbox/keys/key-holder.ts';
import { KEY_SHAPED } from './sandbox-edits.ts';

const SECRET_VARIABLE = /^(\s*(?:export\s+)?OPENAI_API_KEY\s*=)(.*)$/gm;
const KEY_SHAPED_ALL = new RegExp(KEY_SHAPED.source, 'g');
/** What a removed key becomes: plainly not a key, and still valid inside a string literal. */
export const REMOVED = 'REMOVED_BY_KEYLAB';

/** The files as they go into the zip, and the paths something was removed from. */
export interface SanitizedFiles {
	files: SandboxFile[];
	/** Paths of files that held a key value (in order); empty when nothing was removed. */
	removedFrom: string[];
}

/** The files as they go into the zip: no key values in env files, nothing key-shaped anywhere. */
export function sanitizeFiles(
	files: readonly SandboxFile[],
	heldKey: string | undefined,
): SanitizedFiles {
	const removedFrom: string[] = [];
	const clean = files.map((file) => {
		let contents = file.contents;
		if (heldKey && heldKey.length >= 8) contents = contents.split(heldKey).join(REMOVED);
		contents = contents.replace(KEY_SHAPED_ALL, REMOVED);
		if (/(^|\/)\.env(\.|$)/.test(file.path))
			contents = contents.replace(SECRET_VARIABLE, (line, name: string, value: string) =>
				value.trim() ? name : line,
			);
		if (contents !== file.contents) removedFrom.push(file.path);
		return { path: file.path, contents };
	});
	return { files: clean, removedFrom };
}

/** The zip's bytes. */
export function zipFiles(files: readonly SandboxFile[]): Uint8Array {
	return zipSync(Object.fromEntries(files.map((file) => [file.path, strToU8(file.contents)])));
}

/** A sentence saying what the download left out, or undefined when it left nothing out. */
export function removalNote(removedFrom: readonly string[]): string | undefined {
	if (removedFrom.length === 0) return undefined;
	return `The download leaves out key values: removed from ${removedFrom.join(', ')}. Put your key in .env on your own machine.`;
}

/** Saves the project as `name` through a temporary object URL; returns what it removed. */
export function downloadZip(
	files: readonly SandboxFile[],
	name: string,
	holder: KeyHolder,
): SanitizedFiles {
	// has() first: reading the holder only when a key is there keeps its idle timer honest.
	const sanitized = sanitizeFiles(files, holder.has() ? holder.get() : undefined);
	const bytes = zipFiles(sanitized.files);
	const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
	return sanitized;
}
