/**
 * `<site-search>`: Starlight's search dialog, with Pagefind's UI loaded on intent instead of on
 * idle (see SiteSearch.astro). Behaviour otherwise follows Starlight's: Ctrl/⌘+K toggles the
 * dialog, a click outside it or on a result closes it.
 */
import { loadStylesheet } from '../common/load-stylesheet.ts';
import uiStylesheet from './pagefind-ui.css?url';

class SiteSearch extends HTMLElement {
	#ui: Promise<void> | undefined;

	connectedCallback(): void {
		const openButton = this.querySelector<HTMLButtonElement>('button[data-open-modal]');
		const closeButton = this.querySelector<HTMLButtonElement>('button[data-close-modal]');
		const dialog = this.querySelector('dialog');
		const frame = this.querySelector('.dialog-frame');
		if (!openButton || !closeButton || !dialog || !frame) return;

		/** Closes the dialog on a click on a link or outside it. */
		const onClick = (event: MouseEvent) => {
			const target = event.target;
			if (!(target instanceof Element)) return;
			if (target.closest('a') || (document.body.contains(target) && !frame.contains(target)))
				dialog.close();
		};
		const open = (event?: MouseEvent) => {
			dialog.showModal();
			document.body.toggleAttribute('data-search-modal-open', true);
			event?.stopPropagation();
			window.addEventListener('click', onClick);
			void this.#loadUi().then(() => {
				if (dialog.open) this.querySelector('input')?.focus();
			});
		};

		// Intent: the pointer reaching the button or focus landing on it starts the download, so
		// the UI is usually ready by the time the dialog opens.
		const warm = () => void this.#loadUi();
		openButton.addEventListener('pointerenter', warm, { once: true });
		openButton.addEventListener('focus', warm, { once: true });
		openButton.addEventListener('click', open);
		openButton.disabled = false;
		closeButton.addEventListener('click', () => dialog.close());
		dialog.addEventListener('close', () => {
			document.body.toggleAttribute('data-search-modal-open', false);
			window.removeEventListener('click', onClick);
		});
		window.addEventListener('keydown', (event) => {
			if ((event.metaKey || event.ctrlKey) && event.key === 'k') {
				if (dialog.open) dialog.close();
				else open();
				event.preventDefault();
			}
		});
	}

	/** Loads and mounts Pagefind's UI once; on failure, says so in the dialog. */
	#loadUi(): Promise<void> {
		if (import.meta.env.DEV) return Promise.resolve();
		this.#ui ??= Promise.all([
			import('@pagefind/default-ui'),
			loadStylesheet(uiStylesheet, 'search'),
		]).then(
			([{ PagefindUI }]) => {
				this.querySelector('[data-search-error]')?.remove();
				let translations: Record<string, string> = {};
				try {
					translations = JSON.parse(this.dataset.translations ?? '{}') as Record<string, string>;
				} catch {
					// Starlight's defaults stand in.
				}
				new PagefindUI({
					element: '#starlight__search',
					baseUrl: import.meta.env.BASE_URL,
					bundlePath: `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/`,
					showImages: false,
					translations,
					showSubResults: true,
				});
			},
			() => {
				this.#ui = undefined;
				this.#showError();
			},
		);
		return this.#ui;
	}

	#showError(): void {
		const container = this.querySelector('#starlight__search');
		if (!container || container.querySelector('[data-search-error]')) return;
		const message = document.createElement('p');
		message.dataset.searchError = '';
		message.setAttribute('role', 'alert');
		message.textContent = navigator.onLine
			? // Reload, not reopen: browsers keep a failed module load (retryable-import.ts), and the lesson
				// pages' budget has no room for the retry; a reload loses nothing here.
				'Search could not load. Reload the page to try again.'
			: 'Search needs a connection: you are offline. Every lesson is in the sidebar.';
		container.append(message);
	}
}

customElements.define('site-search', SiteSearch);
