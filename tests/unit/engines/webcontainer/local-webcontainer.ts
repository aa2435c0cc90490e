/**
 * A fake WebContainer for tests: its file system is a temporary folder and its processes are real
 * Node 22 child processes. The engine's code paths (mount, spawn, env, bridge, output, kill) run
 * unchanged; only StackBlitz's in-browser Node is replaced by the one running the tests. Where it
 * matters it behaves like the real client (`@webcontainer/api` 1.6.4): stdout and stderr come as
 * ONE ordered terminal stream, the terminal turns `\n` into `\r\n`, the stream is cut into small
 * byte chunks and each chunk is decoded on its own (`decoder.decode(data)` in the client, with no
 * `stream: true`), and terminal input reaches the process in pieces.
 */
/* eslint-disable @typescript-eslint/require-await -- the fake implements async interfaces with sync Node calls. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
	ContainerProcess,
	FileSystemTree,
	LoadWebContainer,
	WebContainerLike,
} from '../../../../sandbox/engines/webcontainer/types.ts';

/** What the fake saw, for assertions. */
export interface LocalRecord {
	root: string;
	spawns: { command: string; args: string[]; cwd?: string; env: Record<string, string> }[];
	written: { path: string; contents: string }[];
	mounts: string[];
	boots: number;
	apiKeys: string[];
}

function writeTree(root: string, tree: FileSystemTree, record: LocalRecord): void {
	for (const [name, node] of Object.entries(tree)) {
		const path = join(root, name);
		if ('directory' in node) {
			mkdirSync(path, { recursive: true });
			writeTree(path, node.directory, record);
		} else if ('symlink' in node.file) symlinkSync(node.file.symlink, path);
		else {
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, node.file.contents);
			record.written.push({ path, contents: String(node.file.contents) });
		}
	}
}

/** How the fake cuts things, and hooks to make its steps hang or fail. */
export interface LocalOptions {
	/** Output chunk size in bytes (the real terminal cuts anywhere); 5 by default. */
	chunkBytes?: number;
	/** Input piece size in characters; 7 by default. */
	inputPiece?: number;
	/** Drops `--import` and `--env-file-if-exists` (a container Node that ignores them). */
	ignoreFlags?: boolean;
	/** Adds a flag Node does not know (a container Node that refuses the engine's flags: exit 9). */
	refuseFlags?: boolean;
	/** Called before each mount; return a never-settling promise to make it hang. */
	onMount?: (mountPoint: string | undefined) => Promise<void> | void;
}

/** A fake process, with its Node child for tests that poke at it. */
export interface LocalProcess extends ContainerProcess {
	child: ChildProcess;
}

function withoutFlags(args: string[]): string[] {
	return args.filter(
		(arg, index) =>
			arg !== '--import' && args[index - 1] !== '--import' && !arg.startsWith('--env-file'),
	);
}

function startProcess(
	args: string[],
	cwd: string,
	env: Record<string, string>,
	options: LocalOptions,
): LocalProcess {
	if (options.ignoreFlags) args = withoutFlags(args);
	if (options.refuseFlags) args = ['--keylab-no-such-flag', ...args];
	// One pipe for both streams (`2>&1`), as a terminal has: their order is kept exactly.
	const child = spawn('/bin/sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, ...args], {
		cwd,
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: 'pipe',
	});
	const size = options.chunkBytes ?? 5;
	const output = new ReadableStream<string>({
		start(controller) {
			// The terminal's bytes with ONLCR applied, cut small, each cut decoded on its own.
			child.stdout.on('data', (data: Buffer) => {
				const bytes = Buffer.from(data.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
				for (let at = 0; at < bytes.length; at += size)
					controller.enqueue(new TextDecoder().decode(bytes.subarray(at, at + size)));
			});
			child.stdout.on('end', () => controller.close());
		},
	});
	const piece = options.inputPiece ?? 7;
	const input = new WritableStream<string>({
		write(text) {
			for (let at = 0; at < text.length; at += piece) child.stdin.write(text.slice(at, at + piece));
		},
	});
	child.stdin.on('error', () => {});
	const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 137)));
	return { output, input, exit, kill: () => void child.kill('SIGKILL'), child };
}

/** A loader for the engine's `loadWebContainer` option, and what the fake recorded. */
export function localWebContainer(options: LocalOptions = {}): {
	load: LoadWebContainer;
	record: LocalRecord;
	children: LocalProcess[];
	cleanup(): void;
} {
	const root = mkdtempSync(join(tmpdir(), 'keylab-wc-'));
	const record: LocalRecord = { root, spawns: [], written: [], mounts: [], boots: 0, apiKeys: [] };
	const children: LocalProcess[] = [];
	const container: WebContainerLike = {
		async mount(tree, mountOptions) {
			await options.onMount?.(mountOptions?.mountPoint);
			record.mounts.push(mountOptions?.mountPoint ?? '');
			writeTree(join(root, mountOptions?.mountPoint ?? ''), tree as FileSystemTree, record);
		},
		async spawn(command, args, spawnOptions = {}) {
			record.spawns.push({ command, args, cwd: spawnOptions.cwd, env: { ...spawnOptions.env } });
			const child = startProcess(
				args,
				join(root, spawnOptions.cwd ?? ''),
				spawnOptions.env ?? {},
				options,
			);
			children.push(child);
			return child;
		},
		fs: {
			async writeFile(path, data) {
				writeFileSync(join(root, path), data);
				record.written.push({ path, contents: String(data) });
			},
			async mkdir(path) {
				mkdirSync(join(root, path), { recursive: true });
			},
			async rm(path, options) {
				rmSync(join(root, path), { recursive: options?.recursive, force: options?.force });
			},
		},
	};
	const load: LoadWebContainer = async () => ({
		configureAPIKey(key) {
			// As the real client: the key must come before boot.
			if (record.boots > 0)
				throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
			record.apiKeys.push(key);
		},
		async boot(bootOptions) {
			record.boots++;
			if (bootOptions.coep !== 'credentialless')
				throw new Error('The site sends COEP credentialless; boot must match.');
			return container;
		},
	});
	return {
		load,
		record,
		children,
		cleanup() {
			for (const child of children) child.kill();
			rmSync(root, { recursive: true, force: true });
		},
	};
}

/** A WebContainer whose boot never settles, as offline. */
export const hangingWebContainer: LoadWebContainer = async () => ({
	boot: () => new Promise(() => {}),
});

/** The snapshot for tests: the real one holds node_modules/openai; here a link to ours stands in. */
export const linkedSnapshot = (): Promise<FileSystemTree> =>
	Promise.resolve({
		'package.json': {
			file: {
				contents: JSON.stringify({ private: true, type: 'module', engines: { node: '22' } }),
			},
		},
		node_modules: {
			file: { symlink: fileURLToPath(new URL('../../../../node_modules', import.meta.url)) },
		},
	});
