/**
 * The WebContainer engine: real Node.js 22 in the browser. Boots once per page (raced with a
 * timeout, because offline the boot never settles), mounts a pre-built snapshot holding the
 * `openai` package, starts the practice bridge (and restarts it if it exits), and runs
 * `node index.js` with the run's env, each run in its own folder. Every step has a time limit and
 * obeys its AbortSignal. No real key ever enters the container: a Live run's env holds the
 * broker's stand-in, and its api.openai.com calls come back through the bridge to the page's key
 * broker (`request.liveFetch`).
 */
import { KeylabError } from '../../errors.ts';
import { PRACTICE_BASE_URL } from '../../practice-api/index.ts';
import { envFilesOf } from '../env.ts';
import type {
	BootProgress,
	PracticeFetch,
	RunRequest,
	RunResult,
	SandboxEngine,
} from '../types.ts';
import {
	BRIDGE_SOURCE,
	KEYLAB_DIR,
	LIVE_SOURCE,
	PROBE_ENV,
	PROBE_SOURCE,
	RUN_DIR,
	STREAMS_SOURCE,
	createLineReader,
	createOutputSplitter,
} from './container-files.ts';
import { ContainerBridge, type BridgeReady } from './practice-bridge.ts';
import type { FileSystemTree, LoadWebContainer, WebContainerLike } from './types.ts';

export type * from './types.ts';

/** What the WebContainer engine needs from the page. */
export interface WebContainerEngineOptions {
	practiceFetch: PracticeFetch;
	/** Loads the WebContainer API; tests pass a fake. Defaults to `import('@webcontainer/api')`. */
	loadWebContainer?: LoadWebContainer;
	/** Loads the snapshot to mount (node_modules with `openai`); defaults to fetching SNAPSHOT_URL. */
	loadSnapshot?: () => Promise<FileSystemTree | Uint8Array>;
	/** Boot gives up after this long (default 20 s); offline, boot would wait forever. */
	bootTimeoutMs?: number;
	/** Rejects when the WebContainer servers are unreachable, to fail fast offline; default: a no-cors HEAD to stackblitz.com (real client only). */
	probe?: () => Promise<void>;
	/** Time limit of a run that sets none; 30 s by default. */
	timeoutMs?: number;
	/** Base URL of the practice API inside the container; defaults to `PRACTICE_BASE_URL`. */
	practiceBaseUrl?: string;
	/** Extra env for the bridge process (tests choose a free port with KEYLAB_BRIDGE_PORT=0). */
	bridgeEnv?: Record<string, string>;
	/** StackBlitz WebContainer API key, passed to `configureAPIKey` before boot (needed off localhost). */
	apiKey?: string;
	/** Time limit of each step after boot (snapshot, mount, spawn, bridge start); 30 s by default. */
	stepTimeoutMs?: number;
}

/** Where the built site serves the snapshot (`scripts/build-webcontainer-snapshot.ts` writes it). */
export const SNAPSHOT_URL = '/webcontainer/snapshot.json';

const defaultLoad: LoadWebContainer = async () => {
	const { WebContainer, configureAPIKey } = await import('@webcontainer/api');
	return { boot: (options) => WebContainer.boot(options), configureAPIKey };
};

/** Rejects when StackBlitz's servers cannot be reached (an opaque no-cors answer is a success). */
async function defaultProbe(): Promise<void> {
	await fetch('https://stackblitz.com/headless', {
		mode: 'no-cors',
		method: 'HEAD',
		cache: 'no-store',
	});
}

async function defaultSnapshot(signal?: AbortSignal): Promise<FileSystemTree> {
	const response = await fetch(SNAPSHOT_URL, { signal });
	if (!response.ok) throw new Error(`the snapshot ${SNAPSHOT_URL} answered ${response.status}.`);
	return (await response.json()) as FileSystemTree;
}

// One WebContainer per page: every engine created with the same loader shares its boot.
const pageBoots = new WeakMap<LoadWebContainer, Promise<WebContainerLike>>();

