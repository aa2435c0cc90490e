/**
 * `<keylab-sandbox>`: the part of the sandbox that ships with the page. It only switches file tabs
 * and forwards actions; the controller (engines, output, zip) and Monaco load on interaction, so a
 * lesson nobody touches pays a few hundred bytes for its sandbox.
 */
import type { SandboxFile } from '../../../sandbox/engines/types.ts';
import type { SandboxController } from './sandbox-controller.ts';
import { editsSlot } from './sandbox-edits.ts';

/** The element's public API, used by scenario cards, the practice console and tests. */
export class KeylabSandbox extends HTMLElement {
	#controller: Promise<SandboxController> | undefined;

	connectedCallback(): void {
		this.addEventListener('click', (event) => {
			const target = (event.target as Element).closest<HTMLElement>('[data-action],[role="tab"]');
			if (!target) return;
			if (target.getAttribute('role') === 'tab') return this.selectFile(target.dataset.path ?? '');
			void this.#act(target.dataset.action ?? '');
		});
		this.addEventListener('keydown', (event) => this.#onKey(event));
		this.addEventListener('change', (event) => {
			const target = event.target as HTMLInputElement;
			if (target.name?.endsWith('-mode')) this.#syncMode();
			if (target.matches('[data-engine-pin]'))
				void this.controller().then(
					(controller) => controller.pin(target.value),
					() => undefined,
				);
		});
		// Warm the controller and the engines as soon as the learner heads for the sandbox; the
		// WebContainer (a third party) is contacted only from here, never on a page load alone.
		const reach = () =>
			void this.controller().then(
				(controller) => controller.warm(),
				() => undefined,
			);
		for (const type of ['pointerenter', 'pointerdown', 'focusin'])
			this.addEventListener(type, reach, { once: true });
		const code = this.querySelector<HTMLElement>('[data-code]');
		const edit = () =>
			void this.controller().then(
				(controller) => controller.openEditor(),
				() => undefined,
			);
		// Focus only warms: tabbing past the code must not turn it into an editor that takes the
		// focus (WCAG 3.2.1). A click, or Enter on the code panel, opens the editor.
		code?.addEventListener('focusin', () => void this.controller().catch(() => undefined), {
			once: true,
		});
		code?.addEventListener('pointerdown', edit, { once: true });
		code?.addEventListener('keydown', (event) => {
			if (event.key !== 'Enter' || event.target !== code || event.ctrlKey || event.metaKey) return;
			event.preventDefault();
			edit();
		});
		this.#syncMode();
		// The engine pinned earlier in this tab shows before anything loads (engine-session.ts owns it).
		const picker = this.querySelector<HTMLSelectElement>('[data-engine-pin]');
		const pinned = sessionStorage.getItem('keylab:engine-pin');
		if (picker && pinned) picker.value = pinned;
		// Edits saved before a reload are shown again at once.
		if (sessionStorage.getItem(editsSlot(this))) void this.controller().catch(() => undefined);
	}

	/** The controller, loaded on first use. A failed load is reported and retried on next use. */
	controller(): Promise<SandboxController> {
		this.#controller ??= import('./sandbox-controller.ts').then(
			(m) => m.createController(this),
			(error: unknown) => {
				this.#controller = undefined;
				this.#reportLoadFailure();
				throw error;
			},
		);
		return this.#controller;
	}

	// Without this a Run pressed offline, before the runner was ever downloaded, would do nothing.
	#reportLoadFailure(): void {
		const output = this.querySelector<HTMLElement>('[data-output]');
		const line = document.createElement('p');
		line.className = 'keylab-line keylab-note';
		line.textContent = navigator.onLine
			? 'The sandbox’s runner could not be downloaded. Check your connection and press Run again, or reload the page.'
			: 'You are offline, and the sandbox’s runner has not been downloaded yet. Reconnect and press Run again; once it has run once, practice mode keeps working offline.';
		output?.append(line);
		this.dataset.state = 'error';
	}

	/** Runs the files as they are now; resolves when the run has ended. */
	async run(): Promise<void> {
		return (await this.controller()).run();
	}

	/** Replaces the project's files (e.g. a scenario's starter code). */
	async setFiles(files: readonly SandboxFile[]): Promise<void> {
		return (await this.controller()).setFiles(files);
	}

	/** The project's files as they are now. */
	async getFiles(): Promise<SandboxFile[]> {
		return (await this.controller()).getFiles();
	}

	/** Shows the file at `path`. */
	selectFile(path: string): void {
		const tabs = [...this.querySelectorAll<HTMLElement>('[role="tab"]')];
		const tab = tabs.find((candidate) => candidate.dataset.path === path);
		if (!tab) return;
		for (const other of tabs) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			other.tabIndex = selected ? 0 : -1;
		}
		const panel = this.querySelector<HTMLElement>('[role="tabpanel"]');
		panel?.setAttribute('aria-labelledby', tab.id);
		// Once Monaco is up the static views stay hidden; the editor swaps models on `keylab:file`.
		const editing = this.dataset.editor === 'ready';
		for (const view of this.querySelectorAll<HTMLElement>('[data-static]')) {
			view.hidden = editing || view.dataset.static !== path;
		}
		this.dataset.file = path;
		this.dispatchEvent(new CustomEvent('keylab:file', { detail: path }));
	}

	async #act(action: string): Promise<void> {
		if (action === 'stop' && !this.#controller) return;
		const controller = await this.controller().catch(() => undefined);
		if (!controller) return;
		if (action === 'run') await controller.run();
		else if (action === 'stop') controller.stop();
		else if (action === 'reset') await controller.reset();
		else if (action === 'download') await controller.download();
	}

	#onKey(event: KeyboardEvent): void {
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
			event.preventDefault();
			void this.#act('run');
			return;
		}
		const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]');
		if (!tab) return;
		const tabs = [...this.querySelectorAll<HTMLElement>('[role="tab"]')];
		const index = tabs.indexOf(tab);
		const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[
			event.key
		];
		if (next === undefined) return;
		event.preventDefault();
		const target = tabs[(next + tabs.length) % tabs.length];
		if (!target) return;
		this.selectFile(target.dataset.path ?? '');
		target.focus();
	}

	#syncMode(): void {
		const live = this.querySelector<HTMLInputElement>('input[value="live"]:checked');
		this.dataset.mode = live ? 'live' : 'practice';
	}
}

if (!customElements.get('keylab-sandbox')) customElements.define('keylab-sandbox', KeylabSandbox);
