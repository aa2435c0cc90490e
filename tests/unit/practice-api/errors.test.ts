import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { FIXED_IDS, forceFailures, scenarioKey } from '../../../sandbox/practice-api/index.ts';
import { caught, chatBody, raw, setup } from './helpers.ts';
import { RECOMMENDED_MODEL } from '../../../sandbox/models/registry.ts';

const SCOPES_TAIL =
	"Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.";

describe('permission errors', () => {
	it('restricted key: may list models, but model calls get 401 Missing scopes', async () => {
		const { scenario } = setup();
		const client = scenario('missing_scopes');
		expect((await client.models.list()).data.length).toBeGreaterThan(0);
		const chat = await caught(() => client.chat.completions.create(chatBody));
		expect(chat).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(chat.status).toBe(401);
		expect(chat.code).toBeNull();
		expect(chat.type).toBe('invalid_request_error');
		expect(chat.message).toBe(
			`401 You have insufficient permissions for this operation. Missing scopes: model.request. ${SCOPES_TAIL}`,
		);
		const responses = await caught(() => client.responses.create({ model: 'gpt-4.1', input: 'x' }));
		expect(responses.message).toContain('Missing scopes: api.responses.write.');
	});

	it('read-only key: GET works, POST fails with Missing scopes', async () => {
		const { scenario } = setup();
		const client = scenario('read_only');
		expect((await client.models.retrieve('gpt-4o-mini')).id).toBe('gpt-4o-mini');
		const error = await caught(() =>
			client.embeddings.create({ model: 'text-embedding-3-small', input: 'a' }),
		);
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(error.message).toContain('Missing scopes: model.request.');
	});

	it('admin key cannot call models', async () => {
		const { scenario } = setup();
		const error = await caught(() => scenario('admin_key').models.list());
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(error.message).toContain('Missing scopes: api.model.read.');
	});

	it('unknown model is 404, a project allowlist is 403, both model_not_found', async () => {
		const { scenario } = setup();
		const unknown = await caught(() =>
			scenario('valid').chat.completions.create({ ...chatBody, model: 'gtp-4' }),
		);
		expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
		expect(unknown.code).toBe('model_not_found');
		expect(unknown.message).toBe(
			'404 The model `gtp-4` does not exist or you do not have access to it.',
		);
		const retrieve = await caught(() => scenario('valid').models.retrieve('gpt-9'));
		expect(retrieve).toBeInstanceOf(OpenAI.NotFoundError);
		const denied = await caught(() =>
			scenario('model_allowlist').chat.completions.create({ ...chatBody, model: 'gpt-4o' }),
		);
		expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
		expect(denied.code).toBe('model_not_found');
		expect(denied.type).toBe('invalid_request_error');
		expect(denied.message).toBe(
			`403 Project \`${FIXED_IDS.project.allowlist}\` does not have access to model \`gpt-4o\``,
		);
		const allowed = await scenario('model_allowlist').chat.completions.create({
			...chatBody,
			model: RECOMMENDED_MODEL,
		});
		expect(allowed.choices).toHaveLength(1);
	});

	it('unsupported region: 403 request_forbidden with code first in the body', async () => {
		const { api } = setup();
		const res = await raw(api, '/v1/chat/completions', {
			method: 'POST',
			headers: { authorization: `Bearer ${scenarioKey('region_blocked')}` },
			body: JSON.stringify(chatBody),
		});
		expect(res.status).toBe(403);
		const text = await res.text();
		expect(text).toBe(
			'{\n  "error": {\n    "code": "unsupported_country_region_territory",\n    "message": "Country, region, or territory not supported",\n    "param": null,\n    "type": "request_forbidden"\n  }\n}\n',
		);
		const { scenario } = setup();
		const error = await caught(() => scenario('region_blocked').models.list());
		expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
	});
});

describe('billing errors', () => {
	it('insufficient_quota: 429 RateLimitError, no rate-limit headers, retried by the SDK', async () => {
		const { scenario, api } = setup();
		const error = await caught(() =>
			scenario('quota_exhausted', { maxRetries: 1 }).chat.completions.create(chatBody),
		);
		expect(error).toBeInstanceOf(OpenAI.RateLimitError);
		expect(error.code).toBe('insufficient_quota');
		expect(error.type).toBe('insufficient_quota');
		expect(error.message).toBe(
			'429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
		);
		expect(error.headers?.get('x-ratelimit-limit-requests')).toBeNull();
		expect(error.headers?.get('retry-after')).toBeNull();
		const tries = api.state.requestLog.filter((e) => e.errorCode === 'insufficient_quota');
		expect(tries.map((e) => e.retryCount ?? 0)).toEqual([0, 1]);
	});

	it('billing_not_active: 429 with its own type and code', async () => {
		const { scenario } = setup();
		const error = await caught(() =>
			scenario('billing_not_active').responses.create({ model: 'gpt-4.1', input: 'x' }),
		);
		expect(error).toBeInstanceOf(OpenAI.RateLimitError);
		expect(error.type).toBe('billing_not_active');
		expect(error.code).toBe('billing_not_active');
		expect(error.message).toBe(
			'429 Your account is not active, please check your billing details on our website.',
		);
		expect(error.headers?.get('x-ratelimit-remaining-requests')).toBeNull();
	});
});

