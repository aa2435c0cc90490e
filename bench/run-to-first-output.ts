/**
 * Benchmark of the worker engine through the real <keylab-sandbox> on a built lesson page, in
 * headless Chromium: the time from clicking Run to the first output line, cold (first Run on a
 * fresh page: engine module, practice API, worker and SDK all load) and warm (later Runs, after the
 * pre-warmed worker is up), plus the JavaScript the lesson page ships before any interaction.
 *
 * Usage: KEYLAB_OUT_DIR=dist-engines npx astro build && node bench/run-to-first-output.ts [--dist dist-engines] [--runs 5]
 * Writes bench/results/run-to-first-output.json.
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/browser.ts';
import { cspHeaderDirectives, isolationHeaders, serializeCsp } from '../src/headers.ts';

const arg = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const dist = resolve(arg('dist', process.env.KEYLAB_OUT_DIR ?? 'dist-engines'));
const runs = Number(arg('runs', '5'));
const LESSON = '/using/first-call/';
const TYPES: Record<string, string> = {
	'.html': 'text/html',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.svg': 'image/svg+xml',
	'.json': 'application/json',
};

// A static server with the site's headers (isolation + CSP), so the page behaves as deployed.
function serve(): Promise<{ url: string; close(): void }> {
	const server = createServer((request, response) => {
		let path = join(dist, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		try {
			if (statSync(path).isDirectory()) path = join(path, 'index.html');
			const body = readFileSync(path);
			response.writeHead(200, {
				'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
				...isolationHeaders,
				'content-security-policy': serializeCsp(cspHeaderDirectives),
			});
			response.end(body);
		} catch {
			response.writeHead(404, isolationHeaders).end();
		}
	});
	return new Promise((done) =>
		server.listen(0, '127.0.0.1', () => {
			const address = server.address() as { port: number };
			done({ url: `http://127.0.0.1:${address.port}`, close: () => server.close() });
		}),
	);
}

/** Clicks Run and measures, in the page, the time until the output log first shows text. */
async function timedRun(page: Page, before: number): Promise<number> {
	const ms = await page.evaluate(() => {
		const root = document.querySelector('keylab-sandbox')!;
		const log = root.querySelector('[data-output]')!;
		const button = root.querySelector<HTMLButtonElement>('[data-action="run"]')!;
		const old = new Set(log.querySelectorAll('[data-stream]'));
		return new Promise<number>((done) => {
			let start = 0;
			const observer = new MutationObserver(() => {
				// The log may be cleared or get a note first; wait for a line of this run's output.
				if ([...log.querySelectorAll('[data-stream]')].some((line) => !old.has(line))) {
					observer.disconnect();
					done(performance.now() - start);
				}
			});
			observer.observe(log, { childList: true, subtree: true, characterData: true });
			start = performance.now();
			button.click();
		});
	});
	await page.locator('keylab-sandbox').first().waitFor();
	await page.waitForFunction(
		(n) => Number(document.querySelector('keylab-sandbox')?.getAttribute('data-runs') ?? 0) > n,
		before,
		{ timeout: 60_000 },
	);
	return ms;
}

async function setProgram(page: Page, code: string): Promise<void> {
	await page.evaluate(async (contents) => {
		const el = document.querySelector('keylab-sandbox') as HTMLElement & {
			setFiles(files: { path: string; contents: string }[]): Promise<void>;
		};
		const files = JSON.parse(el.querySelector('script[data-files]')?.textContent ?? '[]') as {
			path: string;
			contents: string;
		}[];
		await el.setFiles(
			files.map((file) => (file.path === 'index.js' ? { ...file, contents } : file)),
		);
	}, code);
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const server = await serve();
const browser = await chromium.launch(chromiumLaunchOptions());
const cold: number[] = [];
const warm: number[] = [];
const coldSample: number[] = [];
let jsBeforeInteraction = { files: 0, rawBytes: 0, gzipBytes: 0 };
try {
	for (let i = 0; i < runs; i++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		const scripts = new Map<string, number>();
		page.on('response', async (response) => {
			if (response.request().resourceType() === 'script' || response.url().endsWith('.js')) {
				const body = await response.body().catch(() => Buffer.alloc(0));
				scripts.set(response.url(), gzipSync(body).length * 1e6 + body.length);
			}
		});
		await page.goto(`${server.url}${LESSON}?engine=worker`, { waitUntil: 'networkidle' });
		await page.locator('keylab-sandbox[data-state="idle"]').first().waitFor();
		if (i === 0) {
			const entries = [...scripts.values()];
			jsBeforeInteraction = {
				files: entries.length,
				rawBytes: entries.reduce((s, v) => s + (v % 1e6), 0),
				gzipBytes: entries.reduce((s, v) => s + Math.floor(v / 1e6), 0),
			};
		}
		// Cold: the lesson's own sample on a fresh page (its first line prints after the API call).
		if (i % 2 === 0) coldSample.push(await timedRun(page, 0));
		else {
			await setProgram(page, "console.log('bench-start');\n");
			cold.push(await timedRun(page, 0));
		}
		await setProgram(page, "console.log('bench-start');\n");
		for (let w = 0; w < 3; w++) {
			// Idle long enough for the worker warmed after the last run to be ready, as a reader would be.
			await page.waitForTimeout(1500);
			warm.push(await timedRun(page, 1 + w));
		}
		await context.close();
	}
} finally {
	await browser.close();
	server.close();
}
const result = {
	date: new Date().toISOString(),
	page: LESSON,
	runToFirstOutputMs: {
		coldTrivialProgram: { median: median(cold), all: cold.map(Math.round) },
		coldLessonSample: { median: median(coldSample), all: coldSample.map(Math.round) },
		warmTrivialProgram: { median: median(warm), all: warm.map(Math.round) },
	},
	jsBeforeInteraction,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/run-to-first-output.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
