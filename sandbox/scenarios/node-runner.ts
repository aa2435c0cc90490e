/**
 * Runs one scenario variant (starter or solution) the way a learner's terminal would: the files
 * in a temporary folder, `node index.js` as a child process, OPENAI_BASE_URL pointing at a practice
 * API server on a free loopback port of this process. Node only; browsers use the scenario card.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputChunk } from '../engines/types.ts';
import { createPracticeApi } from '../practice-api/index.ts';
import { startPracticeServer } from '../practice-api/node-server.ts';
import { listKeys } from '../practice-api/admin.ts';
import { createAdmin } from './admin.ts';
import type { CheckResult, Scenario, ScenarioRun } from './types.ts';

/** Which files to run: the broken starter or the reference solution (with its console steps). */
export type Variant = 'starter' | 'solution';

/** What one run produced, and its verdict. */
export interface NodeRun {
	run: ScenarioRun;
	result: CheckResult;
	durationMs: number;
}

// Set by the packed CLI's build (scripts/pack-cli.ts): where its bundled `openai` package lives,
// relative to the bundle. Undefined when run from a checkout.
declare const __KEYLAB_SDK_MODULES__: string | undefined;

/** A node_modules holding `openai`, linked into each temp folder so `import 'openai'` resolves. */
const NODE_MODULES = fileURLToPath(
	new URL(
		typeof __KEYLAB_SDK_MODULES__ === 'string' ? __KEYLAB_SDK_MODULES__ : '../../node_modules',
		import.meta.url,
	),
);

function runNode(
	dir: string,
	env: Record<string, string>,
	timeoutMs: number,
): Promise<{ output: OutputChunk[]; exitCode: number }> {
	return new Promise((resolve, reject) => {
		// Only what the program needs: the parent's OPENAI_* variables must not leak in.
		const child = spawn(process.execPath, ['index.js'], {
			cwd: dir,
			env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output: OutputChunk[] = [];
		child.stdout
			.setEncoding('utf8')
			.on('data', (text: string) => output.push({ stream: 'stdout', text }));
		child.stderr
			.setEncoding('utf8')
			.on('data', (text: string) => output.push({ stream: 'stderr', text }));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (timedOut) output.push({ stream: 'stderr', text: `\n[stopped after ${timeoutMs} ms]\n` });
			resolve({ output, exitCode: timedOut ? 124 : (code ?? 1) });
		});
	});
}

/** Sets the scenario up on a fresh practice API, runs the variant and checks it. */
export async function runScenarioInNode(
	scenario: Scenario,
	variant: Variant,
	options: { timeoutMs?: number } = {},
): Promise<NodeRun> {
	const started = performance.now();
	const api = createPracticeApi();
	const server = await startPracticeServer({ port: 0, host: '127.0.0.1', api });
	const dir = await mkdtemp(join(tmpdir(), `keylab-${scenario.id}-${variant}-`));
	try {
		const admin = createAdmin(api);
		let context = scenario.setup(admin, server.url);
		if (variant === 'solution' && scenario.solve) context = scenario.solve(admin, context);
		const files = variant === 'starter' ? scenario.starter(context) : scenario.solution(context);
		for (const file of files) {
			const path = join(dir, file.path);
			await mkdir(dirname(path), { recursive: true });
			await writeFile(path, file.contents);
		}
		await symlink(NODE_MODULES, join(dir, 'node_modules'), 'dir');
		const env = { ...context.env, OPENAI_BASE_URL: context.baseURL };
		const logStart = api.state.requestLog.length;
		const { output, exitCode } = await runNode(
			dir,
			env,
			options.timeoutMs ?? scenario.timeoutMs ?? 20_000,
		);
		const run: ScenarioRun = {
			output,
			exitCode,
			requestLog: api.state.requestLog.slice(logStart),
			files,
			env,
			keys: listKeys(api.state),
			context,
		};
		return { run, result: scenario.check(run), durationMs: performance.now() - started };
	} finally {
		await server.close();
		await rm(dir, { recursive: true, force: true });
	}
}
