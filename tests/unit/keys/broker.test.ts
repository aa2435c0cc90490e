import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
	createBroker,
	LIVE_API_ORIGIN,
	replaceBytes,
	standInFor,
} from '../../../sandbox/keys/broker.ts';
import { createKeyHolder } from '../../../sandbox/keys/key-holder.ts';

/** A key of a real key's shape, made here so no key-shaped literal is committed. */
function realLookingKey(prefix = 'sk-proj-', length = 164): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let body = '';
	while (prefix.length + body.length < length) body += alphabet[Math.floor(Math.random() * 62)];
	return prefix + body;
}

function setup(key = realLookingKey()) {
	const holder = createKeyHolder();
	holder.set(key);
	const standIn = standInFor(key);
	const seen: Request[] = [];
	const broker = createBroker({
		holder,
		standIn,
		fetch: (request: RequestInfo | URL) => {
			seen.push(request as Request);
			return Promise.resolve(Response.json({ object: 'list', data: [] }));
		},
	});
	return { key, holder, standIn, seen, broker };
}

describe('standInFor', () => {
	it('keeps the prefix, the length and the last four, and is visibly not a secret', () => {
		for (const prefix of ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-', 'sk-']) {
			const key = realLookingKey(prefix, prefix === 'sk-' ? 51 : 164);
			const standIn = standInFor(key);
			expect(standIn).toHaveLength(key.length);
			expect(standIn.startsWith(prefix)).toBe(true);
			expect(standIn.slice(-4)).toBe(key.slice(-4));
			expect(standIn).toContain('keylab-standin-not-your-key');
			// Nothing of the secret part but the last four (which the dashboard shows anyway).
			expect(standIn.slice(prefix.length, -4)).not.toContain(key.slice(prefix.length, -4));
			expect(standIn).not.toBe(key);
		}
	});

	it('copes with short or odd values', () => {
		expect(standInFor('sk-abc')).toHaveLength(6);
		expect(standInFor('not-a-key-at-all-but-long')).toHaveLength(25);
		expect(standInFor('')).toBe('');
	});
});

describe('createBroker', () => {
	it('swaps the real key in for the stand-in, for api.openai.com only', async () => {
		const { key, standIn, seen, broker } = setup();
		await broker(
			new Request(`${LIVE_API_ORIGIN}/v1/models?x=1`, {
				headers: { authorization: `Bearer ${standIn}`, 'x-other': 'kept' },
			}),
		);
		expect(seen).toHaveLength(1);
		expect(seen[0]?.url).toBe(`${LIVE_API_ORIGIN}/v1/models?x=1`);
		expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${key}`);
		expect(seen[0]?.headers.get('x-other')).toBe('kept');
		expect(seen[0]?.redirect).toBe('error');
	});

	it('refuses every other origin, however it is spelled', async () => {
		const { standIn, seen, broker } = setup();
		for (const url of [
			'https://evil.example/v1/models',
			'https://api.openai.com.evil.example/v1/models',
			'http://api.openai.com/v1/models',
			'https://api.openai.com:444/v1/models',
			'http://localhost:4321/steal',
		]) {
			await expect(
				broker(new Request(url, { headers: { authorization: `Bearer ${standIn}` } })),
				url,
			).rejects.toThrow(/sends requests to https:\/\/api\.openai\.com only/);
		}
		expect(seen).toEqual([]);
	});

	it('puts the key only in the Authorization header: a stand-in in the URL or body stays one', async () => {
		const { key, standIn, seen, broker } = setup();
		await broker(
			new Request(`${LIVE_API_ORIGIN}/v1/responses?k=${standIn}`, {
				method: 'POST',
				headers: { 'x-key': standIn, authorization: `Basic ${standIn}` },
				body: JSON.stringify({ input: standIn }),
			}),
		);
		const sent = seen[0];
		expect(sent.url).not.toContain(key);
		expect([...sent.headers].flat().join('\n')).not.toContain(key);
		expect(await sent.text()).toBe(JSON.stringify({ input: standIn }));
	});

	it('sends a forgotten key as the stand-in (the API answers 401), never an old key', async () => {
		const { key, holder, standIn, seen, broker } = setup();
		holder.forget();
		await broker(
			new Request(`${LIVE_API_ORIGIN}/v1/models`, {
				headers: { authorization: `Bearer ${standIn}` },
			}),
		);
		expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${standIn}`);
		expect(seen[0]?.headers.get('authorization')).not.toContain(key);
	});

	it('serves the real SDK with its defaults: the stand-in in the env, the real key on the wire', async () => {
		const { key, standIn, seen, broker } = setup();
		const client = new OpenAI({
			apiKey: standIn,
			fetch: (input, init) => broker(new Request(input, init)),
			maxRetries: 0,
		});
		await client.models.list();
		expect(seen[0]?.url).toBe(`${LIVE_API_ORIGIN}/v1/models`);
		expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${key}`);
	});
});

describe('replaceBytes', () => {
	async function through(chunks: string[], from: string, to: string): Promise<string[]> {
		const encoder = new TextEncoder();
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				chunks.forEach((chunk) => controller.enqueue(encoder.encode(chunk)));
				controller.close();
			},
		}).pipeThrough(replaceBytes(from, to));
		const out: string[] = [];
		for await (const piece of stream) out.push(new TextDecoder().decode(piece));
		return out;
	}

	it('replaces the key, also split across chunks, and keeps the length', async () => {
		const out = await through(
			['a sk-SEC', 'RET-1 b sk-SECRET-1', ' c sk-SE'],
			'sk-SECRET-1',
			'sk-STANDIN1',
		);
		expect(out.join('')).toBe('a sk-STANDIN1 b sk-STANDIN1 c sk-SE');
	});

	it('holds back nothing that cannot start the key, so streamed events pass at once', async () => {
		const out = await through(
			['data: {"x":1}\n\n', 'data: [DONE]\n\n'],
			'sk-SECRET-1',
			'sk-STANDIN1',
		);
		expect(out).toEqual(['data: {"x":1}\n\n', 'data: [DONE]\n\n']);
	});
});

describe('the broker’s responses', () => {
	it('never hand the code the real key, even from a server that echoes it', async () => {
		const key = realLookingKey();
		const holder = createKeyHolder();
		holder.set(key);
		const standIn = standInFor(key);
		const broker = createBroker({
			holder,
			standIn,
			fetch: (request: RequestInfo | URL) =>
				Promise.resolve(
					Response.json(
						{
							error: {
								message: `Incorrect API key provided: ${(request as Request).headers.get('authorization')}`,
							},
						},
						{ status: 401 },
					),
				),
		});
		const response = await broker(
			new Request(`${LIVE_API_ORIGIN}/v1/models`, {
				headers: { authorization: `Bearer ${standIn}` },
			}),
		);
		const text = await response.text();
		expect(response.status).toBe(401);
		expect(text).not.toContain(key);
		expect(text).toContain(standIn);
	});
});
