/**
 * The `process` global of a worker run: enough of Node's for samples (env, argv, exit, exitCode,
 * stdout.write, cwd, nextTick, hrtime). `process.versions.node` stays unset on purpose: this is not
 * Node, and libraries must not take it for Node.
 */
import { PROJECT_DIR } from './module-graph.ts';

/** Thrown by `process.exit()` to unwind the program's stack; the runtime never prints it. */
export class ProcessExit extends Error {
	readonly exitCode: number;
	constructor(code: number) {
		super(`process.exit(${code})`);
		this.exitCode = code;
	}
}

/** The subset of Node's `process` a worker run offers. */
export interface ProcessShim {
	env: Record<string, string | undefined>;
	argv: string[];
	exitCode: number | undefined;
	exit(code?: number): never;
	[key: string]: unknown;
}

/** Builds `process` for one run; `onExit` ends the run, `write` sends output. */
export function createProcess(options: {
	env: Record<string, string>;
	entry: string;
	write: (stream: 'stdout' | 'stderr', text: string) => void;
	onExit: (code: number) => void;
}): ProcessShim {
	const { write, onExit } = options;
	const start = performance.now();
	const stream = (name: 'stdout' | 'stderr') => ({
		isTTY: false,
		columns: 80,
		write(chunk: unknown, encoding?: unknown, callback?: unknown) {
			write(
				name,
				typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk as Uint8Array),
			);
			const done = typeof encoding === 'function' ? encoding : callback;
			if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
			return true;
		},
	});
	const process: ProcessShim = {
		env: { ...options.env },
		argv: ['/usr/local/bin/node', `${PROJECT_DIR}/${options.entry}`],
		argv0: 'node',
		execArgv: [],
		exitCode: undefined,
		exit(code?: number): never {
			const exitCode = Number(code ?? process.exitCode ?? 0) || 0;
			onExit(exitCode);
			throw new ProcessExit(exitCode);
		},
		title: 'node',
		platform: 'browser',
		version: '',
		versions: {},
		pid: 1,
		ppid: 0,
		stdout: stream('stdout'),
		stderr: stream('stderr'),
		cwd: () => PROJECT_DIR,
		nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) =>
			queueMicrotask(() => callback(...args)),
		hrtime: Object.assign(
			(previous?: [number, number]) => {
				const now = performance.now() * 1e6;
				const seconds = Math.floor(now / 1e9);
				const nanos = Math.floor(now % 1e9);
				if (!previous) return [seconds, nanos];
				const diff = now - (previous[0] * 1e9 + previous[1]);
				return [Math.floor(diff / 1e9), Math.floor(diff % 1e9)];
			},
			{ bigint: () => BigInt(Math.floor(performance.now() * 1e6)) },
		),
		uptime: () => (performance.now() - start) / 1000,
		memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
		emitWarning: (warning: unknown) => write('stderr', `(node) Warning: ${String(warning)}\n`),
	};
	// Event methods exist so `process.on('exit', ...)` style code runs; the worker has no such events.
	for (const method of [
		'on',
		'once',
		'off',
		'addListener',
		'removeListener',
		'removeAllListeners',
	]) {
		process[method] = () => process;
	}
	return process;
}
