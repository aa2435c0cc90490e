/**
 * Inside the worker: turns one `run` message into a running program. Installs Node-like globals,
 * turns the learner's files into blob-URL modules (imports rewritten by es-module-lexer), imports
 * the entry, and decides when the program has ended the way Node does: when nothing is pending.
 * One worker runs one program; the page throws the worker away afterwards, so nothing leaks.
 */
import { parseDotenv } from '../env.ts';
import { OUTPUT_LIMITS } from '../output-cap.ts';
import { createConsole } from './console-shim.ts';
import { inspect } from './inspect.ts';
import { createOutputBatcher } from './output-batcher.ts';
import {
	ModuleGraphError,
	PROJECT_DIR,
	SourceSyntaxError,
	lexerReady,
	planModules,
	rewriteImports,
	type ImportTarget,
} from './module-graph.ts';
import { ProcessExit, createProcess, type ProcessShim } from './process-shim.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { BridgeClient, createSandboxFetch } from './worker-fetch.ts';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;
type Sdk = Record<string, unknown> & { OpenAI: new (options?: Record<string, unknown>) => object };

const REGISTRY = Symbol.for('keylab.sandbox.modules');

/** The SDK as the learner's code sees it: `new OpenAI()` works without `dangerouslyAllowBrowser`. */
export function wrapSdk(sdk: Sdk): Record<string, unknown> {
	// The SDK refuses to start in a browser worker unless told otherwise; the key here is the
	// learner's own, in their own tab, which is the case that option exists for.
	class OpenAI extends sdk.OpenAI {
		constructor(options: Record<string, unknown> = {}) {
			super({ dangerouslyAllowBrowser: true, ...options });
		}
	}
	const exports: Record<string, unknown> = { ...sdk, OpenAI, default: OpenAI };
	// Bundlers minify class names; errors and objects print by class name, so restore them.
	for (const [name, value] of Object.entries(exports)) {
		if (typeof value === 'function' && name !== 'default')
			Object.defineProperty(value, 'name', { value: name });
	}
	return exports;
}

