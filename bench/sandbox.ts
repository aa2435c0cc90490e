/**
 * Sandbox benchmark, in a headless Chromium against the built site:
 *   - time from a Run click to the first line of output, cold (fresh page, nothing touched before
 *     Run) and warm (same page), running the lesson's `first-request` sample in practice mode as a
 *     desktop Chrome learner gets it (no `?engine=`: the WebContainer is wanted), with the
 *     WebContainer host (StackBlitz) hanging and with it unreachable: the worker must answer;
 *   - the gzip JavaScript a lesson page with a sandbox ships before any interaction.
 *
 *   node bench/sandbox.ts [--build] [--cold=5] [--warm=10]
 * (plain Node 22: tsx would inject helpers into the functions sent to the page)
 * Builds into KEYLAB_OUT_DIR (default dist-bench) when --build is given or no build is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { benchmarkLaunchOptions } from '../tests/e2e/support/browser.ts';
import { measurePageWeight } from '../tests/e2e/support/page-weight.ts';
import { reservePort } from '../tests/e2e/support/port.ts';
import { benchArgs, benchEnv, buildSite, median } from './support.ts';

const LESSON = '/using/first-call/';
const WEBCONTAINER_HOSTS =
	/^https:\/\/([\w-]+\.)*(stackblitz\.com|staticblitz\.com|webcontainer\.io|webcontainer-api\.io)\//;
const DESKTOP_CHROME =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
/** How the WebContainer host behaves: never answers, or refuses at once. */
const HOSTS = {
	hanging: () => new Promise<void>(() => {}),
	unreachable: (route: Route) => route.abort('connectionrefused'),
} as const;
const args = benchArgs;
const env = benchEnv;

async function preview(port: number): Promise<ChildProcess> {
	const server = spawn(
		'npx',
		['astro', 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)],
		{
			env,
			stdio: 'ignore',
			detached: true,
		},
	);
	for (let i = 0; i < 120; i++) {
		const up = await fetch(`http://127.0.0.1:${port}/`).then(
			(response) => response.ok,
			() => false,
		);
		if (up) return server;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('astro preview did not start');
}

/** Clicks Run in the page and resolves with the ms until the first program output line. */
function timeRun(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const root = document.querySelector('keylab-sandbox') as HTMLElement;
		const runs = Number(root.dataset.runs ?? 0);
		const log = root.querySelector('[data-output]') as HTMLElement;
		const first = new Promise<number>((resolve) => {
			const observer = new MutationObserver(() => {
				if (!log.querySelector('[data-stream]')) return;
				observer.disconnect();
				resolve(performance.now());
			});
			observer.observe(log, { childList: true, subtree: true });
		});
		const started = performance.now();
		(root.querySelector('[data-action="run"]') as HTMLButtonElement).click();
		const elapsed = (await first) - started;
		// Let the run finish before the next one.
		await new Promise<void>((resolve) => {
			const check = () =>
				Number(root.dataset.runs ?? 0) > runs ? resolve() : setTimeout(check, 20);
			check();
		});
		if (root.dataset.state !== 'ready') throw new Error(`run ended in state ${root.dataset.state}`);
		return elapsed;
	});
}

const stats = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		median: median(values),
		min: sorted[0] ?? NaN,
		max: sorted.at(-1) ?? NaN,
		n: values.length,
	};
};

async function measure(browser: Browser, base: string) {
	const coldRuns = Number(args.get('--cold') || 5);
	const warmRuns = Number(args.get('--warm') || 10);
	const rows: [string, ReturnType<typeof stats>][] = [];
	for (const [host, behave] of Object.entries(HOSTS)) {
		const cold: number[] = [];
		const warm: number[] = [];
		for (let i = 0; i < coldRuns; i++) {
			const context = await browser.newContext({ userAgent: DESKTOP_CHROME });
			await context.route(WEBCONTAINER_HOSTS, behave);
			const page = await context.newPage();
			const response = await page.goto(base + LESSON, { waitUntil: 'networkidle' });
			if (!response?.ok()) throw new Error(`${base + LESSON} answered ${response?.status()}`);
			cold.push(await timeRun(page));
			if (i === 0) {
				// A learner reads the output before running again; the engine warms its next worker then.
				for (let j = 0; j < warmRuns; j++) {
					await page.waitForTimeout(1000);
					warm.push(await timeRun(page));
				}
			}
			await context.close();
		}
		rows.push([`cold, WebContainer host ${host}`, stats(cold)]);
		rows.push([`warm, WebContainer host ${host}`, stats(warm)]);
	}
	const context = await browser.newContext();
	const weight = await measurePageWeight(await context.newPage(), base + LESSON);
	await context.close();
	return { rows, weight };
}

async function main(): Promise<void> {
	buildSite(args.has('--build'));
	const port = await reservePort();
	const server = await preview(port);
	const browser = await chromium.launch(benchmarkLaunchOptions());
	try {
		const { rows, weight } = await measure(browser, `http://127.0.0.1:${port}`);
		const js = weight.files.filter((file) => file.type === 'js');
		const sandboxJs = js.filter((file) =>
			/Sandbox|KeyField|key-holder|redact|preload-helper/.test(file.url),
		);
		const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
		const ms = (value: number) => `${Math.round(value)} ms`;
		console.log(
			'\nSandbox benchmark (headless Chromium, desktop Chrome UA, no ?engine=, practice mode, first-request; aim: cold ≤ 600 ms, warm ≤ 60 ms)\n',
		);
		const width = 56;
		console.log(`| ${'measure'.padEnd(width)} | median   | min      | max      | n  |`);
		console.log(`|${'-'.repeat(width + 2)}|----------|----------|----------|----|`);
		for (const [name, s] of rows) {
			console.log(
				`| ${`Run → first output, ${name}`.padEnd(width)} | ${ms(s.median).padEnd(8)} | ${ms(s.min).padEnd(8)} | ${ms(s.max).padEnd(8)} | ${String(s.n).padEnd(2)} |`,
			);
		}
		console.log(
			`\nJavaScript before interaction on ${LESSON} (gzip): ${kb(weight.js)} in ${js.length} files`,
		);
		console.log(
			`  of which the sandbox and key field: ${kb(sandboxJs.reduce((sum, file) => sum + file.gzip, 0))}`,
		);
		for (const file of js)
			console.log(
				`  ${kb(file.gzip).padStart(8)}  ${new URL(file.url, 'http://x').pathname}${new URL(file.url, 'http://x').hash}`,
			);
	} finally {
		await browser.close();
		if (server.pid) process.kill(-server.pid);
	}
}

await main();
