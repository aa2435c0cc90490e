/**
 * The page's one engine, shared by every sandbox on it (a WebContainer can boot only once per
 * page). Chosen from the page's isolation and `?engine=`, booted once; sandbox/engines falls back
 * to the worker engine, with a note, when a WebContainer cannot boot.
 */
import type { BootProgress, SandboxEngine } from '../../sandbox/engines/types.ts';
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

const listeners = new Set<(status: EngineStatus) => void>();
let status: EngineStatus | undefined;
let session: Promise<EngineSession> | undefined;

function publish(next: EngineStatus): void {
	status = next;
	listeners.forEach((listener) => listener(next));
}

async function start(): Promise<EngineSession> {
	const [engines, practice] = await Promise.all([
		import('../../sandbox/engines/index.ts'),
		getPracticeSession(),
	]);
	const kind = engines.chooseEngineKind({
		crossOriginIsolated: globalThis.crossOriginIsolated === true,
		userAgent: navigator.userAgent,
		override: new URLSearchParams(location.search).get('engine'),
	});
	publish({ kind, booted: false, progress: { value: 0, text: 'loading' } });
	const booted = await engines.createBootedEngine(
		kind,
		{ practiceFetch: practice.fetch },
		{
			onProgress: (progress) => publish({ kind: status?.kind ?? kind, booted: false, progress }),
		},
	);
	publish({
		kind: booted.engine.kind,
		booted: true,
		progress: { value: 1, text: 'ready' },
		...(booted.note ? { note: booted.note } : {}),
	});
	return booted;
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
