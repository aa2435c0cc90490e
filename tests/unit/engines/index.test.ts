import { describe, expect, it } from 'vitest';
import {
	chooseEngineKind,
	createBootedEngine,
	createEngine,
	supportsWebContainer,
	webContainerBlocker,
} from '../../../sandbox/engines/index.ts';
import { hangingWebContainer } from './webcontainer/local-webcontainer.ts';

const UA = {
	chrome:
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
	edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
	firefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0',
	safari:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
	iosChrome:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0 Mobile/15E148 Safari/604.1',
	ipadDesktopMode:
		'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
	android:
		'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
};

describe('chooseEngineKind', () => {
	it('picks the WebContainer only on isolated desktop Chromium and Firefox', () => {
		expect(chooseEngineKind({ crossOriginIsolated: true, userAgent: UA.chrome })).toBe(
			'webcontainer',
		);
		expect(chooseEngineKind({ crossOriginIsolated: true, userAgent: UA.edge })).toBe(
			'webcontainer',
		);
		expect(chooseEngineKind({ crossOriginIsolated: true, userAgent: UA.firefox })).toBe(
			'webcontainer',
		);
		expect(chooseEngineKind({ crossOriginIsolated: false, userAgent: UA.chrome })).toBe('worker');
		for (const ua of [UA.safari, UA.iosChrome, UA.ipadDesktopMode, UA.android]) {
			expect(supportsWebContainer(ua)).toBe(false);
			expect(chooseEngineKind({ crossOriginIsolated: true, userAgent: ua })).toBe('worker');
		}
	});

	it('follows ?engine= and ignores anything else there', () => {
		expect(
			chooseEngineKind({ crossOriginIsolated: true, userAgent: UA.chrome, override: 'worker' }),
		).toBe('worker');
		expect(
			chooseEngineKind({
				crossOriginIsolated: false,
				userAgent: UA.safari,
				override: 'webcontainer',
			}),
		).toBe('webcontainer');
		expect(
			chooseEngineKind({ crossOriginIsolated: true, userAgent: UA.chrome, override: 'node' }),
		).toBe('webcontainer');
	});
});

// A Worker stand-in that says "ready" like the real worker script does.
class ReadyWorker extends EventTarget {
	constructor() {
		super();
		queueMicrotask(() =>
			this.dispatchEvent(new MessageEvent('message', { data: { type: 'ready' } })),
		);
	}
	postMessage() {}
	terminate() {}
}

describe('createEngine and createBootedEngine', () => {
	const practiceFetch = () => Promise.resolve(new Response('{}'));
	const createWorker = () => new ReadyWorker() as unknown as Worker;

	it('creates the engine asked for', async () => {
		expect((await createEngine('worker', { practiceFetch, createWorker })).kind).toBe('worker');
		expect(
			(await createEngine('webcontainer', { practiceFetch, loadWebContainer: hangingWebContainer }))
				.kind,
		).toBe('webcontainer');
	});

	it('falls back to the worker with a note when the WebContainer cannot boot', async () => {
		const booted = await createBootedEngine('webcontainer', {
			practiceFetch,
			createWorker,
			loadWebContainer: hangingWebContainer,
			bootTimeoutMs: 50,
		});
		expect(booted.engine.kind).toBe('worker');
		expect(booted.note).toMatch(
			/WebContainer\) could not start: Booting the WebContainer did not finish within 50 ms\..*built-in engine instead/,
		);
	});

	it('does not fall back when the learner cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			createBootedEngine(
				'webcontainer',
				{ practiceFetch, createWorker, loadWebContainer: hangingWebContainer },
				{ signal: controller.signal },
			),
		).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('boots the worker engine with no note', async () => {
		const booted = await createBootedEngine('worker', { practiceFetch, createWorker });
		expect(booted).toEqual({ engine: booted.engine });
	});
});

describe('webContainerBlocker', () => {
	const base = { crossOriginIsolated: true, userAgent: UA.chrome };
	it('needs an API key off localhost, and nothing more on it', () => {
		expect(webContainerBlocker({ ...base, hostname: 'keylab.dev' })).toMatch(
			/no WebContainer API key/,
		);
		expect(chooseEngineKind({ ...base, hostname: 'keylab.dev' })).toBe('worker');
		expect(
			webContainerBlocker({ ...base, hostname: 'keylab.dev', apiKey: 'wc_1' }),
		).toBeUndefined();
		for (const hostname of ['localhost', '127.0.0.1'])
			expect(webContainerBlocker({ ...base, hostname })).toBeUndefined();
		// ?engine= still forces it (the tests use it).
		expect(chooseEngineKind({ ...base, hostname: 'keylab.dev', override: 'webcontainer' })).toBe(
			'webcontainer',
		);
	});
	it('says why isolation or the browser rule it out', () => {
		expect(webContainerBlocker({ ...base, crossOriginIsolated: false })).toMatch(/isolated/);
		expect(webContainerBlocker({ ...base, userAgent: UA.safari })).toMatch(/browser/);
	});
});
