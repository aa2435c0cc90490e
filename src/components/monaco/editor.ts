/**
 * One Monaco editor per sandbox, one model per file; switching a file tab swaps the model. Dark
 * mode follows Starlight's `data-theme` on <html>.
 */
import type { SandboxFile } from '../../../sandbox/engines/types.ts';
import { loadMonaco, type Monaco } from './load-monaco.ts';

/** What the sandbox controller needs from an editor. */
export interface EditorHandle {
	getFiles(): SandboxFile[];
	setFiles(files: readonly SandboxFile[]): void;
	show(path: string): void;
	focus(): void;
	dispose(): void;
}

const LANGUAGES: Array<[RegExp, string]> = [
	[/\.[cm]?js$/, 'javascript'],
	[/\.[cm]?ts$/, 'typescript'],
];

function languageOf(path: string): string {
	return LANGUAGES.find(([pattern]) => pattern.test(path))?.[1] ?? 'plaintext';
}

function themeOf(): string {
	return document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark';
}

let sandboxCount = 0;

/**
 * Tab indents in the editor, so Escape then Tab (or Shift+Tab) moves focus out, as in CodeMirror:
 * without it a keyboard user is trapped (WCAG 2.1.2). An Escape that Monaco used (closing a
 * suggestion, a selection) is default-prevented by its keybinding service and does not count.
 */
function releaseTabOnEscape(
	host: HTMLElement,
	editor: ReturnType<Monaco['editor']['create']>,
): void {
	host.addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && !event.defaultPrevented)
			editor.updateOptions({ tabFocusMode: true });
		else if (event.key !== 'Tab' && event.key !== 'Shift')
			editor.updateOptions({ tabFocusMode: false });
	});
	// Back in the editor, Tab indents again.
	editor.onDidBlurEditorWidget(() => editor.updateOptions({ tabFocusMode: false }));
}

/** Mounts an editor in `host` showing `active`; `onRun` is bound to Ctrl/Cmd+Enter. */
export async function mountEditor(
	host: HTMLElement,
	files: readonly SandboxFile[],
	active: string,
	onRun: () => void,
): Promise<EditorHandle> {
	const monaco: Monaco = await loadMonaco();
	// Each sandbox gets its own folder of models, so two sandboxes on a page never share a file.
	const root = `file:///sandbox-${++sandboxCount}/`;
	const models = new Map<string, ReturnType<Monaco['editor']['createModel']>>();
	const modelFor = (file: SandboxFile) => {
		let model = models.get(file.path);
		if (!model) {
			model = monaco.editor.createModel(
				file.contents,
				languageOf(file.path),
				monaco.Uri.parse(root + file.path),
			);
			models.set(file.path, model);
		} else if (model.getValue() !== file.contents) {
			// pushEditOperations keeps undo history, so a Reset can be undone with Ctrl+Z.
			model.pushEditOperations(
				[],
				[{ range: model.getFullModelRange(), text: file.contents }],
				() => null,
			);
		}
		return model;
	};
	files.forEach(modelFor);

	const editor = monaco.editor.create(host, {
		model: models.get(active) ?? null,
		theme: themeOf(),
		automaticLayout: true,
		minimap: { enabled: false },
		scrollBeyondLastLine: false,
		fontSize: 14,
		tabSize: 2,
		ariaLabel: 'Code editor. Escape, then Tab, leaves it.',
		fixedOverflowWidgets: true,
		cursorBlinking: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'solid' : 'blink',
	});
	editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
	releaseTabOnEscape(host, editor);
	const observer = new MutationObserver(() => monaco.editor.setTheme(themeOf()));
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

	return {
		getFiles: () => [...models].map(([path, model]) => ({ path, contents: model.getValue() })),
		setFiles(next) {
			for (const [path, model] of models) {
				if (!next.some((file) => file.path === path)) {
					model.dispose();
					models.delete(path);
				}
			}
			next.forEach(modelFor);
		},
		show(path) {
			const model = models.get(path);
			if (model) editor.setModel(model);
		},
		focus: () => editor.focus(),
		dispose() {
			observer.disconnect();
			editor.dispose();
			models.forEach((model) => model.dispose());
		},
	};
}
