/**
 * The WebContainer engine: real Node.js 22 in the browser. Boots once per page (raced with a
 * timeout, because offline the boot never settles), mounts a pre-built snapshot holding the
 * `openai` package, starts the practice bridge, and runs `node index.js` with the run's env.
 * No real key ever enters the container: a Live run's env holds the broker's stand-in, and its
 * api.openai.com calls come back through the bridge to the page's key broker (`request.liveFetch`).
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
	RUN_DIR,
	STREAMS_SOURCE,
	createLineReader,
	createOutputSplitter,
} from './container-files.ts';
import { ContainerBridge } from './practice-bridge.ts';
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
}

/** Where the built site serves the snapshot (`scripts/build-webcontainer-snapshot.ts` writes it). */
export const SNAPSHOT_URL = '/webcontainer/snapshot.json';

const defaultLoad: LoadWebContainer = async () => (await import('@webcontainer/api')).WebContainer;

/** Rejects when StackBlitz's servers cannot be reached (an opaque no-cors answer is a success). */
async function defaultProbe(): Promise<void> {
	await fetch('https://stackblitz.com/headless', {
		mode: 'no-cors',
		method: 'HEAD',
		cache: 'no-store',
	});
}

async function defaultSnapshot(): Promise<FileSystemTree> {
	const response = await fetch(SNAPSHOT_URL);
	if (!response.ok) throw new Error(`the snapshot ${SNAPSHOT_URL} answered ${response.status}.`);
	return (await response.json()) as FileSystemTree;
}

// One WebContainer per page: every engine created with the same loader shares its boot.
const pageBoots = new WeakMap<LoadWebContainer, Promise<WebContainerLike>>();

function race<T>(
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
				reason instanceof Error ? reason : new DOMException('Boot was cancelled.', 'AbortError'),
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
	let booted: Promise<WebContainerLike> | undefined;
	let bridgeProcess: { kill(): void } | undefined;
	let bridge: ContainerBridge | undefined;
	let bridgePort: number | undefined;
	let disposed = false;

	const start = async (
		signal: AbortSignal | undefined,
		progress: (value: number, text: string) => void,
	) => {
		progress(0.05, 'Loading the WebContainer API');
		const api = await load();
		progress(0.2, 'Booting Node.js in the browser');
		let boot = pageBoots.get(load);
		if (!boot) {
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
		await container.mount(await (options.loadSnapshot ?? defaultSnapshot)());
		await container.fs.mkdir(KEYLAB_DIR, { recursive: true });
		await container.fs.writeFile(`${KEYLAB_DIR}/bridge.mjs`, BRIDGE_SOURCE);
		await container.fs.writeFile(`${KEYLAB_DIR}/streams.mjs`, STREAMS_SOURCE);
		await container.fs.writeFile(`${KEYLAB_DIR}/live.mjs`, LIVE_SOURCE);
		progress(0.85, 'Starting the practice API bridge');
		const process = await container.spawn('node', [`${KEYLAB_DIR}/bridge.mjs`], {
			env: options.bridgeEnv ?? {},
			output: true,
		});
		const writer = process.input.getWriter();
		bridge = new ContainerBridge(
			options.practiceFetch,
			(line) => writer.write(line),
			practiceOrigin,
		);
		bridgeProcess = process;
		const read = createLineReader((line) => bridge?.onLine(line));
		void process.output.pipeTo(new WritableStream({ write: read })).catch(() => {});
		bridgePort = await race(bridge.ready, 10_000, signal, 'Starting the practice bridge');
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
				booted.catch(() => (booted = undefined));
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
			await container.fs.rm(RUN_DIR, { recursive: true, force: true });
			await container.mount(projectTree(request), { mountPoint: RUN_DIR });
			const envFlags = envFilesOf(request.files).map((file) => `--env-file-if-exists=${file.path}`);
			const args = [...envFlags, '--import', `../${KEYLAB_DIR}/streams.mjs`, request.entry];
			// No colours: the output panel is not a terminal. A Live run's key is a stand-in.
			const env: Record<string, string> = { ...request.env, FORCE_COLOR: '0', NO_COLOR: '1' };
			// Live: api.openai.com calls come back to the page's broker, which holds the real key.
			bridge?.setLiveFetch(request.liveFetch);
			if (request.liveFetch && bridgePort !== undefined) {
				env.KEYLAB_LIVE_BRIDGE = `http://localhost:${bridgePort}`;
				args.splice(-1, 0, '--import', `../${KEYLAB_DIR}/live.mjs`);
			}
			// The bridge listens on the practice port in a real container; a test's may differ.
			const base = env.OPENAI_BASE_URL;
			if (base && bridgePort !== undefined && new URL(base).origin === practiceOrigin) {
				env.OPENAI_BASE_URL = base.replace(practiceOrigin, `http://localhost:${bridgePort}`);
			}
			const process = await container.spawn('node', args, { cwd: RUN_DIR, env, output: true });
			const split = createOutputSplitter((chunk) => request.onOutput(chunk));
			const piped = process.output
				.pipeTo(new WritableStream({ write: (piece) => split(piece) }))
				.catch(() => {});
			return new Promise<RunResult>((resolve) => {
				let settled = false;
				const finish = (exitCode: number, reason: RunResult['reason']) => {
					if (settled) return;
					settled = true;
					clearTimeout(timer);
					request.signal?.removeEventListener('abort', stop);
					bridge?.setLiveFetch(undefined);
					if (reason === 'stopped' || reason === 'timeout') process.kill();
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
					// A terminal cannot tell process.exit(1) from a crash; non-zero counts as an error.
					finish(code, code === 0 ? 'exit' : 'error');
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
