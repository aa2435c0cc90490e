import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../../sandbox/practice-api/index.ts';
import { PracticeBridge } from '../../../../sandbox/engines/worker/practice-bridge.ts';
import type { FromWorker, ToWorker } from '../../../../sandbox/engines/worker/protocol.ts';
import {
	BridgeClient,
	createSandboxFetch,
} from '../../../../sandbox/engines/worker/worker-fetch.ts';

// Both halves of the bridge joined without a worker: messages cross through structuredClone,
// asynchronously, as postMessage would carry them.
function connect(
	practiceFetch: (request: Request) => Promise<Response>,
	liveFetch?: (request: Request) => Promise<Response>,
) {
	let holds = 0;
	const hold = () => {
		holds++;
		let done = false;
		return () => {
			if (!done) holds--;
			done = true;
		};
	};
	const sent: FromWorker[] = [];
	const ref: { client?: BridgeClient } = {};
	const practiceOrigin = new URL(PRACTICE_BASE_URL).origin;
	const bridge = new PracticeBridge(
		practiceFetch,
		(message: ToWorker) => {
			const copy = structuredClone(message);
			queueMicrotask(() => ref.client?.handle(copy));
		},
		{ practiceOrigin, ...(liveFetch ? { liveFetch } : {}) },
	);
	const client = (ref.client = new BridgeClient((message) => {
		sent.push(message);
		const copy = structuredClone(message);
		queueMicrotask(() => {
			if (copy.type === 'fetch') void bridge.serve(copy);
			if (copy.type === 'fetch-abort') bridge.abort(copy.id);
		});
	}, hold));
	const sandboxFetch = createSandboxFetch({ practiceOrigin, bridge: client });
	return { sandboxFetch, sent, bridge, holds: () => holds };
}

describe('the practice bridge', () => {
	it('carries the real SDK to the practice API and back', async () => {
		const api = createPracticeApi();
		const { sandboxFetch, holds } = connect((request) => api.fetch(request));
		const client = new OpenAI({
			apiKey: scenarioKey('valid'),
			baseURL: PRACTICE_BASE_URL,
			fetch: sandboxFetch,
		});
		const response = await client.responses.create({ model: 'gpt-6-luna', input: 'Hello' });
		expect(response.output_text.length).toBeGreaterThan(0);
		expect(holds()).toBe(0);
	});

	it('streams server-sent events chunk by chunk', async () => {
		const api = createPracticeApi();
		const { sandboxFetch, sent } = connect((request) => api.fetch(request));
		const client = new OpenAI({
			apiKey: scenarioKey('valid'),
			baseURL: PRACTICE_BASE_URL,
			fetch: sandboxFetch,
		});
		const stream = await client.responses.create({
			model: 'gpt-6-luna',
			input: 'Hello',
			stream: true,
		});
		const deltas: string[] = [];
		for await (const event of stream)
			if (event.type === 'response.output_text.delta') deltas.push(event.delta);
		expect(deltas.length).toBeGreaterThan(2);
		expect(sent.filter((message) => message.type === 'fetch')).toHaveLength(1);
	});

	it('raises the SDK error classes for practice API errors', async () => {
		const api = createPracticeApi();
		const { sandboxFetch } = connect((request) => api.fetch(request));
		const client = new OpenAI({
			apiKey: 'sk-proj-PRACTICE' + 'x'.repeat(40),
			baseURL: PRACTICE_BASE_URL,
			fetch: sandboxFetch,
		});
		await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
	});

	it('aborts a request in flight on both sides', async () => {
		let pageSignal: AbortSignal | undefined;
		const { sandboxFetch, sent } = connect((request) => {
			pageSignal = request.signal;
			return new Promise(() => {});
		});
		const controller = new AbortController();
		const pending = sandboxFetch(`${PRACTICE_BASE_URL}/models`, { signal: controller.signal });
		await new Promise((resolve) => setTimeout(resolve, 10));
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(sent.some((message) => message.type === 'fetch-abort')).toBe(true);
		expect(pageSignal?.aborted).toBe(true);
	});
});

describe('the sandbox fetch', () => {
	it('refuses every host but the practice API and api.openai.com, before any request', async () => {
		const seen: string[] = [];
		const liveFetch = (request: Request) => {
			seen.push(request.url);
			return Promise.resolve(new Response('{}'));
		};
		const { sandboxFetch, sent } = connect(() => Promise.resolve(new Response('{}')), liveFetch);
		await expect(sandboxFetch('https://evil.example/steal')).rejects.toThrow(
			/refused a request to https:\/\/evil\.example.*practice API \(http:\/\/localhost:4010\) and https:\/\/api\.openai\.com/,
		);
		await expect(sandboxFetch('https://api.openai.com.evil.example/v1')).rejects.toBeInstanceOf(
			TypeError,
		);
		expect(sent).toEqual([]);
		// api.openai.com goes to the page (its key broker), never to the worker's own network.
		await sandboxFetch('https://api.openai.com/v1/models');
		expect(seen).toEqual(['https://api.openai.com/v1/models']);
		expect(sent.map((message) => message.type)).toEqual(['fetch']);
	});

	it('fails api.openai.com calls of a run without a live key (practice mode)', async () => {
		const { sandboxFetch } = connect(() => Promise.resolve(new Response('{}')));
		await expect(sandboxFetch('https://api.openai.com/v1/models')).rejects.toThrow(/no live key/);
	});
});

describe('the page side of the bridge', () => {
	it('decides by origin itself: a hostile worker cannot send the page anywhere else', async () => {
		const practice: string[] = [];
		const live: string[] = [];
		const replies: ToWorker[] = [];
		const bridge = new PracticeBridge(
			(request) => (practice.push(request.url), Promise.resolve(new Response('ok'))),
			(message) => replies.push(message),
			{
				practiceOrigin: 'http://localhost:4010',
				liveFetch: (request) => (live.push(request.url), Promise.resolve(new Response('ok'))),
			},
		);
		const ask = (id: number, url: string) =>
			bridge.serve({ type: 'fetch', id, url, method: 'GET', headers: [], body: null });
		await ask(1, 'https://evil.example/?k=1');
		await ask(2, 'http://localhost:4010/v1/models');
		await ask(3, 'https://api.openai.com/v1/models');
		expect(practice).toEqual(['http://localhost:4010/v1/models']);
		expect(live).toEqual(['https://api.openai.com/v1/models']);
		const error = replies.find((reply) => reply.type === 'fetch-error');
		expect(error).toMatchObject({ id: 1, message: expect.stringMatching(/refused/) as string });
	});
});
