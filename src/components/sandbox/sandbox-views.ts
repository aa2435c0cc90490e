/**
 * The static (pre-editor) views of a sandbox's files: the server-rendered highlighted code, or
 * plain text when code was replaced before Monaco loaded (a scenario's starter, a test).
 */

const originals = new WeakMap<HTMLElement, Node[]>();

function views(root: HTMLElement): HTMLElement[] {
	return [...root.querySelectorAll<HTMLElement>('[data-static]')];
}

/** Adds a tab and a static view for `path` when the project has no such file yet. */
export function ensureTab(root: HTMLElement, path: string): void {
	const tabs = [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
	if (tabs.some((tab) => tab.dataset.path === path)) return;
	const first = tabs[0];
	const list = root.querySelector('[role="tablist"]');
	const panel = root.querySelector<HTMLElement>('[role="tabpanel"]');
	if (!first || !list || !panel) return;
	const tab = first.cloneNode(false) as HTMLElement;
	tab.id = `${first.id.replace(/-tab-\d+$/, '')}-tab-${tabs.length}`;
	tab.dataset.path = path;
	tab.textContent = path;
	tab.setAttribute('aria-selected', 'false');
	tab.tabIndex = -1;
	tab.dataset.added = '';
	list.append(tab);
	const view = document.createElement('div');
	view.dataset.static = path;
	view.dataset.added = '';
	view.hidden = true;
	panel.querySelector('[data-editor]')?.before(view);
	showPlainCode(root, path, '');
}

/** Shows `contents` as plain text for `path` (the highlighted version no longer matches). */
export function showPlainCode(root: HTMLElement, path: string, contents: string): void {
	const view = views(root).find((candidate) => candidate.dataset.static === path);
	if (!view) return;
	if (!originals.has(view)) originals.set(view, [...view.childNodes]);
	const pre = document.createElement('pre');
	pre.className = 'keylab-plain-code';
	pre.tabIndex = 0;
	const code = document.createElement('code');
	code.textContent = contents;
	pre.append(code);
	view.replaceChildren(pre);
}

/** Removes the tabs of files the template does not have (Reset). */
export function removeAddedTabs(root: HTMLElement): void {
	for (const element of root.querySelectorAll('[data-added]')) element.remove();
}

/** Puts the server-rendered highlighted code back (Reset before the editor loaded). */
export function restoreStaticCode(root: HTMLElement): void {
	for (const view of views(root)) {
		const nodes = originals.get(view);
		if (nodes) view.replaceChildren(...nodes);
	}
}
