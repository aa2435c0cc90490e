/**
 * The page's engines, shared by every sandbox and scenario card on it. The worker answers the
 * first Run at once, on every browser. Where a WebContainer may work, it boots in the background
 * once the learner reaches for a sandbox (never on a page load alone) and takes over later runs
 * when ready. A failed boot is remembered for the tab (sessionStorage), so it is paid for once.
 * The learner may pin either engine for the tab; `?engine=` overrides everything (tests).
 */
import type { EngineKind, EngineOptions } from '../../../sandbox/engines/index.ts';
import type { BootProgress, PracticeFetch, SandboxEngine } from '../../../sandbox/engines/types.ts';
import { getPracticeSession } from './practice-session.ts';

/** Which engine the learner asked for in this tab. */
export type EnginePin = 'auto' | EngineKind;

/** Where the WebContainer stands on this page. */
export type WebContainerState = 'unavailable' | 'idle' | 'booting' | 'ready' | 'failed';

/** What the sandboxes show about the engines. */
export interface EngineStatus {
	/** The engine the next Run uses. */
	kind: EngineKind;
	pin: EnginePin;
	webcontainer: WebContainerState;
	/** The WebContainer's boot progress. */
	progress: BootProgress;
	/** Why the WebContainer is unavailable or failed, as the end of a sentence. */
	reason?: string;
}

/** The engine for one run and, when it is not the one the learner asked for, why. */
export interface EngineSession {
	engine: SandboxEngine;
	note?: string;
}

const PIN_SLOT = 'keylab:engine-pin';
const FAILED_SLOT = 'keylab:webcontainer-failed';

/** What the session needs from the page; tests pass fakes. */
export interface EngineSessionDeps {
	/** Creates (does not boot) an engine. */
	createEngine(kind: EngineKind, options: EngineOptions): Promise<SandboxEngine>;
	/** The page's practice API handler. */
	practiceFetch(): Promise<PracticeFetch>;
	/** Why this page may not use a WebContainer, or undefined. */
	blocker(): Promise<string | undefined>;
	/** `?engine=`, when it names an engine. */
	override(): EngineKind | undefined;
	/** Where the pin and a failed boot are remembered for the tab (sessionStorage). */
	storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
	/** The StackBlitz API key, if the build has one. */
	apiKey?: string;
}

/** The page's engines: what every sandbox and scenario card shares. */
export interface EngineSessionApi {
	watch(onStatus: (status: EngineStatus) => void): () => void;
	warm(): Promise<void>;
	pin(pin: EnginePin): Promise<void>;
	get(): Promise<EngineSession>;
}

