/**
 * The worker engine, page side: runs the learner's files in a Web Worker started inside a
 * sandboxed frame, so it has an opaque origin (isolated-worker.ts). One worker (and frame) per
 * run (Stop and the time limit simply terminate it, and no state survives into the next run);
 * the next run's worker is warmed up while the current one runs, so the next Run starts at once.
 */
import { PRACTICE_BASE_URL } from '../../practice-api/index.ts';
import { buildRunEnv } from '../env.ts';
import type {
	BootProgress,
	PracticeFetch,
	RunRequest,
	RunResult,
	SandboxEngine,
} from '../types.ts';
import { IsolatedWorker, type WorkerLike, type WorkerScript } from './isolated-worker.ts';
import { PracticeBridge } from './practice-bridge.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { formatSyntaxError, locateSyntaxError } from './syntax-error.ts';
import { builtWorkerScript } from './worker-script.ts';

export type { WorkerLike, WorkerScript } from './isolated-worker.ts';

/** What the worker engine needs from the page. */
export interface WorkerEngineOptions {
	/** Answers requests to the practice API (the page's one instance). */
	practiceFetch: PracticeFetch;
	/** Makes the worker; by default an IsolatedWorker running `workerScript`. Tests pass fakes. */
	createWorker?: () => WorkerLike;
	/** Where the worker's script is; by default the build's (worker-script.ts). */
	workerScript?: () => Promise<WorkerScript>;
	/** Base URL whose origin is the practice API inside runs; defaults to `PRACTICE_BASE_URL`. */
	practiceBaseUrl?: string;
	/** Time limit of a run that sets none; 30 s by default. */
	timeoutMs?: number;
}