function moduleUrl(source: string): string {
	return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/** Sets up the worker global: call `handle` with each page message. Resolves when ready to run. */
export async function startRuntime(
	scope: typeof globalThis,
	post: Post,
	sdk: Sdk,
): Promise<(message: ToWorker) => void> {
	const native = {
		setTimeout: scope.setTimeout.bind(scope),
		clearTimeout: scope.clearTimeout.bind(scope),
		setInterval: scope.setInterval.bind(scope),
		clearInterval: scope.clearInterval.bind(scope),
	};
	let pending = 0;
	let exited = false;
	let started = false;
	let process: ProcessShim | undefined;
	const blobPaths = new Map<string, string>();

	const exit = (code: number, reason: 'exit' | 'error') => {
		if (exited) return;
		exited = true;
		output.flush();
		post({ type: 'exit', code, reason });
	};
	const checkIdle = () => {
		if (pending > 0 || exited) return;
		// A macrotask later: promise chains woken by the last release run first, as in Node.
		native.setTimeout(() => {
			if (pending === 0 && !exited) exit(process?.exitCode ?? 0, 'exit');
		}, 0);
	};
	const hold = () => {
		pending++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			pending--;
			checkIdle();
		};
	};
	const output = createOutputBatcher(
		(stream, text) => post({ type: 'output', stream, text }),
		native.setTimeout,
	);
	// Flood guard: a program printing in a loop stops sending once it is past the page's output
	// cap (the page stops the run there), so the page never has more than that to take in.
	let sentChars = 0;
	let sentLines = 0;
	const write = (stream: 'stdout' | 'stderr', text: string) => {
		if (exited || sentChars > OUTPUT_LIMITS.bytes || sentLines > OUTPUT_LIMITS.lines) return;
		sentChars += text.length;
		for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) sentLines++;
		output.write(stream, text);
		// Past the cap: send now, since a loop that never yields would keep the batch forever.
		if (sentChars > OUTPUT_LIMITS.bytes || sentLines > OUTPUT_LIMITS.lines) output.flush();
	};
	const mapStack = (stack: string) =>
		stack
			.split('\n')
			.filter((line, index) => index === 0 || !/^\s+at /.test(line) || /blob:/.test(line))
			.map((line) =>
				line.replace(
					/blob:[^\s)]*?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
					(url) => `file://${PROJECT_DIR}/${blobPaths.get(url) ?? 'unknown.js'}`,
				),
			)
			.join('\n');
	const reportUncaught = (error: unknown) => {
		if (error instanceof ProcessExit || exited) return;
		write('stderr', `${error instanceof Error ? inspect(error, { mapStack }) : inspect(error)}\n`);
		exit(1, 'error');
	};
	scope.addEventListener('error', (event) => {
		event.preventDefault();
		reportUncaught(event.error);
	});
	scope.addEventListener('unhandledrejection', (event) => {
		event.preventDefault();
		reportUncaught(event.reason);
	});

	const wrapped = wrapSdk(sdk);
	const names = Object.keys(wrapped).filter(
		(name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
	);
	const registry: Record<string, unknown> = { openai: wrapped };
	Object.defineProperty(scope, REGISTRY, { value: registry });
	const get = `globalThis[Symbol.for('keylab.sandbox.modules')]`;
	const builtins: Record<string, string> = {
		openai: moduleUrl(
			`const m = ${get}.openai;\nexport default m.default;\nexport const { ${names.join(', ')} } = m;\n`,
		),
		process: moduleUrl(
			`const p = globalThis.process;\nexport default p;\nexport const { env, argv, stdout, stderr, platform, cwd, nextTick, hrtime } = p;\nexport const exit = (code) => p.exit(code);\n`,
		),
		dotenv: moduleUrl(
			`const config = () => ${get}.dotenv();\nexport { config };\nexport default { config };\n`,
		),
		'dotenv/config': moduleUrl(`${get}.dotenv();\n`),
	};
	const urlFor = (files: Map<string, string>) => (target: ImportTarget) =>
		target.kind === 'file'
			? (files.get(target.path) ?? '')
			: target.kind === 'openai'
				? builtins.openai
				: builtins[target.name];

	await lexerReady;

	const run = async (message: Extract<ToWorker, { type: 'run' }>) => {
		if (started) return;
		started = true;
		const proc = createProcess({
			env: message.env,
			entry: message.entry,
			write,
			onExit: (code) => exit(code, 'exit'),
		});
		process = proc;
		registry.dotenv = () => {
			// `dotenv` reads `.env` into process.env without overriding what is already set.
			const file = message.files.find((candidate) => candidate.path === '.env');
			const parsed = file ? parseDotenv(file.contents) : {};
			for (const [key, value] of Object.entries(parsed)) proc.env[key] ??= value;
			return { parsed };
		};
		installGlobals(scope, {
			process: proc,
			console: createConsole(write, { mapStack }),
			hold,
			native,
		});
		const bridge = new BridgeClient(post, hold);
		registry.bridge = bridge;
		const sandboxFetch = createSandboxFetch({
			practiceOrigin: message.practiceOrigin,
			bridge,
		});
		scope.fetch = sandboxFetch;
		// The prototype's fetch too, so `WorkerGlobalScope.prototype.fetch.call(self, …)` meets the
		// same guard. The hard boundary is the sandboxed frame's CSP (connect-src 'none', frame.ts).
		for (
			let proto: object | null = Object.getPrototypeOf(scope) as object | null;
			proto;
			proto = Object.getPrototypeOf(proto) as object | null
		) {
			if (Object.prototype.hasOwnProperty.call(proto, 'fetch')) {
				Object.defineProperty(proto, 'fetch', {
					value: sandboxFetch,
					configurable: true,
					writable: true,
				});
			}
		}

		let order: string[];
		const urls = new Map<string, string>();
		try {
			const plan = planModules(message.files, message.entry);
			order = plan.order;
			const sources = new Map(message.files.map((file) => [file.path, file.contents]));
			for (const path of plan.order) {
				const source = rewriteImports(
					sources.get(path) ?? '',
					plan.imports.get(path) ?? [],
					urlFor(urls),
				);
				const url = moduleUrl(source);
				urls.set(path, url);
				blobPaths.set(url, path);
			}
		} catch (error) {
			if (error instanceof SourceSyntaxError) {
				// The lexer knows roughly where, not what; the page's parser says both precisely.
				exited = true;
				output.flush();
				post({ type: 'syntax-error', message: '' });
				return;
			} else if (error instanceof ModuleGraphError) {
				write('stderr', `Error [${error.code.toUpperCase()}]: ${error.message}\n`);
			} else write('stderr', `${inspect(error)}\n`);
			exit(1, 'error');
			return;
		}
		const release = hold();
		try {
			await import(/* @vite-ignore */ urls.get(order[order.length - 1])!);
		} catch (error) {
			if (error instanceof SyntaxError && !/\n\s+at /.test(error.stack ?? '')) {
				exited = true;
				output.flush();
				post({ type: 'syntax-error', message: error.message });
			} else reportUncaught(error);
		} finally {
			release();
		}
	};

	return (message: ToWorker) => {
		if (message.type === 'run') void run(message);
		else (registry.bridge as BridgeClient | undefined)?.handle(message);
	};
}

