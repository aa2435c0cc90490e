import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { isPracticeKey } from '../../../sandbox/keys/practice-key.ts';
import * as practice from '../../../sandbox/practice-api/index.ts';
import { caught, chatBody, raw, setup } from './helpers.ts';

type Json = Record<string, unknown>;

async function admin(api: practice.PracticeApi, method: string, path: string, body?: unknown) {
	const res = await raw(api, '/__practice' + path, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as Json, headers: res.headers };
}

describe('admin surface over HTTP', () => {
	it('lists scenario keys as [{ key, behavior, description }]', async () => {
		const { api } = setup();
		const res = await raw(api, '/__practice/scenario-keys');
		const list = (await res.json()) as Array<Json>;
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(Object.keys(list[0]).sort()).toEqual(['behavior', 'description', 'key']);
		expect(list).toEqual(practice.scenarioKeys());
	});

	it('creates a key (secret shown once), lists it masked, revokes it', async () => {
		const { api, client } = setup();
		const created = await admin(api, 'POST', '/keys', { name: 'CI', owner: 'service_account' });
		expect(created.status).toBe(201);
		const value = created.json.value as string;
		expect(value.startsWith('sk-svcacct-')).toBe(true);
		expect(isPracticeKey(value)).toBe(true);
		expect((await client(value).chat.completions.create(chatBody)).choices).toHaveLength(1);
		const list = await admin(api, 'GET', '/keys');
		expect(JSON.stringify(list.json)).not.toContain(value);
		const id = (created.json.key as Json).id as string;
		const listed = (list.json.data as Json[]).find((k) => k.id === id)!;
		expect(listed.redacted).toBe('sk-svcacct-...' + value.slice(-4));
		await admin(api, 'POST', `/keys/${id}/revoke`);
		const error = await caught(() => client(value).chat.completions.create(chatBody));
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect(error.code).toBe('invalid_api_key');
	});

	it('rotates a key: the new one works, the old one is revoked', async () => {
		const { api, client } = setup();
		const created = practice.createKey(api.state, { name: 'app' });
		const rotated = await admin(api, 'POST', `/keys/${created.key.id}/rotate`);
		const fresh = rotated.json.value as string;
		expect(fresh).not.toBe(created.value);
		expect(fresh).toHaveLength(164);
		expect((await client(fresh).models.list()).data.length).toBeGreaterThan(0);
		expect((await caught(() => client(created.value).models.list())).status).toBe(401);
	});

	it('restricted permissions decide per resource', async () => {
		const { api, client } = setup();
		const { json } = await admin(api, 'POST', '/keys', {
			permissions: { kind: 'restricted', resources: { models: 'read', responses: 'write' } },
		});
		const c = client(json.value as string);
		expect((await c.responses.create({ model: 'gpt-4o-mini', input: 'x' })).status).toBe(
			'completed',
		);
		expect((await caught(() => c.chat.completions.create(chatBody))).message).toContain(
			'Missing scopes: model.request.',
		);
		const badResource = await admin(api, 'POST', '/keys', {
			permissions: { kind: 'restricted', resources: { nope: 'read' } },
		});
		expect(badResource.status).toBe(400);
		expect((badResource.json.error as Json).message).toMatch(/Unknown resource "nope"/);
	});

	it('projects: allowlist, budget, per-project limits', async () => {
		const { api, client } = setup();
		const project = await admin(api, 'POST', '/projects', {
			name: 'Tight',
			description: 'demo',
			monthlyBudgetUsd: 0.000001,
			rateLimits: { 'gpt-4o-mini': { rpm: 10 } },
		});
		expect(project.status).toBe(201);
		const id = project.json.id as string;
		expect(id).toMatch(/^proj_[A-Za-z0-9]{24}$/);
		const { value } = practice.createKey(api.state, { project: id });
		const c = client(value);
		const { response } = await c.chat.completions.create(chatBody).withResponse();
		expect(response.headers.get('x-ratelimit-limit-requests')).toBe('10');
		expect(response.headers.get('openai-project')).toBe(id);
		const over = await caught(() => c.chat.completions.create(chatBody));
		expect(over).toBeInstanceOf(OpenAI.RateLimitError);
		expect(over.code).toBe('insufficient_quota');
		await admin(api, 'PATCH', `/projects/${id}`, {
			monthlyBudgetUsd: null,
			allowedModels: ['gpt-4.1'],
		});
		const denied = await caught(() => c.chat.completions.create(chatBody));
		expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
	});

	it('organization credits: running out turns into insufficient_quota', async () => {
		const { api, scenario } = setup();
		await admin(api, 'PATCH', `/organizations/${practice.FIXED_IDS.org.main}`, { creditsUsd: 0 });
		const error = await caught(() => scenario('valid').chat.completions.create(chatBody));
		expect(error.code).toBe('insufficient_quota');
		const restored = await admin(api, 'PATCH', `/organizations/${practice.FIXED_IDS.org.main}`, {
			creditsUsd: null,
		});
		expect(restored.json.creditsUsd).toBeNull();
		expect((await scenario('valid').chat.completions.create(chatBody)).choices).toHaveLength(1);
	});

	it('forced failures: the SDK retries through one, and the log shows both tries', async () => {
		const { api, scenario } = setup();
		await admin(api, 'POST', '/failures', { kind: 'server_error', count: 1 });
		const ok = await scenario('valid', { maxRetries: 2 }).chat.completions.create(chatBody);
		expect(ok.choices).toHaveLength(1);
		const log = (await admin(api, 'GET', '/log')).json.data as practice.RequestLogEntry[];
		expect(log.map((e) => [e.status, e.retryCount ?? 0])).toEqual([
			[500, 0],
			[200, 1],
		]);
	});

	it('reports usage per key and resets everything', async () => {
		const { api, scenario } = setup();
		await scenario('valid').chat.completions.create(chatBody);
		const usage = (await admin(api, 'GET', '/usage')).json;
		const id = Object.keys(usage)[0];
		expect(usage[id]).toMatchObject({ requests: 1 });
		expect(((usage[id] as Json).inputTokens as number) > 0).toBe(true);
		const extra = practice.createKey(api.state, {});
		await admin(api, 'POST', '/reset');
		expect(api.state.requestLog).toHaveLength(0);
		expect(api.state.keys[extra.key.id]).toBeUndefined();
		expect((await scenario('valid').models.list()).data.length).toBeGreaterThan(0);
	});

	it('answers 404 for unknown ids and 400 for bad bodies', async () => {
		const { api } = setup();
		expect((await admin(api, 'POST', '/keys/key_nope/revoke')).status).toBe(404);
		const res = await raw(api, '/__practice/keys', { method: 'POST', body: '{' });
		expect(res.status).toBe(400);
		expect((await admin(api, 'PUT', '/keys/key_nope/limits', { rpm: 1 })).status).toBe(404);
		expect((await admin(api, 'POST', '/failures', { kind: 'boom' })).status).toBe(400);
	});
});
