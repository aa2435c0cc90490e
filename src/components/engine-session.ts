/**
 * The page's engines, shared by every sandbox and scenario card on it. The worker answers the
 * first Run at once, on every browser. Where a WebContainer may work, it boots in the background
 * once the learner reaches for a sandbox (never on a page load alone) and takes over later runs
 * when ready. A failed boot is remembered for the tab (sessionStorage), so it is paid for once.
 * The learner may pin either engine for the tab; `?engine=` overrides everything (tests).
 */
import type { EngineKind } from '../../sandbox/engines/index.ts';
import type { BootProgress, SandboxEngine } from '../../sandbox/engines/types.ts';
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

const listeners = new Set<(status: EngineStatus) => void>();
let worker: Promise<SandboxEngine> | undefined;
let webcontainer: Promise<SandboxEngine> | undefined;
let readyContainer: SandboxEngine | undefined;
let status: EngineStatus | undefined;

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

function readPin(): EnginePin {
	const value = storage()?.getItem(PIN_SLOT);
	return value === 'worker' || value === 'webcontainer' ? value : 'auto';
}

// A build-time public setting (see docs/deploy.md); not a secret: StackBlitz checks the origin.
const apiKey = import.meta.env.PUBLIC_WEBCONTAINER_API_KEY || undefined;

async function blocker(): Promise<string | undefined> {
	if (override() === 'webcontainer') return undefined;
	const { webContainerBlocker } = await import('../../sandbox/engines/index.ts');
	return webContainerBlocker({
		crossOriginIsolated: globalThis.crossOriginIsolated === true,
		userAgent: navigator.userAgent,
		hostname: location.hostname,
		apiKey,
	});
}

function nextKind(pin: EnginePin, state: WebContainerState): EngineKind {
	const forced = override();
	if (forced) return forced;
	if (pin === 'webcontainer' && state !== 'unavailable' && state !== 'failed') return pin;
	return pin !== 'worker' && state === 'ready' ? 'webcontainer' : 'worker';
}

function publish(change: Partial<EngineStatus>): void {
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
}

/** The current status, after the page's first look at what it may use. */
async function currentStatus(): Promise<EngineStatus> {
	if (status) return status;
	const why = await blocker();
	const remembered = override() === 'webcontainer' ? null : storage()?.getItem(FAILED_SLOT);
	if (!status) {
		if (why) publish({ webcontainer: 'unavailable', reason: why });
		else if (remembered) publish({ webcontainer: 'failed', reason: remembered });
		else publish({ webcontainer: 'idle' });
	}
	return status!;
}

function getWorker(): Promise<SandboxEngine> {
	worker ??= Promise.all([import('../../sandbox/engines/index.ts'), getPracticeSession()])
		.then(async ([engines, practice]) => {
			const engine = await engines.createEngine('worker', { practiceFetch: practice.fetch });
			await engine.boot();
			return engine;
		})
		.catch((error: unknown) => {
			worker = undefined;
			throw error;
		});
	return worker;
}

function bootWebContainer(): Promise<SandboxEngine> {
	webcontainer ??= (async () => {
		publish({ webcontainer: 'booting', progress: { value: 0, text: 'Loading' } });
		const [engines, practice] = await Promise.all([
			import('../../sandbox/engines/index.ts'),
			getPracticeSession(),
		]);
		const engine = await engines.createEngine('webcontainer', {
			practiceFetch: practice.fetch,
			...(apiKey ? { apiKey } : {}),
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
		storage()?.setItem(FAILED_SLOT, reason);
		publish({ webcontainer: 'failed', reason });
		throw error;
	});
	return webcontainer;
}

/** Hears every status change (and the current status at once); returns the unsubscribe. */
export function watchEngines(onStatus: (status: EngineStatus) => void): () => void {
	listeners.add(onStatus);
	if (status) onStatus(status);
	return () => listeners.delete(onStatus);
}

/**
 * The learner reached for a sandbox (pointer, focus, Run): start the worker, and the WebContainer
 * in the background where it may work, is wanted, and has not failed in this tab.
 */
export async function warmEngines(): Promise<void> {
	const workerReady = getWorker().catch(() => undefined);
	const current = await currentStatus();
	if (current.webcontainer !== 'idle') return;
	if (override() === 'worker' || (!override() && current.pin === 'worker')) return;
	// After the worker: on two cores, loading the WebContainer client must not delay the first Run.
	if (override() !== 'webcontainer' && current.pin !== 'webcontainer') await workerReady;
	void bootWebContainer().catch(() => undefined);
}

/** Pins an engine for the tab ('auto': the WebContainer takes over when ready). */
export async function pinEngine(pin: EnginePin): Promise<void> {
	if (pin === 'auto') storage()?.removeItem(PIN_SLOT);
	else storage()?.setItem(PIN_SLOT, pin);
	await currentStatus();
	publish({ pin });
	if (pin !== 'worker') await warmEngines();
}

/** The engine for the next run: the worker at once, unless the WebContainer is ready or asked for. */
export async function getEngine(onStatus?: (status: EngineStatus) => void): Promise<EngineSession> {
	const current = await currentStatus();
	onStatus?.(current);
	void warmEngines();
	if (current.kind === 'webcontainer') {
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
	}
	return { engine: await getWorker() };
}
