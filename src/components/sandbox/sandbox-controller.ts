/**
 * Everything a sandbox does once the learner interacts: runs code on an engine, writes output,
 * swaps the static code for Monaco, resets and downloads. Loaded by `<keylab-sandbox>` on demand.
 */
import type { SandboxFile } from '../../../sandbox/engines/types.ts';
import { keyHolder } from '../../../sandbox/keys/key-holder.ts';
import type { EditorHandle } from '../monaco/editor.ts';
import { OutputLog } from './output-log.ts';
import { clearEdits, editsSlot, loadEdits, saveEdits } from './sandbox-edits.ts';
import { ensureTab, removeAddedTabs, restoreStaticCode, showPlainCode } from './sandbox-views.ts';
import { runProgram } from './sandbox-run.ts';
import { pinEngine, warmEngines } from '../runtime/engine-session.ts';
import { watchSandbox } from './sandbox-engine.ts';

/** The actions behind the sandbox's buttons. */
export interface SandboxController {
	run(): Promise<void>;
	stop(): void;
	reset(): Promise<void>;
	download(): Promise<void>;
	setFiles(files: readonly SandboxFile[]): Promise<void>;
	getFiles(): SandboxFile[];
	openEditor(): Promise<void>;
	/** The learner reached for the sandbox: warm the engines (the WebContainer in the background). */
	warm(): Promise<void>;
	/** Pins an engine for the tab ('auto', 'worker' or 'webcontainer'). */
	pin(choice: string): Promise<void>;
}

/** The states e2e tests and styles key on (`data-state`). */
export type SandboxState = 'idle' | 'booting' | 'running' | 'ready' | 'error';

type SandboxElement = HTMLElement & { selectFile(path: string): void };

function readTemplate(root: HTMLElement): SandboxFile[] {
	const script = root.querySelector('script[data-files]');
	return JSON.parse(script?.textContent ?? '[]') as SandboxFile[];
}

/** Wires one `<keylab-sandbox>` element. */
export function createController(root: SandboxElement): SandboxController {
	const template = readTemplate(root);
	let files: SandboxFile[] = template.map((file) => ({ ...file }));
	let editor: EditorHandle | undefined;
	let editorLoading: Promise<void> | undefined;
	let running: AbortController | undefined;
	const logElement = root.querySelector<HTMLElement>('[data-output]');
	if (!logElement) throw new Error('<keylab-sandbox> has no [data-output] element.');
	let runKey: string | undefined;
	const log = new OutputLog(logElement, () => [runKey]);

	const setState = (state: SandboxState) => {
		root.dataset.state = state;
		const runButton = root.querySelector<HTMLButtonElement>('[data-action="run"]');
		const stopButton = root.querySelector<HTMLButtonElement>('[data-action="stop"]');
		const busy = state === 'booting' || state === 'running';
		// A disabled button drops the focus; hand it to the button that takes over instead.
		const handOff = busy
			? document.activeElement === runButton && stopButton
			: document.activeElement === stopButton && runButton;
		if (stopButton) stopButton.disabled = !busy;
		if (runButton) runButton.disabled = busy;
		if (handOff) handOff.focus();
	};

	const currentFiles = () => (editor ? editor.getFiles() : files.map((file) => ({ ...file })));

	const applyFiles = (next: readonly SandboxFile[], original: boolean) => {
		files = next.map((file) => ({ ...file }));
		if (original) removeAddedTabs(root);
		for (const file of files) ensureTab(root, file.path);
		if (editor) editor.setFiles(files);
		else if (original) restoreStaticCode(root);
		else for (const file of files) showPlainCode(root, file.path, file.contents);
	};

	const controller: SandboxController = {
		async run() {
			if (running) return;
			running = new AbortController();
			const signal = running.signal;
			try {
				const outcome = await runProgram({
					root,
					files: currentFiles(),
					entry: root.dataset.entry ?? 'index.js',
					log,
					signal,
					setState,
					onKey: (key) => (runKey = key),
				});
				root.dataset.exitCode = outcome === undefined ? '' : String(outcome.exitCode);
				setState(outcome && outcome.exitCode === 0 ? 'ready' : 'error');
			} catch (error) {
				log.note(`The sandbox could not run this: ${(error as Error).message}`, 'warning');
				setState('error');
			} finally {
				running = undefined;
				root.dataset.runs = String(Number(root.dataset.runs ?? 0) + 1);
			}
		},
		stop() {
			running?.abort();
		},
		reset() {
			clearEdits(sessionStorage, slot);
			applyFiles(template, true);
			log.note('Reset to the lesson’s code.');
			return Promise.resolve();
		},
		async download() {
			const { downloadZip, removalNote } = await import('./sandbox-zip.ts');
			const { removedFrom } = downloadZip(
				currentFiles(),
				`keylab-${root.dataset.template ?? 'sample'}.zip`,
				keyHolder,
			);
			const note = removalNote(removedFrom);
			if (note) log.note(note);
		},
		setFiles(next) {
			applyFiles(next, false);
			return Promise.resolve();
		},
		getFiles: currentFiles,
		openEditor() {
			editorLoading ??= (async () => {
				root.dataset.editor = 'loading';
				const host = root.querySelector<HTMLElement>('[data-editor]');
				if (!host) return;
				const { mountEditor } = await import('../monaco/editor.ts');
				const active = root.dataset.file ?? files[0]?.path ?? 'index.js';
				editor = await mountEditor(host, files, active, () => void controller.run());
				for (const view of root.querySelectorAll<HTMLElement>('[data-static]')) view.hidden = true;
				host.hidden = false;
				root.addEventListener('keylab:file', (event) => {
					editor?.show((event as CustomEvent<string>).detail);
				});
				root.dataset.editor = 'ready';
				// The editor is the code panel's tab stop now.
				const panel = root.querySelector<HTMLElement>('[data-code]');
				panel?.removeAttribute('tabindex');
				// Only if the learner is still at the code: loading must not pull focus from elsewhere.
				const at = document.activeElement;
				if (!at || at === document.body || panel?.contains(at)) editor.focus();
			})();
			return editorLoading;
		},

		async warm() {
			watchSandbox(root);
			await warmEngines();
		},

		async pin(choice) {
			watchSandbox(root);
			await pinEngine(choice === 'worker' || choice === 'webcontainer' ? choice : 'auto');
		},
	};
	setState((root.dataset.state ?? 'idle') as SandboxState);
	// Edits survive a reload (this tab only); a page hide is the last moment to keep them.
	const slot = editsSlot(root);
	const saved = loadEdits(sessionStorage, slot);
	if (saved) {
		applyFiles(saved, false);
		log.note('Restored your edits from before the reload. Reset brings back the lesson’s code.');
	}
	addEventListener('pagehide', () =>
		saveEdits(sessionStorage, slot, currentFiles(), template, keyHolder.get()),
	);
	return controller;
}
