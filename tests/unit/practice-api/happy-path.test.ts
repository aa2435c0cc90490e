import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { isPracticeKey } from '../../../sandbox/keys/practice-key.ts';
import { scenarioKeys } from '../../../sandbox/practice-api/index.ts';
import { chatBody, raw, setup } from './helpers.ts';

describe('practice API happy path (real openai SDK, in-process)', () => {
	it('lists models with real object shapes and retrieves one', async () => {
		const { scenario } = setup();
		const list = await scenario('valid').models.list();
		const ids = list.data.map((m) => m.id);
		for (const id of [
			'gpt-4.1',
			'gpt-4.1-mini',
			'gpt-4o',
			'gpt-4o-mini',
			'gpt-6-luna',
			'text-embedding-3-small',
		]) {
			expect(ids).toContain(id);
		}
		const model = await scenario('valid').models.retrieve('gpt-4o');
		expect(Object.keys(model).sort()).toEqual(['created', 'id', 'object', 'owned_by']);
		expect(model).toMatchObject({ id: 'gpt-4o', object: 'model', owned_by: 'system' });
	});

	it('answers a chat completion deterministically with usage and real headers', async () => {
		const { scenario } = setup();
		const { data, response } = await scenario('valid')
			.chat.completions.create({
				...chatBody,
				messages: [{ role: 'user', content: 'Say this is a test' }],
			})
			.withResponse();
		expect(data.choices[0].message.content).toBe('This is a test.');
		expect(data.object).toBe('chat.completion');
		expect(data.model).toBe('gpt-4o-mini-2024-07-18');
		expect(data.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
		expect(data.usage!.total_tokens).toBe(
			data.usage!.prompt_tokens + data.usage!.completion_tokens,
		);
		expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
		expect(response.headers.get('openai-processing-ms')).toMatch(/^\d+$/);
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		expect(response.headers.get('openai-version')).toBe('2020-10-01');
		expect(response.headers.get('x-ratelimit-limit-requests')).toBe('500');
		expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('499');
		expect(response.headers.get('x-ratelimit-reset-requests')).toBe('120ms');
	});

	it('streams chat completions ending with data: [DONE]', async () => {
		const { scenario, api } = setup();
		const stream = await scenario('valid').chat.completions.create({ ...chatBody, stream: true });
		let text = '';
		let finish: string | null = null;
		for await (const chunk of stream) {
			expect(chunk.object).toBe('chat.completion.chunk');
			text += chunk.choices[0]?.delta.content ?? '';
			finish = chunk.choices[0]?.finish_reason ?? finish;
		}
		expect(text.length).toBeGreaterThan(10);
		expect(finish).toBe('stop');
		const rawText = await (
			await raw(api, '/v1/chat/completions', {
				method: 'POST',
				headers: { authorization: `Bearer ${scenarioKeys()[0].key}` },
				body: JSON.stringify({ ...chatBody, stream: true }),
			})
		).text();
		expect(rawText.endsWith('data: [DONE]\n\n')).toBe(true);
		expect(api.state.requestLog.at(-1)!.stream).toBe(true);
	});

	it('answers and streams the Responses API with typed events', async () => {
		const { scenario } = setup();
		const client = scenario('valid');
		const response = await client.responses.create({
			model: 'gpt-4.1',
			input: 'Say this is a test',
		});
		expect(response.output_text).toBe('This is a test.');
		expect(response.status).toBe('completed');
		const events: string[] = [];
		let text = '';
		for await (const event of await client.responses.create({
			model: 'gpt-4.1',
			input: 'hi',
			stream: true,
		})) {
			events.push(event.type);
			if (event.type === 'response.output_text.delta') text += event.delta;
		}
		expect(events[0]).toBe('response.created');
		expect(events).toContain('response.output_text.delta');
		expect(events.at(-1)).toBe('response.completed');
		expect(text.length).toBeGreaterThan(10);
	});

	it('returns embeddings as floats or base64 (the SDK default)', async () => {
		const { scenario, api } = setup();
		const viaSdk = await scenario('valid').embeddings.create({
			model: 'text-embedding-3-small',
			input: 'key',
		});
		expect(viaSdk.data[0].embedding).toHaveLength(1536);
		const res = await raw(api, '/v1/embeddings', {
			method: 'POST',
			headers: { authorization: `Bearer ${scenarioKeys()[0].key}` },
			body: JSON.stringify({
				model: 'text-embedding-3-small',
				input: 'key',
				encoding_format: 'float',
			}),
		});
		const floats = (await res.json()) as { data: Array<{ embedding: number[] }> };
		expect(floats.data[0].embedding).toEqual(viaSdk.data[0].embedding);
		const short = await scenario('valid').embeddings.create({
			model: 'text-embedding-3-small',
			input: ['a', 'b'],
			dimensions: 256,
		});
		expect(short.data.map((d) => d.embedding.length)).toEqual([256, 256]);
	});

	it('mints deterministic practice keys of every real shape', () => {
		const keys = scenarioKeys();
		expect(keys).toEqual(scenarioKeys());
		for (const { key } of keys) expect(isPracticeKey(key), key).toBe(true);
		const lengths = (prefix: string) =>
			keys.filter((k) => k.key.startsWith(prefix)).map((k) => k.key.length);
		expect(new Set(lengths('sk-proj-'))).toEqual(new Set([164]));
		expect(lengths('sk-svcacct-')).toEqual([167]);
		expect(keys.find((k) => k.behavior === 'valid_legacy')!.key).toHaveLength(51);
		for (const behavior of [
			'valid',
			'revoked',
			'deactivated_account',
			'missing_scopes',
			'read_only',
			'quota_exhausted',
			'billing_not_active',
			'rate_limited',
			'project_bound',
			'model_allowlist',
			'region_blocked',
			'server_error',
			'overloaded',
		]) {
			expect(keys.map((k) => k.behavior)).toContain(behavior);
		}
		expect(OpenAI).toBeDefined();
	});
});
