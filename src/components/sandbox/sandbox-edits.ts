/**
 * Keeps a learner's edits across a reload, in this tab only (sessionStorage), and never a key:
 * files holding anything key-shaped, or the key the tab holds, are not saved at all. Losing an
 * edit to a reload is a nuisance; a key in storage would break keylab's promise.
 */
import type { SandboxFile } from '../../../sandbox/engines/types.ts';

/** Anything that looks like an OpenAI secret key, real or practice. */
export const KEY_SHAPED = /sk-[A-Za-z0-9_-]{16,}/;

type EditsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The storage slot of one sandbox: its page and its place on the page. */
export function editsSlot(root: Element): string {
	const index = [...document.querySelectorAll('keylab-sandbox')].indexOf(root);
	return `keylab:edits:${location.pathname}:${index}`;
}

const same = (a: readonly SandboxFile[], b: readonly SandboxFile[]) =>
	a.length === b.length &&
	a.every((file, index) => file.path === b[index]?.path && file.contents === b[index]?.contents);

/** True when a file holds something that must never be written to storage. */
export function holdsSecret(files: readonly SandboxFile[], heldKey: string | undefined): boolean {
	return files.some(
		(file) => KEY_SHAPED.test(file.contents) || (!!heldKey && file.contents.includes(heldKey)),
	);
}

/** Saves edited files (clears the slot when they equal the template or hold a secret). */
export function saveEdits(
	storage: EditsStorage,
	slot: string,
	files: readonly SandboxFile[],
	template: readonly SandboxFile[],
	heldKey: string | undefined,
): boolean {
	try {
		if (same(files, template) || holdsSecret(files, heldKey)) {
			storage.removeItem(slot);
			return false;
		}
		storage.setItem(slot, JSON.stringify(files));
		return true;
	} catch {
		return false; // Storage full or disabled: edits simply don't survive a reload.
	}
}

/** The saved files of a slot, or undefined when there are none (or they are unreadable). */
export function loadEdits(storage: EditsStorage, slot: string): SandboxFile[] | undefined {
	try {
		const parsed: unknown = JSON.parse(storage.getItem(slot) ?? 'null');
		if (!Array.isArray(parsed)) return undefined;
		const files = parsed.filter(
			(file): file is SandboxFile =>
				typeof (file as SandboxFile)?.path === 'string' &&
				typeof (file as SandboxFile)?.contents === 'string',
		);
		return files.length > 0 && !holdsSecret(files, undefined) ? files : undefined;
	} catch {
		return undefined;
	}
}

/** Forgets a slot's edits (Reset). */
export function clearEdits(storage: EditsStorage, slot: string): void {
	try {
		storage.removeItem(slot);
	} catch {
		// Nothing was saved, or storage is disabled.
	}
}