describe('server errors on demand', () => {
	it('server_error: 500 with the request id in the message, retried twice by default', async () => {
		const { scenario, api } = setup();
		const error = await caught(() =>
			scenario('server_error', { maxRetries: 2 }).chat.completions.create(chatBody),
		);
		expect(error).toBeInstanceOf(OpenAI.InternalServerError);
		expect(error.status).toBe(500);
		expect(error.type).toBe('server_error');
		expect(error.code).toBeNull();
		expect(error.message).toBe(
			`500 The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error. (Please include the request ID ${error.requestID} in your email.)`,
		);
		expect(api.state.requestLog.filter((e) => e.status === 500)).toHaveLength(3);
	});

	it('overloaded: 503 service_unavailable_error / server_is_overloaded', async () => {
		const { scenario } = setup();
		const error = await caught(() => scenario('overloaded').chat.completions.create(chatBody));
		expect(error).toBeInstanceOf(OpenAI.InternalServerError);
		expect(error.status).toBe(503);
		expect(error.code).toBe('server_is_overloaded');
		expect(error.type).toBe('service_unavailable_error');
		expect(error.message).toBe('503 Our servers are currently overloaded. Please try again later.');
	});
});

describe('bad requests', () => {
	const key = () => ({ authorization: `Bearer ${scenarioKey('valid')}` });

	it('invalid JSON is 400 with the real hint', async () => {
		const { api } = setup();
		const res = await raw(api, '/v1/chat/completions', {
			method: 'POST',
			headers: key(),
			body: '{"model":',
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: Record<string, unknown> };
		expect(body.error).toEqual({
			message: expect.stringMatching(
				/^We could not parse the JSON body of your request\. \(HINT: /,
			) as string,
			type: 'invalid_request_error',
			param: null,
			code: null,
		});
	});

	it('missing model is 400 "you must provide a model parameter"', async () => {
		const { scenario } = setup();
		const error = await caught(() =>
			scenario('valid').chat.completions.create({
				messages: chatBody.messages,
			} as unknown as typeof chatBody),
		);
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect(error.message).toBe('400 you must provide a model parameter');
		expect(error.code).toBeNull();
	});

	it('missing messages names the parameter', async () => {
		const { scenario } = setup();
		const error = await caught(() =>
			scenario('valid').chat.completions.create({ model: 'gpt-4o' } as unknown as typeof chatBody),
		);
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect(error.param).toBe('messages');
		expect(error.code).toBe('missing_required_parameter');
	});

	it('unknown URL is 404 unknown_url, even a doubled path', async () => {
		const { client } = setup();
		const doubled = client(scenarioKey('valid'), {
			baseURL: 'http://localhost:4010/v1/chat/completions',
		});
		const error = await caught(() => doubled.chat.completions.create(chatBody));
		expect(error).toBeInstanceOf(OpenAI.NotFoundError);
		expect(error.code).toBe('unknown_url');
		expect(error.message).toBe(
			'404 Unknown request URL: POST /v1/chat/completions/chat/completions. Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.',
		);
	});

	it('a known path with the wrong method is 405', async () => {
		const { api } = setup();
		const res = await raw(api, '/v1/chat/completions', { headers: key() });
		expect(res.status).toBe(405);
		expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
			'Invalid method for URL (GET /v1/chat/completions)',
		);
	});

	it('answers CORS preflights; a preflight to an unknown path gets no CORS header', async () => {
		const { api } = setup();
		const ok = await raw(api, '/v1/chat/completions', {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:4321',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization, content-type',
			},
		});
		expect(ok.status).toBe(200);
		expect(ok.headers.get('access-control-allow-origin')).toBe('*');
		expect(ok.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
		const missing = await raw(api, '/v1/', { method: 'OPTIONS' });
		expect(missing.status).toBe(404);
		expect(missing.headers.get('access-control-allow-origin')).toBeNull();
	});
});

describe('errors inside a stream', () => {
	it('a Responses stream can break off with an error event: status and request id undefined', async () => {
		const { scenario, api } = setup();
		forceFailures(api.state, { kind: 'stream_error', count: 1 });
		const stream = await scenario('valid').responses.create({
			model: 'gpt-4.1',
			input: 'x',
			stream: true,
		});
		const seen: string[] = [];
		const error = await caught(async () => {
			for await (const event of stream) seen.push(event.type);
		});
		expect(seen).toEqual(['response.created', 'response.in_progress']);
		expect(error).toBeInstanceOf(OpenAI.APIError);
		expect(error.status).toBeUndefined();
		expect(error.code).toBe('server_is_overloaded');
		expect(error.type).toBe('service_unavailable_error');
		expect(api.state.requestLog.at(-1)).toMatchObject({
			status: 200,
			errorCode: 'server_is_overloaded',
			stream: true,
		});
		const res = await raw(api, '/v1/responses', {
			method: 'POST',
			headers: { authorization: `Bearer ${scenarioKey('valid')}` },
			body: JSON.stringify({ model: 'gpt-4.1', input: 'x', stream: true }),
		});
		expect(await res.text()).not.toContain('event: error');
	});

	it('a chat stream can break off too, without [DONE]; outside a stream it is a 503', async () => {
		const { scenario, api } = setup();
		forceFailures(api.state, { kind: 'stream_error', count: 2 });
		const stream = await scenario('valid').chat.completions.create({ ...chatBody, stream: true });
		let text = '';
		const error = await caught(async () => {
			for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
		});
		expect(text.length).toBeGreaterThan(0);
		expect(error.code).toBe('server_is_overloaded');
		const plain = await caught(() => scenario('valid').chat.completions.create(chatBody));
		expect(plain.status).toBe(503);
	});
});
