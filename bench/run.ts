/**
 * `npm run bench`: builds the site, serves it like a static host (scripts/serve-static.ts, with
 * the deploy headers), and reports from headless Chromium, for each page kind: gzip JS and CSS
 * before interaction, LCP, TBT and the four Lighthouse scores; then the sandbox's
 * Run-to-first-output (bench/sandbox.ts), the key broker's added latency and the page's longest
 * task under a printing loop (bench/key-broker.ts), the practice API's throughput
 * (bench/practice-api.ts), and the leak detector: doctor's git history search next to
 * `git log -p --all` on a 1,000-commit repository, and the leak check page on a 5 MB paste
 * (bench/leaks.ts). Writes bench/results/report.json and prints a table.
 *
 *   npm run bench [-- --reuse] [-- --no-sandbox] [-- --no-broker] [-- --no-api] [-- --no-leaks] [-- --stock] [-- --runs=N]
 * `--reuse` keeps an existing build of KEYLAB_OUT_DIR (default dist-bench). `--stock` keeps
 * Lighthouse's 4x CPU slowdown instead of scaling it to this machine's speed (see lighthouse.ts).
 * `--runs=N` runs Lighthouse N times per page (default 5) and reports the median run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { serveStatic } from '../scripts/serve-static.ts';
import { budgets } from '../tests/e2e/support/budgets.ts';
import { benchmarkLaunchOptions } from '../tests/e2e/support/browser.ts';
import { measurePageWeight } from '../tests/e2e/support/page-weight.ts';
import { reservePort } from '../tests/e2e/support/port.ts';
import { calibratedSlowdown, runLighthouse, type LighthouseResult } from './lighthouse.ts';
import { benchEnv, buildSite, outDir } from './support.ts';

const PAGES = {
	landing: '/',
	lesson: '/start/what-is-an-api-key/',
	'lesson + sandbox': '/using/first-call/',
	troubleshooter: '/troubleshooter/',
} as const;

const flags = new Set(process.argv.slice(2));
/**
 * Lighthouse runs per page (`--runs=N`); the median is reported. Five, as Lighthouse's guidance on
 * variability advises: on this 2-core VM one page's blocking time ranged 19–686 ms over 3 runs.
 */
const RUNS = Math.max(
	1,
	Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice(7) ?? 5),
);
const env = benchEnv;

interface PageReport {
	path: string;
	js: number;
	css: number;
	/** The median run (by performance score). */
	lighthouse: LighthouseResult;
	/** Every run's performance score, in run order. */
	performanceRuns: number[];
}

/** Runs another bench script and returns its stdout (they print their own tables). */
function runScript(script: string, args: string[]): string {
	console.error(`Running ${script} ${args.join(' ')}…`);
	const result = spawnSync(process.execPath, [script, ...args], {
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 10 * 60_000,
	});
	if (result.status !== 0) return `failed (exit ${result.status})`;
	return result.stdout;
}

/** The medians from bench/leaks.ts's lines, in ms. */
function parseLeaks(text: string): Record<string, number> {
	const rows: Record<string, number> = {};
	const pick = (name: string, pattern: RegExp) => {
		const value = pattern.exec(text)?.[1];
		if (value !== undefined) rows[name] = Number(value);
	};
	pick('commits', /^history: (\d+) commits/m);
	pick('gitLogMs', /^git log -p --all: (\d+) ms/m);
	pick('historyScanMs', /^keylab history scan: (\d+) ms/m);
	pick('leakCheckPage5MbMs', /^leak check page, 5 MB paste: (\d+) ms/m);
	return rows;
}

/** Median Run→first-output rows from bench/sandbox.ts's table, in ms. */
function parseSandbox(text: string): Record<string, number> {
	const rows: Record<string, number> = {};
	for (const match of text.matchAll(/^\| Run → first output, ([^|]+?)\s*\| (\d+) ms/gm))
		if (match[1] && match[2]) rows[match[1]] = Number(match[2]);
	return rows;
}

/** The key broker's figures from bench/key-broker.ts's lines, in ms. */
function parseBroker(text: string): Record<string, number> {
	const rows: Record<string, number> = {};
	const added = /^\| Broker's added latency\s*\| (-?[\d.]+) ms/m.exec(text)?.[1];
	if (added) rows['added latency, median'] = Number(added);
	for (const match of text.matchAll(/^Longest page task, printing ([^:]+): ([\d.]+) ms/gm))
		if (match[1] && match[2]) rows[`longest task, printing ${match[1]}`] = Number(match[2]);
	return rows;
}

/** Requests per second per case from bench/practice-api.ts's lines. */
function parseApi(text: string): Record<string, { rps: number; p99: number }> {
	const rows: Record<string, { rps: number; p99: number }> = {};
	for (const match of text.matchAll(/^(.+?)\s+\d+ req\s+(\d+) req\/s.*p99 ([\d.]+) ms/gm))
		if (match[1] && match[2] && match[3])
			rows[match[1].trim()] = { rps: Number(match[2]), p99: Number(match[3]) };
	return rows;
}

/**
 * Lighthouse `runs` times, keeping the run with the median performance score, as Lighthouse's
 * own guidance on variability advises. The first run also measures this machine's speed: when
 * the slowdown it implies differs from 4x (and `--stock` is not set), that run is only a probe.
 */
