/**
 * `<keylab-leak-check>`: finds OpenAI keys in pasted text, picked files or a dropped folder, in
 * the page. Nothing is sent, stored or logged; findings show redacted keys only. The detector
 * loads when the page goes idle or on first use, so the page ships little more than this element.
 */
import type { PickedFile } from './leak-check-files.ts';
import type * as ScanExports from './leak-check-scan.ts';
import { whenIdle } from '../common/when-idle.ts';

type ScanModule = typeof ScanExports;

/** Pastes longer than this are checked but not put in the text box. */
const SHOWN_PASTE_LIMIT = 512 * 1024;

/** The leak check element. */
export class KeylabLeakCheck extends HTMLElement {
	#scan: Promise<ScanModule> | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#controller: AbortController | undefined;

	connectedCallback(): void {
		const text = this.querySelector<HTMLTextAreaElement>('[data-text]');
		const drop = this.querySelector<HTMLElement>('[data-drop]');
		const load = () => void this.#load().catch(() => undefined);
		text?.addEventListener('focus', load);
		text?.addEventListener('paste', (event) => {
			const pasted = event.clipboardData?.getData('text/plain') ?? '';
			if (pasted.length <= SHOWN_PASTE_LIMIT) return;
			// A browser takes seconds to lay out megabytes in a text box; the check takes
			// milliseconds. So a big paste is checked without being shown.
			event.preventDefault();
			clearTimeout(this.#timer);
			text.value = '';
			text.placeholder = `${(pasted.length / 1024 / 1024).toFixed(1)} MB pasted: checked below, not shown (too big to display).`;
			void this.#checkPaste(pasted);
		});
		text?.addEventListener('input', (event) => {
			clearTimeout(this.#timer);
			// A paste is checked at once; typing, once it pauses.
			const delay = event instanceof InputEvent && event.inputType === 'insertFromPaste' ? 0 : 150;
			this.#timer = setTimeout(() => void this.#checkPaste(text.value), delay);
		});
		for (const input of this.querySelectorAll<HTMLInputElement>('input[type=file]')) {
			input.addEventListener('click', load);
			input.addEventListener('change', () => {
				void this.#checkFiles((scan) => scan.fromInput(input.files));
			});
		}
		drop?.addEventListener('dragenter', load);
		drop?.addEventListener('dragover', (event) => {
			event.preventDefault();
			drop.dataset.over = '';
		});
		drop?.addEventListener('dragleave', () => delete drop.dataset.over);
		drop?.addEventListener('drop', (event) => {
			event.preventDefault();
			delete drop.dataset.over;
			const transfer = event.dataTransfer;
			if (!transfer) return;
			// The items must be read during the event; fromDrop takes them synchronously.
			const files = this.#load().then((scan) => scan.fromDrop(transfer));
			void this.#checkFiles(() => files);
		});
		// Fetched ahead of use, so a check after the network went away still works.
		whenIdle(load);
		this.dataset.state = 'ready';
	}

	disconnectedCallback(): void {
		this.#controller?.abort();
		clearTimeout(this.#timer);
	}

	#load(): Promise<ScanModule> {
		this.#scan ??= import('./leak-check-scan.ts').then((scan) => {
			this.dataset.engine = 'loaded';
			return scan;
		});
		return this.#scan;
	}

	async #checkPaste(text: string): Promise<void> {
		const scan = await this.#load();
		if (text.trim() === '') return this.#show([], '');
		const report = scan.scanPaste(text);
		this.#show(scan.renderReport(report), scan.summary(report));
	}

	async #checkFiles(
		pick: (scan: ScanModule) => Promise<PickedFile[]> | PickedFile[],
	): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.dataset.state = 'scanning';
		const scan = await this.#load();
		const files = await pick(scan);
		const report = await scan.scanFiles(files, controller.signal);
		if (controller.signal.aborted) return;
		this.#show(scan.renderReport(report), scan.summary(report));
	}

	#show(nodes: Node[], sentence: string): void {
		this.querySelector('[data-results]')?.replaceChildren(...nodes);
		const status = this.querySelector('[data-announce]');
		if (status) status.textContent = sentence;
		this.dataset.state = sentence ? 'done' : 'ready';
	}
}

if (!customElements.get('keylab-leak-check'))
	customElements.define('keylab-leak-check', KeylabLeakCheck);
