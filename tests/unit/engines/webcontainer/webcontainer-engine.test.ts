import { afterEach, describe, expect, it } from 'vitest';
import type { BootProgress, OutputChunk, RunRequest } from '../../../../sandbox/engines/types.ts';
import {
	createWebContainerEngine,
	type WebContainerEngineOptions,
} from '../../../../sandbox/engines/webcontainer/index.ts';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../../sandbox/practice-api/index.ts';
import { getTemplate } from '../../../../sandbox/templates/index.ts';
import {
	hangingWebContainer,
	linkedSnapshot as snapshot,
	localWebContainer,
	type LocalOptions,
} from './local-webcontainer.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup(
	localOptions: LocalOptions = {},
	engineOptions: Partial<WebContainerEngineOptions> = {},
) {
	const local = localWebContainer(localOptions);
	const api = createPracticeApi();
	const engine = createWebContainerEngine({
		practiceFetch: (request) => api.fetch(request),
		loadWebContainer: local.load,
		loadSnapshot: snapshot,
		bridgeEnv: { KEYLAB_BRIDGE_PORT: '0' },
		...engineOptions,
	});
	cleanups.push(
		() => engine.dispose(),
		() => local.cleanup(),
	);
	return { engine, local, api };
}

async function run(
	engine: ReturnType<typeof setup>['engine'],
	request: Omit<RunRequest, 'onOutput' | 'entry'> & { entry?: string },
) {
	const chunks: OutputChunk[] = [];
	const result = await engine.run({
		entry: 'index.js',
		...request,
		onOutput: (chunk) => chunks.push(chunk),
	});
	const text = (stream: string) =>
		chunks
			.filter((chunk) => chunk.stream === stream)
			.map((chunk) => chunk.text)
			.join('');
	return { result, chunks, stdout: text('stdout'), stderr: text('stderr') };
}

