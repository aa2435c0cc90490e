import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { FIXED_IDS } from '../../../sandbox/practice-api/index.ts';
import { caught, chatBody, raw, setup } from './helpers.ts';

const KEYS_URL = 'https://platform.openai.com/account/api-keys';

describe('authentication errors', () => {
	it('rejects an unknown key, masked first 8, stars, last 4, length kept', async () => {
		const { client, api } = setup();
		// A real-shaped key, assembled at run time so no such literal is committed.
		const fake = 'sk-proj-' + 'a'.repeat(70) + 'T3Blbk' + 'FJ' + 'b'.repeat(80) + 'WXYZ';
		const error = await caught(() => client(fake).chat.completions.create(chatBody));
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(error.status).toBe(401);
		expect(error.code).toBe('invalid_api_key');
		expect(error.type).toBe('invalid_request_error');
		const masked = 'sk-proj-' + '*'.repeat(fake.length - 12) + 'WXYZ';
		expect(error.message).toBe(
			`401 Incorrect API key provided: ${masked}. You can find your API key at ${KEYS_URL}.`,
		);
		expect(error.requestID).toMatch(/^req_/);
		expect(error.headers?.get('x-ratelimit-limit-requests')).toBeNull();
		const entry = api.state.requestLog.at(-1)!;
		expect(JSON.stringify(entry)).not.toContain(fake);
		expect(entry.keyMasked).toBe('sk-proj-...WXYZ');
	});

	it('echoes short values in full, like "API_KEY"', async () => {
		const { client } = setup();
		const error = await caught(() => client('API_KEY').models.list());
		expect(error.message).toBe(
			`401 Incorrect API key provided: API_KEY. You can find your API key at ${KEYS_URL}.`,
		);
	});

	it('treats a revoked key exactly like an unknown one', async () => {
		const { scenario } = setup();
		const error = await caught(() => scenario('revoked').chat.completions.create(chatBody));
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(error.code).toBe('invalid_api_key');
	});

	it('answers a missing key with the classic wording, and the Responses API with the new one', async () => {
		const { api } = setup();
		const res = await raw(api, '/v1/chat/completions', {
			method: 'POST',
			body: JSON.stringify(chatBody),
		});
		expect(res.status).toBe(401);
		const body = (await res.json()) as { error: Record<string, unknown> };
		expect(body.error.message).toMatch(
			/^You didn't provide an API key\. You need to provide your API key in an Authorization header using Bearer auth/,
		);
		expect(body.error.code).toBeNull();
		const noBearer = await raw(api, '/v1/responses', {
			method: 'POST',
			headers: { authorization: 'sk-abc' },
		});
		expect(((await noBearer.json()) as { error: { message: string } }).error.message).toBe(
			'Missing bearer or basic authentication in header',
		);
	});

	it('accepts the key as the Basic-auth password with a blank user name', async () => {
		const { api } = setup();
		const { scenarioKey } = await import('../../../sandbox/practice-api/index.ts');
		const res = await raw(api, '/v1/models', {
			headers: { authorization: 'Basic ' + btoa(':' + scenarioKey('valid')) },
		});
		expect(res.status).toBe(200);
	});

	it('rejects a deactivated account', async () => {
		const { scenario } = setup();
		const error = await caught(() =>
			scenario('deactivated_account').chat.completions.create(chatBody),
		);
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(error.code).toBe('account_deactivated');
		expect(error.message).toBe(
			'401 This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.',
		);
	});

	it('rejects mismatched organization and project headers', async () => {
		const { scenario } = setup();
		const org = await caught(() =>
			scenario('valid', { organization: 'org-' + 'x'.repeat(24) }).models.list(),
		);
		expect(org).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(org.code).toBe('mismatched_organization');
		expect(org.message).toBe(
			'401 OpenAI-Organization header should match organization for API key',
		);
		const project = await caught(() =>
			scenario('project_bound', { project: FIXED_IDS.project.default }).chat.completions.create(
				chatBody,
			),
		);
		expect(project.code).toBe('mismatched_project');
		expect(project.message).toBe('401 OpenAI-Project header should match project for API key');
		const ok = await scenario('project_bound', {
			project: FIXED_IDS.project.bound,
		}).chat.completions.create(chatBody);
		expect(ok.choices).toHaveLength(1);
		const matching = await scenario('valid', { organization: FIXED_IDS.org.main }).models.list();
		expect(matching.data.length).toBeGreaterThan(5);
	});
});
