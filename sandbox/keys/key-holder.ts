/**
 * The one place a learner's real key lives: a closure in this tab's memory. Nothing here writes
 * to storage, the URL or the DOM; the key is cleared by `forget()`, by the idle timeout, and by the
 * tab closing (a reload starts with nothing).
 */
export interface KeyHolder {
	/** The key, or undefined. Reading counts as activity and restarts the idle timer. */
	get(): string | undefined;
	/** Holds a new key (an empty string forgets). */
	set(key: string): void;
	/** Clears the key now. */
	forget(reason?: ForgetReason): void;
	/** True while a key is held; does not restart the idle timer. */
	has(): boolean;
	/** Called whenever the key is set or forgotten; returns an unsubscribe function. */
	subscribe(listener: (event: KeyHolderEvent) => void): () => void;
}

export type ForgetReason = 'user' | 'idle';
export type KeyHolderEvent = { type: 'set' } | { type: 'forget'; reason: ForgetReason };

export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/** 15 minutes without use clears the key. */
export const DEFAULT_IDLE_MS = 15 * 60 * 1000;

/** Creates a holder. Tests pass fake timers; the site uses the shared `keyHolder`. */
export function createKeyHolder(options: { idleMs?: number; timers?: Timers } = {}): KeyHolder {
	const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
	const timers: Timers = options.timers ?? {
		setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
		clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
	};
	let key: string | undefined;
	let timer: unknown;
	const listeners = new Set<(event: KeyHolderEvent) => void>();
	const emit = (event: KeyHolderEvent) => listeners.forEach((listener) => listener(event));

	const restartIdleTimer = () => {
		if (timer !== undefined) timers.clearTimeout(timer);
		timer = key === undefined ? undefined : timers.setTimeout(() => forget('idle'), idleMs);
	};

	function forget(reason: ForgetReason = 'user') {
		const had = key !== undefined;
		key = undefined;
		restartIdleTimer();
		if (had) emit({ type: 'forget', reason });
	}

	return {
		get() {
			if (key !== undefined) restartIdleTimer();
			return key;
		},
		set(value) {
			if (value === '') return forget('user');
			key = value;
			restartIdleTimer();
			emit({ type: 'set' });
		},
		forget,
		has: () => key !== undefined,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/** The tab's single key holder, shared by the sandbox, the console and the troubleshooter. */
export const keyHolder: KeyHolder = createKeyHolder();