/** `promise`, or a rejection when `ms` pass first or `signal` aborts (the work itself is not undone). */
export function race<T>(
	promise: Promise<T>,
	ms: number,
	signal: AbortSignal | undefined,
	what: string,
): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(
			() =>
				reject(
					new KeylabError(
						'engine_boot_timeout',
						`${what} did not finish within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}.`,
						{
							hint: 'StackBlitz servers may be unreachable (offline, or third-party cookies blocked).',
						},
					),
				),
			ms,
		);
		const abort = () => {
			const reason: unknown = signal?.reason;
			reject(
				reason instanceof Error ? reason : new DOMException(`${what} was cancelled.`, 'AbortError'),
			);
		};
		if (signal?.aborted) abort();
		signal?.addEventListener('abort', abort, { once: true });
		promise.then(resolve, reject).finally(() => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', abort);
		});
	});
}

/** Creates the WebContainer engine; nothing loads until `boot()` or the first `run()`. */
export function createWebContainerEngine(options: WebContainerEngineOptions): SandboxEngine {
	const load = options.loadWebContainer ?? defaultLoad;
	// Only the real client needs the network check; a passed-in container brings its own world.
	const probe = options.probe ?? (options.loadWebContainer ? undefined : defaultProbe);
	const practiceOrigin = new URL(options.practiceBaseUrl ?? PRACTICE_BASE_URL).origin;
	const stepMs = options.stepTimeoutMs ?? 30_000;
	let booted: Promise<WebContainerLike> | undefined;
	let bridgeProcess: { kill(): void } | undefined;
	let bridge: ContainerBridge | undefined;
	let bridgeReady: Promise<BridgeReady> | undefined;
	let bridgeRestarts = 0;
	let runs = 0;
	let disposed = false;
	// The key broker of the Live run in progress; a restarted bridge gets it too.
	let liveFetch: PracticeFetch | undefined;

	// The bridge serves every practice call of every run; if it exits (a crash, a kill), the next
	// one is started at once so later calls keep working without a reload.
	const startBridge = (container: WebContainerLike, signal?: AbortSignal): Promise<BridgeReady> => {
		const step = <T>(promise: Promise<T>, what: string) => race(promise, stepMs, signal, what);
		const starting = (async () => {
			const process = await step(
				container.spawn(
					'node',
					[
						`--env-file-if-exists=${KEYLAB_DIR}/probe.env`,
						'--import',
						`./${KEYLAB_DIR}/probe.mjs`,
						`${KEYLAB_DIR}/bridge.mjs`,
					],
					{ env: options.bridgeEnv ?? {}, output: true },
				),
				'Starting the practice bridge',
			);
			const writer = process.input.getWriter();
			const current = new ContainerBridge(
				options.practiceFetch,
				(line) => writer.write(line),
				practiceOrigin,
			);
			bridge?.close();
			bridge = current;
			current.setLiveFetch(liveFetch);
			bridgeProcess = process;
			const read = createLineReader((line) => current.onLine(line));
			void process.output.pipeTo(new WritableStream({ write: read })).catch(() => {});
			let ready = false;
			const exited = process.exit.then((code) => {
				if (disposed || bridge !== current) return;
				current.close();
				bridgeReady = undefined;
				// Dying before ready is a Node that cannot run the bridge (an unknown flag exits 9):
				// restarting would only repeat it. After ready, a few restarts cover real crashes.
				if (!ready) {
					throw new KeylabError(
						'engine_node_flags',
						`its Node.js stopped the practice bridge at start (exit code ${code}); it may not support --import or --env-file-if-exists.`,
						{ hint: 'The worker engine runs the lesson samples the same way.' },
					);
				}
				if (++bridgeRestarts <= 5) {
					bridgeReady = startBridge(container);
					bridgeReady.catch(() => (bridgeReady = undefined));
				}
			});
			const answer = await step(
				Promise.race([current.ready, exited.then(() => new Promise<never>(() => {}))]),
				'Starting the practice bridge',
			);
			ready = true;
			return answer;
		})();
		return starting;
	};

	const start = async (
		signal: AbortSignal | undefined,
		progress: (value: number, text: string) => void,
	) => {
		const step = <T>(promise: Promise<T>, what: string) => race(promise, stepMs, signal, what);
		progress(0.05, 'Loading the WebContainer API');
		const api = await step(load(), 'Loading the WebContainer API');
		progress(0.2, 'Booting Node.js in the browser');
		let boot = pageBoots.get(load);
		if (!boot) {
			// configureAPIKey must come before the page's first boot, and only then.
			if (options.apiKey) api.configureAPIKey?.(options.apiKey);
			boot = api.boot({ coep: 'credentialless', workdirName: 'keylab' });
			pageBoots.set(load, boot);
			// A failed boot must not poison later attempts on this page.
			boot.catch(() => pageBoots.delete(load));
		}
		// Offline, boot() never settles; a failed reachability check says so at once, not at the timeout.
		const unreachable = probe
			? probe().then(
					() => new Promise<never>(() => {}),
					(error: unknown) => {
						throw new KeylabError(
							'engine_boot_unreachable',
							'StackBlitz, which serves WebContainers, cannot be reached.',
							{ hint: 'Check the connection; the worker engine runs offline.', cause: error },
						);
					},
				)
			: new Promise<never>(() => {});
		const container = await race(
			Promise.race([boot, unreachable]),
			options.bootTimeoutMs ?? 20_000,
			signal,
			'Booting the WebContainer',
		);
		progress(0.6, 'Installing the openai package');
		const snapshot = await step(
			options.loadSnapshot ? options.loadSnapshot() : defaultSnapshot(signal),
			'Downloading the openai package',
		);
		await step(container.mount(snapshot), 'Installing the openai package');
		await step(
			(async () => {
				await container.fs.mkdir(KEYLAB_DIR, { recursive: true });
				await container.fs.writeFile(`${KEYLAB_DIR}/bridge.mjs`, BRIDGE_SOURCE);
				await container.fs.writeFile(`${KEYLAB_DIR}/streams.mjs`, STREAMS_SOURCE);
				await container.fs.writeFile(`${KEYLAB_DIR}/probe.mjs`, PROBE_SOURCE);
				await container.fs.writeFile(`${KEYLAB_DIR}/probe.env`, PROBE_ENV);
				await container.fs.writeFile(`${KEYLAB_DIR}/live.mjs`, LIVE_SOURCE);
			})(),
			'Writing the engine files',
		);
		progress(0.85, 'Starting the practice API bridge');
		bridgeReady = startBridge(container, signal);
		const ready = await bridgeReady;
		// Runs need `--import` (stdout/stderr framing) and `--env-file-if-exists` (.env files).
		const ignored = [
			ready.importFlag === false && '--import',
			ready.envFileFlag === false && '--env-file-if-exists',
		].filter(Boolean);
		if (ignored.length) {
			throw new KeylabError(
				'engine_node_flags',
				`its Node.js (${ready.node ?? 'unknown version'}) ignored ${ignored.join(' and ')}.`,
				{ hint: 'The worker engine runs the lesson samples the same way.' },
			);
		}
		progress(1, 'Ready');
		return container;
	};

	const engine: SandboxEngine = {
		kind: 'webcontainer',

		boot(bootOptions = {}) {
			const progress = (value: number, text: string) =>
				bootOptions.onProgress?.({ value, text } satisfies BootProgress);
			if (!booted) {
				booted = start(bootOptions.signal, progress);
				booted.catch(() => {
					booted = undefined;
					bridgeProcess?.kill();
				});
			}
			return booted.then(() => undefined);
		},

		async run(request: RunRequest): Promise<RunResult> {
			const started = performance.now();
			const done = (exitCode: number, reason: RunResult['reason']): RunResult => ({
				exitCode,
				reason,
				durationMs: Math.round(performance.now() - started),
			});
			// Stop while booting ends the wait, not the boot: the next Run finds it ready.
			const stopped = new Promise<'stopped'>((resolve) => {
				if (request.signal?.aborted) resolve('stopped');
				request.signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
			});
			const booting = engine.boot().then(() => 'booted' as const);
			if ((await Promise.race([booting, stopped])) === 'stopped') return done(130, 'stopped');
			const container = await booted!;
			// Each run has its own folder: a sandbox and a scenario card may run at once.
			const dir = `${RUN_DIR}-${++runs}`;
			// Only this run's broker is taken back: another Live run may have set its own since.
			const releaseLive = () => {
				if (!request.liveFetch || liveFetch !== request.liveFetch) return;
				liveFetch = undefined;
				bridge?.setLiveFetch(undefined);
			};
			const step = <T>(promise: Promise<T>, what: string) =>
				race(promise, stepMs, request.signal, what);
			let process: Awaited<ReturnType<WebContainerLike['spawn']>>;
			let port: number | undefined;
			try {
				if (!bridgeReady) {
					// The last restart gave up, or failed: this run tries once more.
					bridgeReady = startBridge(container);
					bridgeReady.catch(() => (bridgeReady = undefined));
				}
				port = (await step(bridgeReady, 'Starting the practice bridge')).port;
				await step(
					container.mount(projectTree(request), { mountPoint: dir }),
					'Writing your files',
				);
				const envFlags = envFilesOf(request.files).map(
					(file) => `--env-file-if-exists=${file.path}`,
				);
				const args = [...envFlags, '--import', `../${KEYLAB_DIR}/streams.mjs`, request.entry];
				// No colours: the output panel is not a terminal. A Live run's key is a stand-in.
				const env: Record<string, string> = { ...request.env, FORCE_COLOR: '0', NO_COLOR: '1' };
				// Live: api.openai.com calls come back to the page's broker, which holds the real key.
				if (request.liveFetch) {
					liveFetch = request.liveFetch;
					bridge?.setLiveFetch(liveFetch);
					env.KEYLAB_LIVE_BRIDGE = `http://localhost:${port}`;
					args.splice(-1, 0, '--import', `../${KEYLAB_DIR}/live.mjs`);
				}
				// The bridge listens on the practice port in a real container; a test's may differ.
				const base = env.OPENAI_BASE_URL;
				if (base && new URL(base).origin === practiceOrigin) {
					env.OPENAI_BASE_URL = base.replace(practiceOrigin, `http://localhost:${port}`);
				}
				process = await step(
					container.spawn('node', args, { cwd: dir, env, output: true }),
					'Starting node',
				);
			} catch (error) {
				releaseLive();
				void container.fs.rm(dir, { recursive: true, force: true }).catch(() => {});
				if (request.signal?.aborted) return done(130, 'stopped');
				throw error;
			}
			if (request.signal?.aborted) {
				releaseLive();
				process.kill();
				void container.fs.rm(dir, { recursive: true, force: true }).catch(() => {});
				return done(130, 'stopped');
			}
			let cleanExit = false;
			const split = createOutputSplitter(
				(chunk) => request.onOutput(chunk),
				() => (cleanExit = true),
			);
			const piped = process.output
				.pipeTo(new WritableStream({ write: (piece) => split(piece) }))
				.catch(() => {})
				.finally(() => split.flush());
			return new Promise<RunResult>((resolve) => {
				let settled = false;
				const finish = (exitCode: number, reason: RunResult['reason']) => {
					if (settled) return;
					settled = true;
					clearTimeout(timer);
					request.signal?.removeEventListener('abort', stop);
					releaseLive();
					if (reason === 'stopped' || reason === 'timeout') process.kill();
					void container.fs.rm(dir, { recursive: true, force: true }).catch(() => {});
					resolve(done(exitCode, reason));
				};
				const stop = () => finish(130, 'stopped');
				const timer = setTimeout(
					() => finish(124, 'timeout'),
					request.timeoutMs ?? options.timeoutMs ?? 30_000,
				);
				request.signal?.addEventListener('abort', stop, { once: true });
				void process.exit.then(async (code) => {
					await piped;
					// The preload marks an exit the program chose (process.exit(1)) apart from a crash.
					finish(code, code === 0 || cleanExit ? 'exit' : 'error');
				});
			});
		},

		dispose() {
			if (disposed) return;
			disposed = true;
			bridgeProcess?.kill();
			bridge?.close();
		},
	};
	return engine;
}

/** The learner's files as a tree for `mount`; `.nvmrc` asks for Node 22 unless the project says otherwise. */
export function projectTree(request: Pick<RunRequest, 'files'>): FileSystemTree {
	const tree: FileSystemTree = {};
	for (const file of request.files) {
		const parts = file.path.split('/').filter(Boolean);
		let dir = tree;
		for (const part of parts.slice(0, -1)) {
			const node = (dir[part] ??= { directory: {} });
			if (!('directory' in node))
				throw new KeylabError('engine_bad_path', `${file.path} is inside a file, not a folder.`);
			dir = node.directory;
		}
		dir[parts[parts.length - 1]] = { file: { contents: file.contents } };
	}
	tree['.nvmrc'] ??= { file: { contents: '22\n' } };
	return tree;
}
