/**
 * `<keylab-key-field>`: moves what the learner types into the tab's key holder and back out of
 * the input when the key is forgotten. The key exists in two places only: the input's value (a
 * text field drawn as dots, so no password manager offers to save it) and the holder's closure;
 * feedback text never quotes it.
 */
import { keyHolder } from '../../../sandbox/keys/key-holder.ts';
import { scrubSecrets } from '../../../sandbox/keys/redact.ts';

/** One line of format feedback, as shown under the field. */
export interface KeyFeedback {
	level: 'ok' | 'warning' | 'error';
	text: string;
}

/** Turns a typed value into feedback; loaded on first input so the page stays light. */
export type FeedbackFor = (value: string) => KeyFeedback | undefined;

const loadFeedback = (): Promise<FeedbackFor> =>
	import('./key-feedback.ts').then((m) => m.feedbackFor);

/** The reusable key field element. */
export class KeylabKeyField extends HTMLElement {
	#unsubscribe: (() => void) | undefined;
	#feedback: Promise<FeedbackFor> | undefined;

	connectedCallback(): void {
		const input = this.querySelector<HTMLInputElement>('[data-key-input]');
		const toggle = this.querySelector<HTMLButtonElement>('[data-key-toggle]');
		const forget = this.querySelector<HTMLButtonElement>('[data-key-forget]');
		if (!input || !toggle || !forget) return;
		// A restored form value from before a reload must not outlive the holder it belonged to.
		if (!keyHolder.has()) input.value = '';
		forget.disabled = !keyHolder.has();

		input.addEventListener('input', () => {
			const value = input.value.trim();
			keyHolder.set(value);
			void this.#showFeedback(input.value);
		});
		toggle.addEventListener('click', () => {
			const show = input.hasAttribute('data-concealed');
			input.toggleAttribute('data-concealed', !show);
			toggle.setAttribute('aria-pressed', String(show));
			toggle.textContent = show ? 'Hide' : 'Show';
		});
		forget.addEventListener('click', () => keyHolder.forget('user'));

		this.#unsubscribe = keyHolder.subscribe((event) => {
			forget.disabled = event.type === 'forget';
			if (event.type !== 'forget') return;
			input.value = '';
			input.toggleAttribute('data-concealed', true);
			toggle.setAttribute('aria-pressed', 'false');
			toggle.textContent = 'Show';
			this.#say(
				event.reason === 'idle'
					? {
							level: 'warning',
							text: 'Your key was forgotten after 15 minutes without use. Paste it again to keep going.',
						}
					: { level: 'ok', text: 'Key forgotten. It is no longer anywhere in this tab.' },
			);
		});
	}

	disconnectedCallback(): void {
		this.#unsubscribe?.();
	}

	async #showFeedback(value: string): Promise<void> {
		if (value === '') return this.#say(undefined);
		this.#feedback ??= loadFeedback();
		const feedbackFor = await this.#feedback;
		const input = this.querySelector<HTMLInputElement>('[data-key-input]');
		// Typing moved on while the module loaded: only the latest value gets feedback.
		if (input?.value !== value) return;
		const feedback = feedbackFor(value);
		this.#say(
			feedback && { ...feedback, text: scrubSecrets(feedback.text, [value, value.trim()]) },
		);
	}

	#say(feedback: KeyFeedback | undefined): void {
		const line = this.querySelector<HTMLElement>('[data-key-feedback]');
		if (!line) return;
		line.textContent = feedback?.text ?? '';
		line.dataset.level = feedback?.level ?? '';
	}
}

if (!customElements.get('keylab-key-field'))
	customElements.define('keylab-key-field', KeylabKeyField);
