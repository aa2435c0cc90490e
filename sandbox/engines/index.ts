/**
 * Which engines a page may use, and getting one. Engines load with a lazy `import()`, so a
 * lesson page pays for neither until the learner reaches for a sandbox. The worker answers the
 * first Run everywhere; a WebContainer is only ever tried where it can work (isolated desktop
 * Chromium or Firefox, and off localhost only with a StackBlitz API key), and one that cannot
 * boot falls back to the worker with a note.
 */
import type { BootProgress, PracticeFetch, SandboxEngine } from './types.ts';
import type { WorkerLike, WorkerScript } from './worker/isolated-worker.ts';
import type { LoadWebContainer, WebContainerEngineOptions } from './webcontainer/index.ts';

/** The engines there are. */
export type EngineKind = SandboxEngine['kind'];

/** What the page knows when choosing an engine. */
export interface EngineEnvironment {
	/** `globalThis.crossOriginIsolated`. */
	crossOriginIsolated: boolean;
	/** `navigator.userAgent`. */
	userAgent: string;
	/** `?engine=` from the page URL, if any; anything but the two names is ignored. */
	override?: string | null;
	/** `location.hostname`; off localhost the WebContainer needs `apiKey`. Unset: not checked. */
	hostname?: string;
	/** The site's StackBlitz WebContainer API key (`PUBLIC_WEBCONTAINER_API_KEY`), if any. */
	apiKey?: string;
}

/** Hosts where StackBlitz serves WebContainers without an API key. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why this page will not try a WebContainer (no `?engine=` override), or undefined when it may. */
export function webContainerBlocker(environment: EngineEnvironment): string | undefined {
	const { crossOriginIsolated, userAgent, hostname, apiKey } = environment;
	if (!crossOriginIsolated) return 'this page is not cross-origin isolated.';
	if (!supportsWebContainer(userAgent)) return 'this browser does not support it.';
	// StackBlitz refuses other origins without a key; trying would only wait out the timeout.
	if (hostname !== undefined && !LOCAL_HOSTS.has(hostname) && !apiKey)
		return 'this site has no WebContainer API key.';
	return undefined;
}

/** Desktop Chromium or Firefox: where WebContainers work. Never iOS (every browser there is WebKit) or Safari. */
export function supportsWebContainer(userAgent: string): boolean {
	if (/iPhone|iPad|iPod|Android|Mobile/i.test(userAgent)) return false;
	if (/Firefox\//.test(userAgent)) return true;
	// Safari's UA also says "Safari"; Chromium-based browsers say "Chrome/" (or "Chromium/").
	return /Chrom(e|ium)\//.test(userAgent);
}

/** The engine the page prefers once it is ready: `?engine=`, else a WebContainer where one may work. */
export function chooseEngineKind(environment: EngineEnvironment): EngineKind {
	const { override } = environment;
	if (override === 'worker' || override === 'webcontainer') return override;
	return webContainerBlocker(environment) ? 'worker' : 'webcontainer';
}

/** Options for either engine; each takes what it needs. */
export interface EngineOptions {
	practiceFetch: PracticeFetch;
	/** Worker engine: makes the worker (tests). */
	createWorker?: () => WorkerLike;
	/** Worker engine: where its script is (tests; the site uses the build's). */
	workerScript?: () => Promise<WorkerScript>;
	/** WebContainer engine: loads the WebContainer API (tests pass a fake). */
	loadWebContainer?: LoadWebContainer;
	/** WebContainer engine: loads the snapshot to mount (tests; the site fetches SNAPSHOT_URL). */
	loadSnapshot?: WebContainerEngineOptions['loadSnapshot'];
	/** WebContainer engine: how long boot may take before the worker takes over. */
	bootTimeoutMs?: number;
	/** WebContainer engine: the StackBlitz API key for `configureAPIKey`. */
	apiKey?: string;
	/** Default time limit of a run. */
	timeoutMs?: number;
}

/** Loads the chosen engine's module on demand and creates the engine. */
export async function createEngine(
	kind: EngineKind,
	options: EngineOptions,
): Promise<SandboxEngine> {
	if (kind === 'webcontainer') {
		const { createWebContainerEngine } = await import('./webcontainer/index.ts');
		return createWebContainerEngine(options);
	}
	const { createWorkerEngine } = await import('./worker/index.ts');
	return createWorkerEngine(options);
}

/** An engine that has booted, and a sentence for the learner when it is not the one asked for. */
export interface BootedEngine {
	engine: SandboxEngine;
	note?: string;
}

/**
 * Creates and boots `kind`. When a WebContainer fails to boot or times out, it is disposed and a
 * booted worker engine is returned with a note saying why. Aborting `signal` rejects as usual.
 */
export async function createBootedEngine(
	kind: EngineKind,
	options: EngineOptions,
	boot: { signal?: AbortSignal; onProgress?: (progress: BootProgress) => void } = {},
): Promise<BootedEngine> {
	const engine = await createEngine(kind, options);
	try {
		await engine.boot(boot);
		return { engine };
	} catch (error) {
		engine.dispose();
		if (kind !== 'webcontainer' || boot.signal?.aborted) throw error;
		const worker = await createEngine('worker', options);
		await worker.boot(boot);
		const reason = error instanceof Error ? error.message : String(error);
		return {
			engine: worker,
			note: `Real Node.js (WebContainer) could not start: ${reason} Your code runs in the browser's built-in engine instead; lesson samples work the same.`,
		};
	}
}
