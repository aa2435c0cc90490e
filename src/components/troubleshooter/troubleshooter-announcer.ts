/**
 * Announces through a polite live region only once typing settles. A live region rewritten on
 * every keystroke makes screen readers restart the announcement with each character, so the
 * visible diagnosis updates at once while what is spoken waits for a pause (or a paste).
 */

/** Whether the announcer has something queued or has said its last word. */
export type AnnounceState = 'pending' | 'settled';

/** How long input must be quiet before its result is announced. */
export const SETTLE_MS = 400;

/** Speaks the latest text through `region` after a pause; never repeats what it last said. */
export class SettledAnnouncer {
	readonly #region: HTMLElement;
	readonly #delay: number;
	readonly #onState: (state: AnnounceState) => void;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#pending = '';
	#said = '';

	constructor(
		region: HTMLElement,
		onState: (state: AnnounceState) => void = () => undefined,
		delay = SETTLE_MS,
	) {
		this.#region = region;
		this.#onState = onState;
		this.#delay = delay;
	}

	/** Queues `text`: announced after the pause, or right away when `now` (a paste). */
	say(text: string, now = false): void {
		this.#pending = text;
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		if (now) return this.#flush();
		this.#onState('pending');
		this.#timer = setTimeout(() => this.#flush(), this.#delay);
	}

	/** Drops anything queued and empties the region, so the next text is new again. */
	clear(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#pending = '';
		this.#said = '';
		if (this.#region.textContent !== '') this.#region.textContent = '';
		this.#onState('settled');
	}

	#flush(): void {
		this.#timer = undefined;
		// An unchanged diagnosis stays unspoken: rewriting the region would read it out again.
		if (this.#pending !== this.#said) {
			this.#region.textContent = this.#pending;
			this.#said = this.#pending;
		}
		this.#onState('settled');
	}
}

/** Whether an input event delivered a paste-like chunk rather than one typed character. */
export function isPasteLike(event: Event): boolean {
	if (!(event instanceof InputEvent)) return false;
	return event.inputType.startsWith('insertFrom') || (event.data?.length ?? 0) > 1;
}