/** Node-like globals, timers that keep the program alive, and no network APIs but our fetch. */
function installGlobals(
	scope: typeof globalThis,
	options: {
		process: ProcessShim;
		console: Console;
		hold: () => () => void;
		native: {
			setTimeout: typeof setTimeout;
			clearTimeout: typeof clearTimeout;
			setInterval: typeof setInterval;
			clearInterval: typeof clearInterval;
		};
	},
): void {
	const { hold, native } = options;
	const timers = new Map<unknown, () => void>();
	const target = scope as unknown as Record<string, unknown>;
	target.process = options.process;
	target.global = scope;
	Object.defineProperty(scope, 'console', {
		value: options.console,
		configurable: true,
		writable: true,
	});
	const clear = (id: unknown) => {
		timers.get(id)?.();
		timers.delete(id);
	};
	target.setTimeout = (callback: unknown, ms?: number, ...args: unknown[]) => {
		const id = native.setTimeout(() => {
			try {
				if (typeof callback === 'function') (callback as (...a: unknown[]) => void)(...args);
			} finally {
				clear(id);
			}
		}, ms);
		timers.set(id, hold());
		return id;
	};
	target.clearTimeout = (id: ReturnType<typeof setTimeout>) => {
		native.clearTimeout(id);
		clear(id);
	};
	target.setInterval = (callback: unknown, ms?: number, ...args: unknown[]) => {
		const id = native.setInterval(() => {
			if (typeof callback === 'function') (callback as (...a: unknown[]) => void)(...args);
		}, ms);
		timers.set(id, hold());
		return id;
	};
	target.clearInterval = (id: ReturnType<typeof setInterval>) => {
		native.clearInterval(id);
		clear(id);
	};
	target.setImmediate = (callback: (...a: unknown[]) => void, ...args: unknown[]) =>
		(target.setTimeout as typeof setTimeout)(callback, 0, ...args);
	target.clearImmediate = target.clearTimeout;
	// Only our fetch may reach the network: it knows which hosts exist for a run. (The frame's
	// CSP blocks these at the browser too; the stubs give a clear message instead.)
	for (const name of [
		'XMLHttpRequest',
		'WebSocket',
		'EventSource',
		'WebTransport',
		'importScripts',
	]) {
		target[name] = function refused() {
			throw new TypeError(
				`${name} is not available in the sandbox; use fetch (it reaches the practice API and api.openai.com).`,
			);
		};
	}
	removeStorageAndChannels(scope);
}

/**
 * Storage that outlives the run and channels to other contexts of the site: a run has neither,
 * as a fresh Node process has neither. The browser already keeps them from the site: the worker
 * runs in a sandboxed frame with an opaque origin (isolated-worker.ts), where IndexedDB and
 * CacheStorage refuse and a BroadcastChannel reaches none of the site's pages. This is the second
 * line: they are removed here too, from the global and from every prototype that defines them,
 * so code gets Node's ReferenceError rather than a browser's SecurityError.
 */
export function removeStorageAndChannels(scope: typeof globalThis): void {
	const names = [
		'indexedDB',
		'caches',
		'BroadcastChannel',
		'SharedWorker',
		'Worker',
		'IDBFactory',
		'CacheStorage',
		'StorageManager',
		'cookieStore',
		'webkitRequestFileSystem',
		'webkitRequestFileSystemSync',
		'webkitResolveLocalFileSystemURL',
		'webkitResolveLocalFileSystemSyncURL',
	];
	for (
		let object: object | null = scope;
		object;
		object = Object.getPrototypeOf(object) as object | null
	) {
		for (const name of names) {
			if (Object.prototype.hasOwnProperty.call(object, name)) {
				try {
					Reflect.deleteProperty(object, name);
				} catch {
					// A non-configurable property stays; the defineProperty below then fails too.
				}
			}
		}
	}
	const navigatorObject = (scope as { navigator?: object }).navigator;
	for (
		let object = navigatorObject ?? null;
		object;
		object = Object.getPrototypeOf(object) as object | null
	) {
		if (Object.prototype.hasOwnProperty.call(object, 'storage'))
			Reflect.deleteProperty(object, 'storage');
	}
}