/** Creates a page's engine session (the page has one: see the functions below). */
export function createEngineSession(deps: EngineSessionDeps): EngineSessionApi {
	const listeners = new Set<(status: EngineStatus) => void>();
	let worker: Promise<SandboxEngine> | undefined;
	let webcontainer: Promise<SandboxEngine> | undefined;
	let readyContainer: SandboxEngine | undefined;
	let status: EngineStatus | undefined;
	const override = () => deps.override();

	const readPin = (): EnginePin => {
		const value = deps.storage()?.getItem(PIN_SLOT);
		return value === 'worker' || value === 'webcontainer' ? value : 'auto';
	};

	const nextKind = (pin: EnginePin, state: WebContainerState): EngineKind => {
		const forced = override();
		if (forced) return forced;
		if (pin === 'webcontainer' && state !== 'unavailable' && state !== 'failed') return pin;
		return pin !== 'worker' && state === 'ready' ? 'webcontainer' : 'worker';
	};

	const publish = (change: Partial<EngineStatus>) => {
		const base: EngineStatus = status ?? {
			kind: 'worker',
			pin: readPin(),
			webcontainer: 'idle',
			progress: { value: 0, text: '' },
		};
		const next = { ...base, ...change };
		next.kind = nextKind(next.pin, next.webcontainer);
		status = next;
		listeners.forEach((listener) => listener(next));
	};

	// The page's first look at what it may use.
	const currentStatus = async (): Promise<EngineStatus> => {
		if (status) return status;
		const why = override() === 'webcontainer' ? undefined : await deps.blocker();
		const remembered = override() === 'webcontainer' ? null : deps.storage()?.getItem(FAILED_SLOT);
		if (!status) {
			if (why) publish({ webcontainer: 'unavailable', reason: why });
			else if (remembered) publish({ webcontainer: 'failed', reason: remembered });
			else publish({ webcontainer: 'idle' });
		}
		return status!;
	};

	const getWorker = () => {
		worker ??= (async () => {
			// The engine's modules load and its worker starts while the practice API loads: the
			// first Run waits for the slower of the two, not for both in turn (bench/sandbox.ts).
			const practice = deps.practiceFetch();
			practice.catch(() => undefined);
			const engine = await deps.createEngine('worker', {
				practiceFetch: async (request) => (await practice)(request),
			});
			await Promise.all([engine.boot(), practice]);
			return engine;
		})().catch((error: unknown) => {
			worker = undefined;
			throw error;
		});
		return worker;
	};

	const bootWebContainer = () => {
		webcontainer ??= (async () => {
			publish({ webcontainer: 'booting', progress: { value: 0, text: 'Loading' } });
			const engine = await deps.createEngine('webcontainer', {
				practiceFetch: await deps.practiceFetch(),
				...(deps.apiKey ? { apiKey: deps.apiKey } : {}),
			});
			try {
				await engine.boot({ onProgress: (progress) => publish({ progress }) });
			} catch (error) {
				engine.dispose();
				throw error;
			}
			readyContainer = engine;
			publish({ webcontainer: 'ready', progress: { value: 1, text: 'Ready' } });
			return engine;
		})().catch((error: unknown) => {
			const reason = error instanceof Error ? error.message : String(error);
			// Remembered for the tab: the next page says so instead of paying for the boot again.
			deps.storage()?.setItem(FAILED_SLOT, reason);
			publish({ webcontainer: 'failed', reason });
			throw error;
		});
		return webcontainer;
	};

	const session: EngineSessionApi = {
		watch(onStatus) {
			listeners.add(onStatus);
			if (status) onStatus(status);
			return () => listeners.delete(onStatus);
		},

		async warm() {
			const workerReady = getWorker().catch(() => undefined);
			const current = await currentStatus();
			if (current.webcontainer !== 'idle') return;
			if (override() === 'worker' || (!override() && current.pin === 'worker')) return;
			// After the worker: on two cores, loading the WebContainer client must not delay the first Run.
			if (override() !== 'webcontainer' && current.pin !== 'webcontainer') await workerReady;
			void bootWebContainer().catch(() => undefined);
		},

		async pin(pin) {
			if (pin === 'auto') deps.storage()?.removeItem(PIN_SLOT);
			else deps.storage()?.setItem(PIN_SLOT, pin);
			await currentStatus();
			publish({ pin });
			if (pin !== 'worker') await session.warm();
		},

		async get() {
			// Warm first: the worker starts loading while the page works out which engine it may use.
			void session.warm();
			const current = await currentStatus();
			if (current.kind !== 'webcontainer') return { engine: await getWorker() };
			if (readyContainer) return { engine: readyContainer };
			// Asked for by pin or ?engine=: wait for it, and fall back with a note if it cannot start.
			try {
				return { engine: await bootWebContainer() };
			} catch (error) {
				const reason = error instanceof Error ? error.message : String(error);
				return {
					engine: await getWorker(),
					note: `Node.js (WebContainer) could not start: ${reason} Your code runs in your browser instead; lesson samples work the same.`,
				};
			}
		},
	};
	return session;
}

function storage(): Storage | undefined {
	try {
		return globalThis.sessionStorage;
	} catch {
		// Storage blocked (some privacy modes): preferences then last for the page only.
		return undefined;
	}
}

function override(): EngineKind | undefined {
	const value = new URLSearchParams(location.search).get('engine');
	return value === 'worker' || value === 'webcontainer' ? value : undefined;
}

// A build-time public setting (see docs/deploy.md); not a secret: StackBlitz checks the origin.
const apiKey = import.meta.env.PUBLIC_WEBCONTAINER_API_KEY || undefined;

const engines = () => import('../../../sandbox/engines/index.ts');

let page: EngineSessionApi | undefined;
const pageSession = () =>
	(page ??= createEngineSession({
		createEngine: async (kind, options) => (await engines()).createEngine(kind, options),
		practiceFetch: async () => (await getPracticeSession()).fetch,
		blocker: async () =>
			(await engines()).webContainerBlocker({
				crossOriginIsolated: globalThis.crossOriginIsolated === true,
				userAgent: navigator.userAgent,
				hostname: location.hostname,
				apiKey,
			}),
		override,
		storage,
		...(apiKey ? { apiKey } : {}),
	}));

/** Hears every status change (and the current status at once); returns the unsubscribe. */
export function watchEngines(onStatus: (status: EngineStatus) => void): () => void {
	return pageSession().watch(onStatus);
}

/**
 * The learner reached for a sandbox (pointer, focus, Run): start the worker, and the WebContainer
 * in the background where it may work, is wanted, and has not failed in this tab.
 */
export function warmEngines(): Promise<void> {
	return pageSession().warm();
}

/** Pins an engine for the tab ('auto': the WebContainer takes over when ready). */
export function pinEngine(pin: EnginePin): Promise<void> {
	return pageSession().pin(pin);
}

/** The engine for the next run: the worker at once, unless the WebContainer is ready or asked for. */
export function getEngine(): Promise<EngineSession> {
	return pageSession().get();
}
