/**
 * Turns what the leak check is given (picked files, a picked folder, a drop of files or folders)
 * into texts to scan, in the page: files are read with the File API and go nowhere.
 */

/** Files bigger than this are skipped: a source file that holds a key is never this big. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Folders that hold no source worth scanning, only copies (and git's compressed objects). */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const MAX_FILES = 20_000;

/** One file to scan: its path in what was dropped, and the File. */
export interface PickedFile {
	path: string;
	file: File;
}

/** The files of an `<input type=file>` (with or without `webkitdirectory`). */
export function fromInput(list: FileList | null): PickedFile[] {
	return [...(list ?? [])]
		.map((file) => ({ path: file.webkitRelativePath || file.name, file }))
		.filter(({ path }) => !path.split('/').some((part) => SKIPPED_FOLDERS.has(part)));
}

/** The files of a drop, walking into dropped folders. */
export async function fromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
	// Entries must be taken synchronously, before the drop event's data store closes.
	const entries = [...transfer.items]
		.map((item) => item.webkitGetAsEntry?.())
		.filter((entry): entry is FileSystemEntry => Boolean(entry));
	if (entries.length === 0) return [...transfer.files].map((file) => ({ path: file.name, file }));
	const picked: PickedFile[] = [];
	for (const entry of entries) await walk(entry, picked);
	return picked;
}

async function walk(entry: FileSystemEntry, picked: PickedFile[]): Promise<void> {
	if (picked.length >= MAX_FILES) return;
	const path = entry.fullPath.replace(/^\//, '');
	if (entry.isFile) {
		const file = await new Promise<File>((resolve, reject) =>
			(entry as FileSystemFileEntry).file(resolve, reject),
		);
		picked.push({ path, file });
		return;
	}
	if (!entry.isDirectory || SKIPPED_FOLDERS.has(entry.name)) return;
	const reader = (entry as FileSystemDirectoryEntry).createReader();
	// readEntries answers in batches (100 in Chromium) until it answers an empty one.
	for (;;) {
		const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
			reader.readEntries(resolve, reject),
		);
		if (batch.length === 0) return;
		for (const child of batch) await walk(child, picked);
	}
}

/** A file's text, or why it was skipped. */
export async function readText(
	picked: PickedFile,
): Promise<{ text: string } | { skipped: 'too big' | 'binary' | 'unreadable' }> {
	if (picked.file.size > MAX_FILE_BYTES) return { skipped: 'too big' };
	let text: string;
	try {
		text = await picked.file.text();
	} catch {
		return { skipped: 'unreadable' };
	}
	// A NUL in the first 8 kB means a binary file, as git decides it.
	if (text.slice(0, 8000).includes('\0')) return { skipped: 'binary' };
	return { text };
}
