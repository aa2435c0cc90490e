/**
 * Key broker benchmark, in headless Chromium against the built site served with the deploy
 * headers (scripts/serve-static.ts), api.openai.com answered by a route (this machine is offline):
 *   - the broker's added latency on a Live call: a Live run's `fetch` to api.openai.com (worker →
 *     page bridge → key broker → network) against the same request sent directly by the page;
 *   - the page's longest task while a program prints in a loop (Long Tasks API).
 *
 *   node bench/key-broker.ts [--build] [--calls=40]
 * (plain Node 22: tsx would inject helpers into the functions sent to the page)
 * Builds into KEYLAB_OUT_DIR (default dist-bench) when --build is given or no build is there.
 */
import { randomBytes } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../scripts/serve-static.ts';
import { benchmarkLaunchOptions } from '../tests/e2e/support/browser.ts';
import { benchArgs, buildSite, median, outDir } from './support.ts';

const LESSON = '/using/first-call/?engine=worker';
const args = benchArgs;
const CALLS = Number(args.get('--calls') || 40);

/** A key of a real key's shape, made at run time. */
function fakeKey(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return `sk-proj-${[...randomBytes(156)].map((byte) => alphabet[byte % 62]).join('')}`;
}

/** Sets the sandbox's index.js and runs it; resolves with the output text when the run ends. */
async function run(page: Page, code: string): Promise<string> {
	return page.evaluate(async (source) => {
		const root = document.querySelector('keylab-sandbox') as HTMLElement & {
			getFiles(): Promise<{ path: string; contents: string }[]>;
			setFiles(files: { path: string; contents: string }[]): Promise<void>;
		};
		const files = await root.getFiles();
		await root.setFiles(
			files.map((file) => (file.path === 'index.js' ? { ...file, contents: source } : file)),
		);
		const runs = Number(root.dataset.runs ?? 0);
		(root.querySelector('[data-action="run"]') as HTMLButtonElement).click();
		await new Promise<void>((resolve) => {
			const check = () =>
				Number(root.dataset.runs ?? 0) > runs ? resolve() : setTimeout(check, 20);
			check();
		});
		return root.querySelector('[data-output]')?.textContent ?? '';
	}, code);
}

async function main(): Promise<void> {
	buildSite(args.has('--build'));
	const server = await serveStatic({ root: outDir });
	const browser = await chromium.launch(benchmarkLaunchOptions());
	try {
		const context = await browser.newContext();
		await context.route('https://api.openai.com/**', (route) =>
			route.fulfill({
				status: route.request().method() === 'OPTIONS' ? 204 : 200,
				headers: {
					'access-control-allow-origin': '*',
					'access-control-allow-headers': '*',
					'access-control-allow-methods': '*',
					'content-type': 'application/json',
				},
				body: JSON.stringify({ object: 'list', data: [] }),
			}),
		);
		const page = await context.newPage();
		await page.goto(server.url + LESSON, { waitUntil: 'networkidle' });
		await page.locator('keylab-sandbox').first().getByLabel('Live').check();
		await page.locator('keylab-sandbox').first().getByLabel('Your OpenAI API key').fill(fakeKey());

		// Brokered: the learner's code in the worker, with its stand-in; one warm-up call first.
		const text = await run(
			page,
			`const auth = { authorization: 'Bearer ' + process.env.OPENAI_API_KEY };
const call = async () => { const r = await fetch('https://api.openai.com/v1/models', { headers: auth }); await r.text(); };
await call();
const times = [];
for (let i = 0; i < ${CALLS}; i++) { const t = performance.now(); await call(); times.push(performance.now() - t); }
console.log('times ' + JSON.stringify(times));`,
		);
		const brokered = JSON.parse(/times (\[.*\])/.exec(text)?.[1] ?? '[]') as number[];
		if (brokered.length !== CALLS)
			throw new Error(`the Live run did not report its times: ${text}`);
		// Direct: the same request from the page itself, which is the hop the broker adds to.
		const direct = await page.evaluate(async (calls) => {
			const call = async () => {
				const r = await fetch('https://api.openai.com/v1/models', {
					headers: { authorization: 'Bearer x' },
				});
				await r.text();
			};
			await call();
			const times: number[] = [];
			for (let i = 0; i < calls; i++) {
				const t = performance.now();
				await call();
				times.push(performance.now() - t);
			}
			return times;
		}, CALLS);

		// Longest task on the page while programs print in a loop.
		const longest = async (code: string) => {
			await page.evaluate(() => {
				const w = window as { __longest?: number; __observer?: PerformanceObserver };
				w.__observer?.disconnect();
				w.__longest = 0;
				w.__observer = new PerformanceObserver((list) => {
					for (const entry of list.getEntries())
						w.__longest = Math.max(w.__longest ?? 0, entry.duration);
				});
				w.__observer.observe({ type: 'longtask' });
			});
			const out = await run(page, code);
			await page.waitForTimeout(200);
			const value = await page.evaluate(() => (window as { __longest?: number }).__longest ?? 0);
			return { value, capped: out.includes('printed more than') };
		};
		const bounded = await longest("for (let i = 0; i < 5000; i++) console.log('line ' + i);");
		const runaway = await longest("let i = 0;\nfor (;;) console.log('line ' + i++);");

		const ms = (value: number) => `${value.toFixed(1)} ms`;
		console.log(
			'\nKey broker benchmark (headless Chromium, worker engine, routed api.openai.com)\n',
		);
		console.log(`| measure                                          | median   |`);
		console.log(`|--------------------------------------------------|----------|`);
		console.log(
			`| Live call, brokered (worker → page → broker)     | ${ms(median(brokered)).padEnd(8)} |`,
		);
		console.log(
			`| Same call, direct from the page                  | ${ms(median(direct)).padEnd(8)} |`,
		);
		console.log(
			`| Broker's added latency                           | ${ms(median(brokered) - median(direct)).padEnd(8)} |`,
		);
		console.log(`\n(${CALLS} calls each, after one warm-up call)`);
		const task = (r: { value: number; capped: boolean }) =>
			r.value === 0 ? 'none over 50 ms' : ms(r.value);
		console.log(`Longest page task, printing 5,000 lines: ${task(bounded)}`);
		console.log(
			`Longest page task, printing forever: ${task(runaway)} (${runaway.capped ? 'stopped at the output cap' : 'NOT stopped at the cap'})`,
		);
		await context.close();
	} finally {
		await browser.close();
		await server.close();
	}
}

await main();