interface Slot {
	worker: WorkerLike;
	ready: Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** How long a worker may take to load the runtime and the SDK before the run gives up. */
const STARTUP_LIMIT_MS = 60_000;

/** Creates the worker engine. Nothing starts until `boot()` or the first `run()`. */
export function createWorkerEngine(options: WorkerEngineOptions): SandboxEngine {
	let script: Promise<WorkerScript> | undefined;
	const loadScript = () => {
		const pending = (script ??= (options.workerScript ?? builtWorkerScript)());
		// Offline, say: the next worker asks again.
		pending.catch(() => {
			if (script === pending) script = undefined;
		});
		return pending;
	};
	const createWorker =
		options.createWorker ?? (() => new IsolatedWorker(loadScript(), { name: 'keylab-sandbox' }));
	const practiceOrigin = new URL(options.practiceBaseUrl ?? PRACTICE_BASE_URL).origin;
	let warm: Slot | undefined;
	let disposed = false;
	const live = new Set<WorkerLike>();

	const spawn = (): Slot => {
		const worker = createWorker();
		live.add(worker);
		const ready = new Promise<void>((resolve, reject) => {
			worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
				if (event.data.type === 'ready') resolve();
			});
			worker.addEventListener('error', (event) =>
				reject(new Error(`The worker engine failed to start: ${event.message || 'script error'}`)),
			);
		});
		ready.catch(() => {});
		return { worker, ready };
	};
	const take = (): Slot => {
		const slot = warm ?? spawn();
		warm = undefined;
		return slot;
	};

	return {
		kind: 'worker',

		async boot(
			bootOptions: { signal?: AbortSignal; onProgress?: (progress: BootProgress) => void } = {},
		) {
			bootOptions.signal?.throwIfAborted();
			bootOptions.onProgress?.({ value: 0, text: 'Starting the worker' });
			warm ??= spawn();
			await warm.ready;
			bootOptions.onProgress?.({ value: 1, text: 'Ready' });
		},

		run(request: RunRequest): Promise<RunResult> {
			const started = performance.now();
			const slot = take();
			const { worker } = slot;
			// Warm the next run's worker now, while this one runs: a Run right after this one ends
			// then finds the SDK already loaded.
			if (!disposed) warm = spawn();
			return new Promise<RunResult>((resolve) => {
				let settled = false;
				const send = (message: ToWorker, transfer: Transferable[] = []) =>
					worker.postMessage(message, transfer);
				const bridge = new PracticeBridge(options.practiceFetch, send, {
					practiceOrigin,
					...(request.liveFetch ? { liveFetch: request.liveFetch } : {}),
				});
				const finish = (exitCode: number, reason: RunResult['reason']) => {
					if (settled) return;
					settled = true;
					clearTimeout(timer);
					request.signal?.removeEventListener('abort', stop);
					worker.terminate();
					live.delete(worker);
					bridge.close();
					if (!disposed && !warm) warm = spawn();
					resolve({ exitCode, reason, durationMs: Math.round(performance.now() - started) });
				};
				const stop = () => finish(130, 'stopped');
				// The time limit is the learner's code's: it starts once the worker has loaded, so a
				// slow device or a cold start cannot use it up before the first line runs. Loading
				// has its own, longer limit, so a worker that never starts still ends the run.
				let timer = setTimeout(() => {
					request.onOutput({
						stream: 'stderr',
						text: `The worker engine did not start within ${STARTUP_LIMIT_MS / 1000} s. Press Run to try again.\n`,
					});
					finish(1, 'error');
				}, STARTUP_LIMIT_MS);
				void slot.ready.then(
					() => {
						if (settled) return;
						clearTimeout(timer);
						timer = setTimeout(
							() => finish(124, 'timeout'),
							request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
						);
					},
					() => {},
				);
				if (request.signal?.aborted) return stop();
				request.signal?.addEventListener('abort', stop, { once: true });

				worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
					if (settled) return;
					const message = event.data;
					switch (message.type) {
						case 'output':
							request.onOutput({ stream: message.stream, text: message.text });
							break;
						case 'fetch':
							void bridge.serve(message);
							break;
						case 'fetch-abort':
							bridge.abort(message.id);
							break;
						case 'exit':
							finish(message.code, message.reason);
							break;
						case 'syntax-error':
							void describeSyntaxError(request, message.message).then((text) => {
								if (settled) return;
								request.onOutput({ stream: 'stderr', text });
								finish(1, 'error');
							});
							break;
					}
				});
				worker.addEventListener('error', (event) => {
					event.preventDefault();
					if (settled) return;
					request.onOutput({
						stream: 'stderr',
						text: `The worker engine failed: ${event.message || 'the worker script did not load'}\n`,
					});
					finish(1, 'error');
				});
				// A warm worker whose script failed to load (say, the network went away while it
				// waited) fired its error before this run listened: settle now instead of hanging.
				slot.ready.catch((error: Error) => {
					if (settled) return;
					const offline = globalThis.navigator?.onLine === false;
					const hint = offline ? ' You are offline; reconnect and press Run again.' : '';
					request.onOutput({ stream: 'stderr', text: `${error.message}.${hint}\n` });
					finish(1, 'error');
				});
				const files = request.files.map((file) => ({ path: file.path, contents: file.contents }));
				send({
					type: 'run',
					files,
					entry: request.entry,
					env: buildRunEnv(request.files, request.env),
					practiceOrigin,
				});
			});
		},

		dispose() {
			disposed = true;
			warm = undefined;
			for (const worker of live) worker.terminate();
			live.clear();
		},
	};
}

async function describeSyntaxError(request: RunRequest, message: string): Promise<string> {
	const sources = new Map(request.files.map((file) => [file.path, file.contents]));
	const scripts = [
		request.entry,
		...request.files.map((file) => file.path).filter((path) => /\.m?js$/.test(path)),
	];
	const location = await locateSyntaxError(sources, [...new Set(scripts)]).catch(() => undefined);
	if (!location) return `SyntaxError: ${message || 'Invalid or unexpected token'}\n`;
	// V8's wording is what Node prints; acorn's stands in when V8 never saw the file.
	return formatSyntaxError(sources.get(location.file) ?? '', location, message || location.message);
}
