/**
 * `<keylab-practice-console>`: the light part that ships with the page. The console itself
 * (practice-console-view.ts, the practice API, the admin operations) loads when opened.
 */
import type { ConsoleView } from './practice-console-view.ts';

/** The element; tests wait for `data-state="ready"`. */
export class KeylabPracticeConsole extends HTMLElement {
	#view: Promise<ConsoleView> | undefined;

	connectedCallback(): void {
		this.querySelector('[data-action="open-console"]')?.addEventListener(
			'click',
			() => void this.open(),
		);
	}

	disconnectedCallback(): void {
		void this.#view?.then((view) => view.dispose());
	}

	/** Loads and shows the console; resolves when it is ready. */
	open(): Promise<ConsoleView> {
		this.#view ??= (async () => {
			this.dataset.state = 'loading';
			const { mountConsole } = await import('./practice-console-view.ts');
			const view = await mountConsole(this);
			const opener = this.querySelector<HTMLElement>('[data-action="open-console"]');
			const hadFocus = opener !== null && opener === document.activeElement;
			opener?.setAttribute('hidden', '');
			// Hiding the focused button would drop focus to the page; carry it into the console.
			if (hadFocus) this.querySelector<HTMLElement>('[data-action="create"]')?.focus();
			this.dataset.state = 'ready';
			return view;
		})();
		return this.#view;
	}
}

if (!customElements.get('keylab-practice-console')) {
	customElements.define('keylab-practice-console', KeylabPracticeConsole);
}
