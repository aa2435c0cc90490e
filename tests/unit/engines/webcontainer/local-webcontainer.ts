/**
 * A fake WebContainer for tests: its file system is a temporary folder and its processes are real
 * Node 22 child processes. The engine's code paths (mount, spawn, env, bridge, output, kill) run
 * unchanged; only StackBlitz's in-browser Node is replaced by the one running the tests.
 */
/* eslint-disable @typescript-eslint/require-await -- the fake implements async interfaces with sync Node calls. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
	boots: number;
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

function startProcess(args: string[], cwd: string, env: Record<string, string>): ContainerProcess {
	const child = spawn(process.execPath, args, {
		cwd,
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: 'pipe',
	});
	const output = new ReadableStream<string>({
		start(controller) {
			let open = 2;
			const end = () => --open === 0 && controller.close();
			for (const stream of [child.stdout, child.stderr]) {
				stream.setEncoding('utf8');
				stream.on('data', (text: string) => controller.enqueue(text));
				stream.on('end', end);
			}
		},
	});
	const input = new WritableStream<string>({
		write: (text) => void child.stdin.write(text),
	});
	child.stdin.on('error', () => {});
	const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 137)));
	return { output, input, exit, kill: () => void child.kill('SIGKILL') };
}

/** A loader for the engine's `loadWebContainer` option, and what the fake recorded. */
export function localWebContainer(): {
	load: LoadWebContainer;
	record: LocalRecord;
	cleanup(): void;
} {
	const root = mkdtempSync(join(tmpdir(), 'keylab-wc-'));
	const record: LocalRecord = { root, spawns: [], written: [], boots: 0 };
	const children: ContainerProcess[] = [];
	const container: WebContainerLike = {
		async mount(tree, options) {
			writeTree(join(root, options?.mountPoint ?? ''), tree as FileSystemTree, record);
		},
		async spawn(command, args, options = {}) {
			record.spawns.push({ command, args, cwd: options.cwd, env: { ...options.env } });
			const child = startProcess(args, join(root, options.cwd ?? ''), options.env ?? {});
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
		async boot(options) {
			record.boots++;
			if (options.coep !== 'credentialless')
				throw new Error('The site sends COEP credentialless; boot must match.');
			return container;
		},
	});
	return {
		load,
		record,
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
