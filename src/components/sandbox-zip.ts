/**
 * "Download .zip": the project as the learner sees it, minus any key. Env files get their
 * `OPENAI_API_KEY=` emptied and the held key is cut from every file, so a zip shared by
 * mistake leaks nothing.
 */
import { strToU8, zipSync } from 'fflate';
import type { SandboxFile } from '../../sandbox/engines/types.ts';
import type { KeyHolder } from '../../sandbox/keys/key-holder.ts';

const SECRET_VARIABLE = /^(\s*(?:export\s+)?OPENAI_API_KEY\s*=).*$/gm;

/** The files as they go into the zip: no key values in env files, no held key anywhere. */
export function sanitizeFiles(
	files: readonly SandboxFile[],
	heldKey: string | undefined,
): SandboxFile[] {
	return files.map((file) => {
		let contents = file.contents;
		if (heldKey && heldKey.length >= 8) contents = contents.split(heldKey).join('');
		if (/(^|\/)\.env(\.|$)/.test(file.path)) contents = contents.replace(SECRET_VARIABLE, '$1');
		return { path: file.path, contents };
	});
}

/** The zip's bytes. */
export function zipFiles(files: readonly SandboxFile[]): Uint8Array {
	return zipSync(Object.fromEntries(files.map((file) => [file.path, strToU8(file.contents)])));
}

/** Saves the project as `name` through a temporary object URL. */
export function downloadZip(files: readonly SandboxFile[], name: string, holder: KeyHolder): void {
	// has() first: reading the holder only when a key is there keeps its idle timer honest.
	const bytes = zipFiles(sanitizeFiles(files, holder.has() ? holder.get() : undefined));
	const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
