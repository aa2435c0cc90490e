/**
 * The page's one engine, shared by every sandbox on it (a WebContainer can boot only once per
 * page). Chosen from the page's isolation and `?engine=`, booted once, and replaced by the worker
 * engine, with a note, when a WebContainer cannot boot.
 */
import type { BootProgress, PracticeFetch, SandboxEngine } from '../../sandbox/engines/types.ts';
import { getPracticeSession } from './practice-session.ts';

/** What the sandboxes show about the engine. */
export interface EngineStatus {
	kind: SandboxEngine['kind'];
	booted: boolean;
	progress: BootProgress;
	/** Why this is not the engine the page asked for (the fallback note). */
	note?: string;
}

/** The booted engine and, after a fallback, the note to show once. */
export interface EngineSession {
	engine: SandboxEngine;
	note?: string;
}

type EngineOptions = { practiceFetch: PracticeFetch; practiceBaseUrl: string };

// TEMPORARY until sandbox/engines/index.ts (chooseEngineKind/createEngine) lands: worker only.
async function loadEngines() {
	const { createWorkerEngine } = await import('../../sandbox/engines/worker/index.ts');
	return {
		chooseEngineKind: (): SandboxEngine['kind'] => 'worker',
		createEngine: async (_kind: SandboxEngine['kind'], options: EngineOptions) => createWorkerEngine(options),
	};
}

const listeners = new Set<(status: EngineStatus) => void>();
let status: EngineStatus | undefined;
let session: Promise<EngineSession> | undefined;

function publish(next: EngineStatus): void {
	status = next;
	listeners.forEach((listener) => listener(next));
}

async function start(): Promise<EngineSession> {
	const [engines, practice] = await Promise.all([loadEngines(), getPracticeSession()]);
	const kind = engines.chooseEngineKind();
	const boot = async (engine: SandboxEngine) => {
		publish({ kind: engine.kind, booted: false, progress: { value: 0, text: 'loading' } });
		await engine.boot({
			onProgress: (progress) => publish({ kind: engine.kind, booted: false, progress }),
		});
		return engine;
	};
	const options = { practiceFetch: practice.fetch, practiceBaseUrl: practice.baseURL };
	try {
		const engine = await boot(await engines.createEngine(kind, options));
		publish({ kind: engine.kind, booted: true, progress: { value: 1, text: 'ready' } });
		return { engine };
	} catch (error) {
		if (kind === 'worker') throw error;
		const note = `The WebContainer engine could not start (${(error as Error).message}), so this runs in the Web Worker engine instead.`;
		const engine = await boot(await engines.createEngine('worker', options));
		publish({ kind: engine.kind, booted: true, progress: { value: 1, text: 'ready' }, note });
		return { engine, note };
	}
}

/** The page's engine, booted; `onStatus` hears about boot progress (and the current status now). */
export async function getEngine(onStatus: (status: EngineStatus) => void): Promise<EngineSession> {
	listeners.add(onStatus);
	if (status) onStatus(status);
	session ??= start();
	try {
		return await session;
	} catch (error) {
		// Let the next Run try again instead of failing forever.
		session = undefined;
		throw error;
	}
}