describe('the WebContainer engine (with a local fake container)', () => {
	it('boots once, reporting progress up to ready', async () => {
		const { engine, local } = setup();
		const progress: BootProgress[] = [];
		await Promise.all([engine.boot({ onProgress: (p) => progress.push(p) }), engine.boot()]);
		await engine.boot();
		expect(local.record.boots).toBe(1);
		expect(progress.at(-1)).toEqual({ value: 1, text: 'Ready' });
		expect(progress.map((p) => p.value)).toEqual(
			[...progress.map((p) => p.value)].sort((a, b) => a - b),
		);
		expect(local.record.spawns[0]).toMatchObject({
			command: 'node',
			args: [
				'--env-file-if-exists=.keylab/probe.env',
				'--import',
				'./.keylab/probe.mjs',
				'.keylab/bridge.mjs',
			],
		});
	});

	it('runs a lesson sample in real Node through the practice bridge', async () => {
		const { engine, local } = setup();
		const files = getTemplate('first-request').files.map((file) => ({ ...file }));
		const key = scenarioKey('valid');
		const report = await run(engine, {
			files,
			env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: PRACTICE_BASE_URL },
		});
		expect(report.stderr).toBe('');
		expect(report.result).toMatchObject({ exitCode: 0, reason: 'exit' });
		expect(report.stdout).toMatch(/\S.*\nTokens used: \d+\n$/);
		const spawned = local.record.spawns.at(-1)!;
		expect(spawned).toMatchObject({
			command: 'node',
			cwd: 'run-1',
			args: ['--env-file-if-exists=.env', '--import', '../.keylab/streams.mjs', 'index.js'],
		});
		expect(spawned.env.OPENAI_API_KEY).toBe(key);
		// The key went in the env and nowhere else.
		expect(local.record.written.filter((file) => file.contents.includes(key))).toEqual([]);
	}, 30_000);

	it('streams deltas as they arrive', async () => {
		const { engine } = setup();
		const files = getTemplate('stream-response').files.map((file) => ({ ...file }));
		const report = await run(engine, {
			files,
			env: { OPENAI_API_KEY: scenarioKey('valid'), OPENAI_BASE_URL: PRACTICE_BASE_URL },
		});
		expect(report.stderr).toBe('');
		// Pipes may merge writes under load; the lines still show one event per delta.
		expect(report.stdout.match(/^piece: /gm)?.length ?? 0).toBeGreaterThan(2);
	}, 30_000);

	it('tells stderr from stdout and reports a crash', async () => {
		const { engine } = setup();
		const files = [
			{
				path: 'index.js',
				contents: "console.log('out');\nconsole.error('err');\nthrow new Error('boom');\n",
			},
		];
		const report = await run(engine, { files, env: {} });
		expect(report.stdout).toBe('out\n');
		expect(report.stderr).toContain('err\n');
		expect(report.stderr).toContain('Error: boom');
		expect(report.result).toMatchObject({ exitCode: 1, reason: 'error' });
	}, 30_000);

	it('reads .env the way the start script says, with the run env winning', async () => {
		const { engine } = setup();
		const files = [
			{ path: 'index.js', contents: 'console.log(process.env.A, process.env.B);\n' },
			{ path: '.env', contents: 'A=file\nB=file\n' },
			{
				path: 'package.json',
				contents: JSON.stringify({
					type: 'module',
					scripts: { start: 'node --env-file=.env index.js' },
				}),
			},
		];
		expect((await run(engine, { files, env: { A: 'run' } })).stdout).toBe('run file\n');
	}, 30_000);

	it('Stop and the time limit kill the process', async () => {
		const { engine } = setup();
		const files = [{ path: 'index.js', contents: 'setInterval(() => {}, 1000);\n' }];
		const controller = new AbortController();
		const stopped = run(engine, { files, env: {}, signal: controller.signal });
		setTimeout(() => controller.abort(), 300);
		expect((await stopped).result).toMatchObject({ exitCode: 130, reason: 'stopped' });
		expect((await run(engine, { files, env: {}, timeoutMs: 300 })).result).toMatchObject({
			exitCode: 124,
			reason: 'timeout',
		});
	}, 30_000);

	it('gives up booting after the timeout instead of hanging, and can be cancelled', async () => {
		const engine = createWebContainerEngine({
			practiceFetch: fetch,
			loadWebContainer: hangingWebContainer,
			bootTimeoutMs: 50,
		});
		await expect(engine.boot()).rejects.toMatchObject({ code: 'engine_boot_timeout' });
		const other = createWebContainerEngine({
			practiceFetch: fetch,
			loadWebContainer: hangingWebContainer,
		});
		const controller = new AbortController();
		const booting = other.boot({ signal: controller.signal });
		controller.abort();
		await expect(booting).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('fails at once when the WebContainer servers are unreachable', async () => {
		const engine = createWebContainerEngine({
			practiceFetch: fetch,
			loadWebContainer: hangingWebContainer,
			probe: () => Promise.reject(new TypeError('Failed to fetch')),
		});
		const started = performance.now();
		await expect(engine.boot()).rejects.toMatchObject({ code: 'engine_boot_unreachable' });
		expect(performance.now() - started).toBeLessThan(1_000);
	});
});

describe('the WebContainer engine holds up where the real client is rough', () => {
	const practiceEnv = () => ({
		OPENAI_API_KEY: scenarioKey('valid'),
		OPENAI_BASE_URL: PRACTICE_BASE_URL,
	});
	const sample = () => getTemplate('first-request').files.map((file) => ({ ...file }));

	it('keeps characters and stream marks intact when the terminal cuts chunks anywhere', async () => {
		// 1-byte chunks, each decoded on its own: every multi-byte character and every mark is split.
		const { engine } = setup({ chunkBytes: 1 });
		const files = [
			{
				path: 'index.js',
				contents:
					"console.log('héllo ✓ 日本 🔑');\nconsole.error('ünï ⚠');\nprocess.stdout.write('a\\r\\nb\\n');\n",
			},
		];
		const report = await run(engine, { files, env: {} });
		expect(report.stdout).toBe('héllo ✓ 日本 🔑\na\r\nb\n');
		expect(report.stderr).toBe('ünï ⚠\n');
		expect(report.chunks.map((chunk) => chunk.stream)).toEqual(['stdout', 'stderr', 'stdout']);
		expect(report.result).toMatchObject({ exitCode: 0, reason: 'exit' });
	}, 30_000);

	it("turns the terminal's \\r\\n back into \\n in Node's own fatal report", async () => {
		const { engine } = setup({ chunkBytes: 3 });
		const files = [{ path: 'index.js', contents: "throw new Error('boom');\n" }];
		const report = await run(engine, { files, env: {} });
		expect(report.stdout).toBe('');
		expect(report.stderr).toContain('Error: boom\n');
		expect(report.stderr).not.toContain('\r');
	}, 30_000);

	it('the bridge skips malformed lines and keeps serving', async () => {
		const { engine, local } = setup();
		await engine.boot();
		const bridge = local.children[0];
		bridge.child.stdin?.write('not json\n{"type":"head"\n\n{"id":99,"type":"end"}\nnull\n');
		const report = await run(engine, { files: sample(), env: practiceEnv() });
		expect(report.stderr).toBe('');
		expect(report.result.exitCode).toBe(0);
		expect(bridge.child.exitCode).toBeNull();
		expect(local.record.spawns.filter((s) => s.args.includes('.keylab/bridge.mjs'))).toHaveLength(
			1,
		);
	}, 30_000);

	it('restarts the bridge when it exits, so later practice calls still work', async () => {
		const { engine, local } = setup();
		await engine.boot();
		const first = local.children[0];
		first.kill();
		await first.exit;
		const report = await run(engine, { files: sample(), env: practiceEnv() });
		expect(report.stderr).toBe('');
		expect(report.stdout).toMatch(/Tokens used: \d+\n$/);
		expect(local.record.spawns.filter((s) => s.args.includes('.keylab/bridge.mjs'))).toHaveLength(
			2,
		);
	}, 30_000);

	it('concurrent runs get their own folders', async () => {
		const { engine, local } = setup();
		const program = (name: string) => [
			{
				path: 'index.js',
				contents: `import { readFileSync } from 'node:fs';\nawait new Promise((r) => setTimeout(r, 200));\nconsole.log(readFileSync('name.txt', 'utf8'));\n`,
			},
			{ path: 'name.txt', contents: name },
			{ path: 'package.json', contents: '{"type":"module"}' },
		];
		const [a, b] = await Promise.all([
			run(engine, { files: program('sandbox'), env: {} }),
			run(engine, { files: program('scenario card'), env: {} }),
		]);
		expect(a.stdout).toBe('sandbox\n');
		expect(b.stdout).toBe('scenario card\n');
		const runMounts = local.record.mounts.filter((mount) => mount.startsWith('run'));
		expect(new Set(runMounts).size).toBe(2);
	}, 30_000);

	it('a step that hangs after boot hits its time limit, and Stop ends the wait at once', async () => {
		let hang = false;
		const { engine } = setup(
			{ onMount: (point) => (hang && point ? new Promise<void>(() => {}) : undefined) },
			// Long enough for the boot's real steps (the practice bridge starts a Node process,
			// which took over 300 ms on a loaded machine), short enough to wait out here.
			{ stepTimeoutMs: 2000 },
		);
		await engine.boot();
		hang = true;
		const files = [{ path: 'index.js', contents: "console.log('x');\n" }];
		await expect(run(engine, { files, env: {} })).rejects.toThrow(
			/Writing your files did not finish within 2 s/,
		);
		const controller = new AbortController();
		const started = performance.now();
		const stopped = run(engine, { files, env: {}, signal: controller.signal });
		setTimeout(() => controller.abort(), 50);
		expect((await stopped).result).toMatchObject({ exitCode: 130, reason: 'stopped' });
		expect(performance.now() - started).toBeLessThan(250);
	}, 30_000);

	it('a snapshot that never arrives fails the boot within the step limit', async () => {
		const { engine } = setup({}, { stepTimeoutMs: 200, loadSnapshot: () => new Promise(() => {}) });
		await expect(engine.boot()).rejects.toThrow(/Downloading the openai package did not finish/);
	});

	it("reports the container's Node and refuses a Node that ignores --import or --env-file-if-exists", async () => {
		const { engine } = setup({ ignoreFlags: true });
		const version = process.version.replace(/\./g, '\\.');
		const booting = engine.boot();
		await expect(booting).rejects.toMatchObject({ code: 'engine_node_flags' });
		await expect(booting).rejects.toThrow(
			new RegExp(`\\(${version}\\) ignored --import and --env-file-if-exists`),
		);
	}, 30_000);

	it('fails the boot at once, saying why, when the container Node refuses the flags', async () => {
		const { engine, local } = setup({ refuseFlags: true });
		const started = performance.now();
		const booting = engine.boot();
		await expect(booting).rejects.toMatchObject({ code: 'engine_node_flags' });
		await expect(booting).rejects.toThrow(/stopped the practice bridge at start \(exit code 9\)/);
		expect(performance.now() - started).toBeLessThan(5_000);
		// Not restarted in a loop.
		expect(local.record.spawns).toHaveLength(1);
	}, 30_000);

	it('passes the API key to configureAPIKey before booting', async () => {
		const { engine, local } = setup({}, { apiKey: 'wc_api_test_123' });
		await engine.boot();
		expect(local.record.apiKeys).toEqual(['wc_api_test_123']);
		expect(local.record.boots).toBe(1);
	}, 30_000);
});

describe('how a run ended', () => {
	it('tells process.exit(1) (exit) from a crash (error), as the worker does', async () => {
		const { engine } = setup({ chunkBytes: 2 });
		const exited = await run(engine, {
			files: [{ path: 'index.js', contents: "console.error('no key');\nprocess.exit(1);\n" }],
			env: {},
		});
		expect(exited.result).toMatchObject({ exitCode: 1, reason: 'exit' });
		expect(exited.stderr).toBe('no key\n');
		const crashed = await run(engine, {
			files: [{ path: 'index.js', contents: "throw new Error('boom');\n" }],
			env: {},
		});
		expect(crashed.result).toMatchObject({ exitCode: 1, reason: 'error' });
	}, 30_000);
});
