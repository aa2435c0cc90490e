/**
 * The leak detector's speed. Builds a repository of 1,000+ commits (git fast-import: seconds, not
 * a process per commit), then times, median of N runs each:
 *   - `git log -p --all` alone, its output read and thrown away;
 *   - keylab doctor's history search (scanHistory) on the same repository: the aim is ≤ 3×;
 *   - the leak check page on a 5 MB paste, in headless Chromium against the built site
 *     (KEYLAB_OUT_DIR, default dist): from the paste event to the findings painted; the aim is
 *     ≤ 200 ms. (A paste that big is checked without being put in the text box: laying out 5 MB
 *     in a textarea alone takes Chromium ~3 s here.)
 *
 *   node bench/leaks.ts [--commits=N] [--runs=N] [--no-page]
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { scanHistory } from '../cli/commands/doctor-git.ts';
import { serveStatic } from '../scripts/serve-static.ts';
import { benchmarkLaunchOptions } from '../tests/e2e/support/browser.ts';
import { median } from './support.ts';

const arg = (name: string, fallback: number) =>
	Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const COMMITS = Math.max(1000, arg('commits', 1000));
const RUNS = Math.max(1, arg('runs', 5));

/** A real-shaped fake key (built here, never committed as a literal). */
function fakeKey(): string {
	const body = (n: number) => ('aZ9' + randomBytes(n).toString('base64url')).slice(0, n);
	return `sk-proj-${body(74)}${['T3Blbk', 'FJ'].join('')}${body(74)}`;
}

/** A repository whose commits edit a few source files; every 100th adds a key, the next removes it. */
function makeRepo(commits: number): string {
	const dir = mkdtempSync(join(tmpdir(), 'keylab-bench-repo-'));
	spawnSync('git', ['init', '-q', dir]);
	const lines: string[] = [];
	const files = Array.from({ length: 20 }, (_, i) =>
		Array.from({ length: 60 }, (_, j) => `export const value${i}_${j} = ${j}; // filler line`),
	);
	for (let n = 0; n < commits; n++) {
		const file = n % files.length;
		const body = files[file] ?? [];
		body[(n * 7) % body.length] =
			`export const changed${n} = '${randomBytes(12).toString('hex')}';`;
		if (n % 100 === 50) body.push(`const apiKey = "${fakeKey()}";`);
		if (n % 100 === 51)
			files.forEach((f) => f.splice(0, f.length, ...f.filter((l) => !l.includes('apiKey'))));
		const content = body.join('\n') + '\n';
		lines.push(
			'commit refs/heads/main',
			`committer Bench <bench@example.com> ${1_700_000_000 + n * 60} +0000`,
			`data ${Buffer.byteLength(`commit ${n}`)}`,
			`commit ${n}`,
			`M 100644 inline src/file${file}.ts`,
			`data ${Buffer.byteLength(content)}`,
			content,
		);
	}
	const result = spawnSync('git', ['-C', dir, 'fast-import', '--quiet'], {
		input: lines.join('\n'),
	});
	if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr.toString()}`);
	return dir;
}

/** `git log -p --all`, its output read in full (as the scan reads it), in ms. */
function timeGitLog(dir: string): Promise<number> {
	return new Promise((resolve) => {
		const start = performance.now();
		const child = spawn('git', ['-C', dir, 'log', '-p', '--all'], {
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', () => undefined);
		child.on('close', () => resolve(performance.now() - start));
	});
}

async function benchHistory(): Promise<void> {
	const dir = makeRepo(COMMITS);
	try {
		const count = spawnSync('git', ['-C', dir, 'rev-list', '--all', '--count'], {
			encoding: 'utf8',
		}).stdout.trim();
		const git: number[] = [];
		const scan: number[] = [];
		let found = 0;
		for (let i = 0; i < RUNS; i++) {
			git.push(await timeGitLog(dir));
			const start = performance.now();
			found = (await scanHistory(dir)).findings.length;
			scan.push(performance.now() - start);
		}
		const g = median(git);
		const s = median(scan);
		console.log(`history: ${count} commits, ${found} keys found`);
		console.log(`git log -p --all: ${g.toFixed(0)} ms (median of ${RUNS})`);
		console.log(
			`keylab history scan: ${s.toFixed(0)} ms (median of ${RUNS}), ${(s / g).toFixed(2)}x git log (aim ≤ 3x)`,
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function benchPage(): Promise<void> {
	const root = process.env.KEYLAB_OUT_DIR ?? 'dist';
	if (!existsSync(join(root, 'leak-check/index.html'))) {
		console.log(`leak check page: skipped (no build in ${root}; run npm run build)`);
		return;
	}
	const server = await serveStatic({ root });
	const browser = await chromium.launch(benchmarkLaunchOptions());
	try {
		const page = await browser.newPage();
		await page.goto(`${server.url}/leak-check/`);
		await page.waitForSelector('keylab-leak-check[data-engine="loaded"]');
		const line =
			'const answer = await client.responses.create({ model: "gpt-4o-mini", input }); // sk-...\n';
		const text = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)) + `KEY=${fakeKey()}\n`;
		const total: number[] = [];
		const detector: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const result = await page.evaluate(async (paste) => {
				const tool = document.querySelector('keylab-leak-check') as HTMLElement;
				const box = tool.querySelector('textarea') as HTMLTextAreaElement;
				box.value = '';
				tool.dataset.state = 'ready';
				const done = new Promise<void>((resolve) =>
					new MutationObserver((_, observer) => {
						if (tool.dataset.state === 'done') {
							observer.disconnect();
							resolve();
						}
					}).observe(tool, { attributes: true }),
				);
				// What a real paste delivers: a paste event whose clipboard holds the text.
				const clipboard = new DataTransfer();
				clipboard.setData('text/plain', paste);
				const start = performance.now();
				box.dispatchEvent(
					new ClipboardEvent('paste', {
						clipboardData: clipboard,
						bubbles: true,
						cancelable: true,
					}),
				);
				await done;
				// Until the findings are painted.
				await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
				const ms = performance.now() - start;
				const note = /Checked in (\d+) ms/.exec(tool.textContent ?? '')?.[1];
				return {
					ms,
					detector: Number(note),
					found: tool.querySelectorAll('[data-finding]').length,
				};
			}, text);
			if (result.found !== 1) throw new Error(`expected 1 finding, got ${result.found}`);
			total.push(result.ms);
			detector.push(result.detector);
		}
		console.log(
			`leak check page, 5 MB paste: ${median(total).toFixed(0)} ms paste to findings shown, detector ${median(detector).toFixed(0)} ms (median of ${RUNS}; aim ≤ 200 ms)`,
		);
	} finally {
		await browser.close();
		await server.close();
	}
}

await benchHistory();
if (!process.argv.includes('--no-page')) await benchPage();
