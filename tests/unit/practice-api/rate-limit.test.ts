import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
	FIXED_IDS,
	createKey,
	formatDuration,
	setKeyLimits,
} from '../../../sandbox/practice-api/index.ts';
import { caught, chatBody, setup } from './helpers.ts';

const ORG = FIXED_IDS.org.main;
const TAIL = 'Visit https://platform.openai.com/account/rate-limits to learn more.';

describe('formatDuration', () => {
	it('prints Go-style durations like the API', () => {
		expect(formatDuration(644)).toBe('644ms');
		expect(formatDuration(120)).toBe('120ms');
		expect(formatDuration(9816)).toBe('9.816s');
		expect(formatDuration(20000)).toBe('20s');
		expect(formatDuration(86400)).toBe('1m26.4s');
		expect(formatDuration(360000)).toBe('6m0s');
		expect(formatDuration(3723000)).toBe('1h2m3s');
		expect(formatDuration(0.2)).toBe('1ms');
		expect(formatDuration(-5)).toBe('0ms');
	});
});

describe('rate limits (driven clock, no sleeping)', () => {
	it('rate_limited key: the 4th request in a minute gets 429 "try again in 20s", then recovers', async () => {
		const { scenario, clock, api } = setup();
		const client = scenario('rate_limited');
		for (let i = 0; i < 3; i++) {
			const { response } = await client.chat.completions.create(chatBody).withResponse();
			expect(response.headers.get('x-ratelimit-remaining-requests')).toBe(String(2 - i));
		}
		const error = await caught(() => client.chat.completions.create(chatBody));
		expect(error).toBeInstanceOf(OpenAI.RateLimitError);
		expect(error.status).toBe(429);
		expect(error.type).toBe('requests');
		expect(error.code).toBe('rate_limit_exceeded');
		expect(error.message).toBe(
			`429 Rate limit reached for gpt-4o-mini in organization ${ORG} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. ${TAIL}`,
		);
		expect(error.headers?.get('x-ratelimit-limit-requests')).toBe('3');
		expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
		expect(error.headers?.get('x-ratelimit-reset-requests')).toBe('1m0s');
		expect(error.headers?.get('retry-after')).toBeNull();
		clock.advance(19_999);
		expect((await caught(() => client.chat.completions.create(chatBody))).message).toContain(
			'try again in 1ms',
		);
		clock.advance(1);
		expect((await client.chat.completions.create(chatBody)).choices).toHaveLength(1);
		const limited = api.state.requestLog.filter((e) => e.status === 429);
		expect(limited.map((e) => e.errorType)).toEqual(['requests', 'requests']);
	});

	it('limits are per model', async () => {
		const { scenario } = setup();
		const client = scenario('rate_limited');
		for (let i = 0; i < 3; i++) await client.chat.completions.create(chatBody);
		expect(
			(await client.chat.completions.create({ ...chatBody, model: 'gpt-4.1' })).choices,
		).toHaveLength(1);
	});

	it('the SDK retries a rate-limited request; with time frozen every retry fails', async () => {
		const { scenario, api } = setup();
		const client = scenario('rate_limited', { maxRetries: 1 });
		for (let i = 0; i < 3; i++) await client.chat.completions.create(chatBody);
		await caught(() => client.chat.completions.create(chatBody));
		const log = api.state.requestLog.slice(3);
		expect(log.map((e) => [e.status, e.retryCount ?? 0])).toEqual([
			[429, 0],
			[429, 1],
		]);
	});

	it('tokens per minute: counts max_tokens up front and says how long to wait', async () => {
		const { api, client, clock } = setup();
		const { key, value } = createKey(api.state, {});
		setKeyLimits(api.state, key.id, { tpm: 1000 });
		const c = client(value);
		const first = await c.chat.completions.create({ ...chatBody, max_tokens: 900 }).withResponse();
		expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBe('1000');
		const used = 1000 - Number(first.response.headers.get('x-ratelimit-remaining-tokens'));
		const error = await caught(() => c.chat.completions.create({ ...chatBody, max_tokens: 900 }));
		expect(error.type).toBe('tokens');
		expect(error.code).toBe('rate_limit_exceeded');
		const requested = 900 + first.data.usage!.prompt_tokens;
		expect(error.message).toMatch(
			new RegExp(
				`^429 Rate limit reached for gpt-4o-mini in organization ${ORG} on tokens per min \\(TPM\\): Limit 1000, Used ${used}, Requested ${requested}\\. Please try again in \\d+(\\.\\d+)?s\\. `,
			),
		);
		clock.advance(60_000);
		expect(
			(await c.chat.completions.create({ ...chatBody, max_tokens: 900 })).choices,
		).toHaveLength(1);
	});

	it('a request larger than the whole TPM budget says so (retrying cannot help)', async () => {
		const { api, client } = setup();
		const { key, value } = createKey(api.state, {});
		setKeyLimits(api.state, key.id, { tpm: 1000 });
		const error = await caught(() =>
			client(value).chat.completions.create({ ...chatBody, max_tokens: 5000 }),
		);
		expect(error).toBeInstanceOf(OpenAI.RateLimitError);
		expect(error.type).toBe('tokens');
		expect(error.message).toMatch(
			new RegExp(
				`^429 Request too large for gpt-4o-mini in organization ${ORG} on tokens per min \\(TPM\\): Limit 1000, Requested \\d+\\. The input or output tokens must be reduced in order to run successfully\\.`,
			),
		);
	});

	it('a seconds-long window lets a scenario run quickly', async () => {
		const { api, client, clock } = setup();
		const { key, value } = createKey(api.state, {});
		setKeyLimits(api.state, key.id, { rpm: 1, windowMs: 2000 });
		const c = client(value);
		await c.chat.completions.create(chatBody);
		expect((await caught(() => c.chat.completions.create(chatBody))).message).toContain(
			'Please try again in 2s.',
		);
		clock.advance(2000);
		expect((await c.chat.completions.create(chatBody)).choices).toHaveLength(1);
	});

	it('embeddings and responses share the limiter', async () => {
		const { api, client } = setup();
		const { key, value } = createKey(api.state, {});
		setKeyLimits(api.state, key.id, { rpm: 1 });
		const c = client(value);
		await c.embeddings.create({ model: 'text-embedding-3-small', input: 'a' });
		expect(
			(await caught(() => c.embeddings.create({ model: 'text-embedding-3-small', input: 'a' })))
				.status,
		).toBe(429);
		await c.responses.create({ model: 'gpt-4o-mini', input: 'a' });
		expect(
			(await caught(() => c.responses.create({ model: 'gpt-4o-mini', input: 'a' }))).status,
		).toBe(429);
	});
});