async function lighthouseMedian(
	url: string,
): Promise<{ lighthouse: LighthouseResult; performanceRuns: number[] }> {
	const runs: LighthouseResult[] = [];
	let slowdown = 4;
	let failures = 0;
	while (runs.length < RUNS) {
		let result: LighthouseResult;
		try {
			result = await withBrowser((_browser, port) => runLighthouse(url, port, slowdown));
		} catch (error) {
			// Lighthouse now and then loses a trace (NO_NAVSTART) on a busy machine: that run is
			// measured again, a page that keeps failing still stops the bench.
			if (++failures > 3) throw error;
			console.error(`  Lighthouse run failed, measuring again: ${String(error)}`);
			continue;
		}
		const wanted = flags.has('--stock') ? 4 : calibratedSlowdown(result.benchmarkIndex);
		if (runs.length === 0 && wanted !== slowdown) {
			slowdown = wanted;
			continue;
		}
		runs.push(result);
	}
	const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
	const median = sorted[Math.floor(sorted.length / 2)] ?? sorted[0];
	if (!median) throw new Error(`Lighthouse made no run of ${url}`);
	return { lighthouse: median, performanceRuns: runs.map((run) => run.scores.performance) };
}

/**
 * A fresh Chromium with a DevTools port for `use`, closed afterwards. Each Lighthouse run gets its
 * own browser, as Lighthouse's CLI does: runs sharing one browser scored lower each time (landing
 * 100, 96, 91 in a row), so the order of pages would have decided their scores.
 */
async function withBrowser<T>(use: (browser: Browser, port: number) => Promise<T>): Promise<T> {
	const port = await reservePort();
	const browser = await chromium.launch(
		benchmarkLaunchOptions([`--remote-debugging-port=${port}`]),
	);
	try {
		return await use(browser, port);
	} finally {
		await browser.close();
	}
}

async function measurePages(base: string): Promise<Record<string, PageReport>> {
	const reports: Record<string, PageReport> = {};
	for (const [name, path] of Object.entries(PAGES)) {
		console.error(`Measuring ${path}…`);
		const weight = await withBrowser(async (browser) => {
			const context = await browser.newContext();
			return measurePageWeight(await context.newPage(), base + path);
		});
		reports[name] = {
			path,
			js: weight.js,
			css: weight.css,
			...(await lighthouseMedian(base + path)),
		};
	}
	return reports;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value: number) => `${Math.round(value)} ms`;

function printTable(pages: Record<string, PageReport>): void {
	const header = [
		'page',
		'JS gz',
		'CSS gz',
		'LCP',
		'TBT',
		'perf',
		'runs',
		'a11y',
		'best',
		'SEO',
		'CPU',
	];
	const rows = Object.entries(pages).map(([name, r]) => {
		const s = r.lighthouse.scores;
		return [
			name,
			kb(r.js),
			kb(r.css),
			ms(r.lighthouse.lcp),
			ms(r.lighthouse.tbt),
			s.performance,
			r.performanceRuns.join(' '),
			s.accessibility,
			s.bestPractices,
			s.seo,
			`${r.lighthouse.cpuSlowdown}x (BI ${Math.round(r.lighthouse.benchmarkIndex)})`,
		].map(String);
	});
	const widths = header.map((h, i) =>
		Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
	buildSite(!flags.has('--reuse'));
	const server = await serveStatic({ root: outDir });
	let pages: Record<string, PageReport>;
	try {
		pages = await measurePages(server.url);
	} finally {
		await server.close();
	}
	const sandboxText = flags.has('--no-sandbox')
		? ''
		: runScript('bench/sandbox.ts', ['--cold=3', '--warm=3']);
	const brokerText = flags.has('--no-broker') ? '' : runScript('bench/key-broker.ts', []);
	const apiText = flags.has('--no-api') ? '' : runScript('bench/practice-api.ts', ['--quick']);
	const leaksText = flags.has('--no-leaks') ? '' : runScript('bench/leaks.ts', []);
	const report = {
		date: new Date().toISOString(),
		node: process.version,
		budgets,
		pages,
		sandboxRunToFirstOutputMs: parseSandbox(sandboxText),
		keyBroker: parseBroker(brokerText),
		practiceApi: parseApi(apiText),
		leaks: parseLeaks(leaksText),
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/report.json', `${JSON.stringify(report, null, 2)}\n`);

	console.log(
		`\nkeylab bench (headless Chromium; Lighthouse mobile preset, simulated throttling, median of ${RUNS})`,
	);
	printTable(pages);
	for (const [name, r] of Object.entries(pages)) {
		const missed = r.lighthouse.scores.performance < 95 || r.lighthouse.scores.accessibility < 100;
		if (missed || r.lighthouse.failing.length)
			console.log(
				`  ${name}: ${r.lighthouse.failing.map((f) => `${f.category}/${f.id}`).join(', ') || 'ok'}`,
			);
	}
	console.log('\nSandbox Run → first output (median):');
	for (const [name, value] of Object.entries(report.sandboxRunToFirstOutputMs))
		console.log(`  ${name}: ${ms(value)}`);
	console.log('\nKey broker (median added latency; longest page task while printing):');
	for (const [name, value] of Object.entries(report.keyBroker))
		console.log(`  ${name}: ${value.toFixed(1)} ms`);
	console.log('\nPractice API throughput:');
	for (const [name, r] of Object.entries(report.practiceApi))
		console.log(`  ${name}: ${r.rps} req/s, p99 ${r.p99} ms`);
	console.log('\nLeak detector (median):');
	console.log(leaksText.trim() ? leaksText.trim().replace(/^/gm, '  ') : '  skipped');
	console.log('\nWrote bench/results/report.json');
}

await main();
