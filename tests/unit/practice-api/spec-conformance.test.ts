/**
 * Every route the practice API serves under /v1 (read from the Hono app, not a hand list) is an
 * operation of OpenAI's published spec and answers, for success and for error, bodies that
 * validate against the spec's schemas; and so does every scenario key on every route.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../sandbox/practice-api/app.ts';
import {
	createKey,
	createPracticeApi,
	FIXED_IDS,
	forceFailures,
	scenarioKey,
	scenarioKeys,
} from '../../../sandbox/practice-api/index.ts';
import { manualClock } from './helpers.ts';
import { replyErrors, schemaErrors, specHasOperation, sseEvents } from './spec.ts';
import { RECOMMENDED_MODEL } from '../../../sandbox/models/registry.ts';

type Api = ReturnType<typeof createPracticeApi>;
type Exemplar = { method: string; path: string; body?: unknown; key?: string };
type Fixture = { api: Api; admin: string; project: string; keyId: string; account: string };

const P = FIXED_IDS.project.default;
const chat = { model: RECOMMENDED_MODEL, messages: [{ role: 'user', content: 'Hello' }] };

async function fixture(): Promise<Fixture> {
	const api = createPracticeApi({ clock: manualClock(), seed: 'spec' });
	const admin = scenarioKey('admin_key');
	const { key } = createKey(api.state, { name: 'Learner key' });
	const created = await send(api, {
		method: 'POST',
		path: `/v1/organization/projects/${P}/service_accounts`,
		body: { name: 'Deploy bot' },
		key: admin,
	});
	const account = ((await created.json()) as { id: string }).id;
	// Some usage, so the reports have buckets with results.
	await send(api, { method: 'POST', path: '/v1/chat/completions', body: chat });
	return { api, admin, project: P, keyId: key.id, account };
}

function send(api: Api, e: Exemplar): Promise<Response> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const key = e.key ?? scenarioKey('valid');
	if (key) headers.authorization = `Bearer ${key}`;
	return api.fetch(
		new Request('http://localhost:4010' + e.path, {
			method: e.method,
			headers,
			body: e.body === undefined ? undefined : JSON.stringify(e.body),
		}),
	);
}

/** One success and one error request per route, by the route's pattern as Hono lists it. */
const EXEMPLARS: Record<string, (f: Fixture) => { ok: Exemplar[]; error: Exemplar[] }> = {
	'GET /v1/models': () => ({
		ok: [{ method: 'GET', path: '/v1/models' }],
		error: [{ method: 'GET', path: '/v1/models', key: 'sk-proj-wrong' }],
	}),
	'GET /v1/models/:id': () => ({
		ok: [{ method: 'GET', path: '/v1/models/gpt-4o' }],
		error: [{ method: 'GET', path: '/v1/models/gpt-9' }],
	}),
	'POST /v1/chat/completions': () => ({
		ok: [
			{ method: 'POST', path: '/v1/chat/completions', body: chat },
			{
				method: 'POST',
				path: '/v1/chat/completions',
				body: { ...chat, stream: true, stream_options: { include_usage: true } },
			},
		],
		error: [{ method: 'POST', path: '/v1/chat/completions', body: { ...chat, messages: [] } }],
	}),
	'POST /v1/responses': () => ({
		ok: [
			{ method: 'POST', path: '/v1/responses', body: { model: RECOMMENDED_MODEL, input: 'Hi' } },
			{
				method: 'POST',
				path: '/v1/responses',
				body: { model: RECOMMENDED_MODEL, input: 'Hi', stream: true },
			},
			{
				method: 'POST',
				path: '/v1/responses',
				body: { model: RECOMMENDED_MODEL, input: 'Hi', max_output_tokens: 3 },
			},
		],
		error: [{ method: 'POST', path: '/v1/responses', body: { input: 'Hi' } }],
	}),
	'POST /v1/embeddings': () => ({
		ok: [
			{
				method: 'POST',
				path: '/v1/embeddings',
				body: { model: 'text-embedding-3-small', input: 'Hi' },
			},
		],
		error: [{ method: 'POST', path: '/v1/embeddings', body: { model: 'text-embedding-3-small' } }],
	}),
	'GET /v1/organization/projects': (f) => ({
		ok: [{ method: 'GET', path: '/v1/organization/projects?limit=2', key: f.admin }],
		error: [{ method: 'GET', path: '/v1/organization/projects?limit=0', key: f.admin }],
	}),
	'POST /v1/organization/projects': (f) => ({
		ok: [{ method: 'POST', path: '/v1/organization/projects', body: { name: 'X' }, key: f.admin }],
		error: [{ method: 'POST', path: '/v1/organization/projects', body: {}, key: f.admin }],
	}),
	'GET /v1/organization/projects/:project_id': (f) => ({
		ok: [{ method: 'GET', path: `/v1/organization/projects/${f.project}`, key: f.admin }],
		error: [{ method: 'GET', path: '/v1/organization/projects/proj_nope', key: f.admin }],
	}),
	'POST /v1/organization/projects/:project_id': (f) => ({
		ok: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${f.project}`,
				body: { name: 'Renamed' },
				key: f.admin,
			},
		],
		error: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${f.project}`,
				body: { name: '' },
				key: f.admin,
			},
		],
	}),
	'POST /v1/organization/projects/:project_id/archive': (f) => ({
		ok: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${FIXED_IDS.project.allowlist}/archive`,
				key: f.admin,
			},
		],
		error: [{ method: 'POST', path: '/v1/organization/projects/proj_nope/archive', key: f.admin }],
	}),
	'GET /v1/organization/projects/:project_id/api_keys': (f) => ({
		ok: [{ method: 'GET', path: `/v1/organization/projects/${f.project}/api_keys`, key: f.admin }],
		error: [
			{ method: 'GET', path: `/v1/organization/projects/${f.project}/api_keys`, key: undefined },
		],
	}),
	'GET /v1/organization/projects/:project_id/api_keys/:key_id': (f) => ({
		ok: [
			{
				method: 'GET',
				path: `/v1/organization/projects/${f.project}/api_keys/${f.keyId}`,
				key: f.admin,
			},
		],
		error: [
			{
				method: 'GET',
				path: `/v1/organization/projects/${f.project}/api_keys/key_nope`,
				key: f.admin,
			},
		],
	}),
	'DELETE /v1/organization/projects/:project_id/api_keys/:key_id': (f) => ({
		ok: [
			{
				method: 'DELETE',
				path: `/v1/organization/projects/${f.project}/api_keys/${f.keyId}`,
				key: f.admin,
			},
		],
		error: [
			{
				method: 'DELETE',
				path: `/v1/organization/projects/${f.project}/api_keys/${f.keyId}`,
				key: f.admin,
			},
		],
	}),
	'GET /v1/organization/projects/:project_id/service_accounts': (f) => ({
		ok: [
			{
				method: 'GET',
				path: `/v1/organization/projects/${f.project}/service_accounts`,
				key: f.admin,
			},
		],
		error: [
			{ method: 'GET', path: `/v1/organization/projects/proj_nope/service_accounts`, key: f.admin },
		],
	}),
	'POST /v1/organization/projects/:project_id/service_accounts': (f) => ({
		ok: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${f.project}/service_accounts`,
				body: { name: 'Bot 2' },
				key: f.admin,
			},
		],
		error: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${f.project}/service_accounts`,
				body: { name: 42 },
				key: f.admin,
			},
		],
	}),
	'GET /v1/organization/projects/:project_id/service_accounts/:account_id': (f) => ({
		ok: [
			{
				method: 'GET',
				path: `/v1/organization/projects/${f.project}/service_accounts/${f.account}`,
				key: f.admin,
			},
		],
		error: [
			{
				method: 'GET',
				path: `/v1/organization/projects/${f.project}/service_accounts/svc_acct_nope`,
				key: f.admin,
			},
		],
	}),
	'DELETE /v1/organization/projects/:project_id/service_accounts/:account_id': (f) => ({
		ok: [
			{
				method: 'DELETE',
				path: `/v1/organization/projects/${f.project}/service_accounts/${f.account}`,
				key: f.admin,
			},
		],
		error: [
			{
				method: 'DELETE',
				path: `/v1/organization/projects/${f.project}/service_accounts/${f.account}`,
				key: f.admin,
			},
		],
	}),
	'POST /v1/organization/projects/:project_id/service_accounts/:account_id/api_keys': (f) => ({
		ok: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${f.project}/service_accounts/${f.account}/api_keys`,
				body: { name: 'Rotation key' },
				key: f.admin,
			},
		],
		error: [
			{
				method: 'POST',
				path: `/v1/organization/projects/${f.project}/service_accounts/svc_acct_nope/api_keys`,
				body: {},
				key: f.admin,
			},
		],
	}),
	'GET /v1/organization/admin_api_keys': (f) => ({
		ok: [{ method: 'GET', path: '/v1/organization/admin_api_keys', key: f.admin }],
		error: [{ method: 'GET', path: '/v1/organization/admin_api_keys', key: 'sk-admin-nope' }],
	}),
	'POST /v1/organization/admin_api_keys': (f) => ({
		ok: [
			{
				method: 'POST',
				path: '/v1/organization/admin_api_keys',
				body: { name: 'CI', expires_in_seconds: 3600 },
				key: f.admin,
			},
		],
		error: [
			{
				method: 'POST',
				path: '/v1/organization/admin_api_keys',
				body: { name: 'CI', expires_in_seconds: 0 },
				key: f.admin,
			},
		],
	}),
	'GET /v1/organization/admin_api_keys/:key_id': (f) => ({
		ok: [], // filled in by the test: needs a key created first
		error: [{ method: 'GET', path: '/v1/organization/admin_api_keys/key_nope', key: f.admin }],
	}),
	'DELETE /v1/organization/admin_api_keys/:key_id': (f) => ({
		ok: [],
		error: [{ method: 'DELETE', path: '/v1/organization/admin_api_keys/key_nope', key: f.admin }],
	}),
	'GET /v1/organization/usage/completions': (f) => ({
		ok: [
			{
				method: 'GET',
				path: '/v1/organization/usage/completions?start_time=1793491200&bucket_width=1h&group_by[]=api_key_id&group_by[]=model',
				key: f.admin,
			},
		],
		error: [{ method: 'GET', path: '/v1/organization/usage/completions', key: f.admin }],
	}),
	'GET /v1/organization/costs': (f) => ({
		ok: [
			{
				method: 'GET',
				path: '/v1/organization/costs?start_time=1793491200&group_by=project_id,api_key_id',
				key: f.admin,
			},
		],
		error: [
			{
				method: 'GET',
				path: '/v1/organization/costs?start_time=1793491200&bucket_width=1h',
				key: f.admin,
			},
		],
	}),
};

function servedRoutes(): string[] {
	const app = buildApp(createPracticeApi().state);
	const routes = app.routes
		.filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && r.path.startsWith('/v1/'))
		.map((r) => `${r.method} ${r.path}`);
	return [...new Set(routes)];
}

const specPathOf = (route: string) => route.split(' ')[1].replace(/:[a-z_]+/g, 'x');

describe('the practice API against OpenAI’s published spec (v2.3.0)', () => {
	const routes = servedRoutes();

	it('serves the Administration API and every served /v1 route is a spec operation', () => {
		expect(routes.length).toBeGreaterThanOrEqual(24);
		expect(routes).toContain('GET /v1/organization/usage/completions');
		for (const route of routes) {
			const [method] = route.split(' ');
			expect(specHasOperation(method, specPathOf(route)), route).toBe(true);
		}
	});

	it('has a success and an error exemplar for every served route', () => {
		expect(Object.keys(EXEMPLARS).sort()).toEqual([...routes].sort());
	});

	for (const route of routes) {
		it(`${route}: success and error replies validate`, async () => {
			const f = await fixture();
			const make = EXEMPLARS[route];
			expect(make, `no exemplar for ${route}`).toBeDefined();
			const { ok, error } = make(f);
			if (route.includes('admin_api_keys/:key_id')) {
				const made = await send(f.api, {
					method: 'POST',
					path: '/v1/organization/admin_api_keys',
					body: { name: 'Temp' },
					key: f.admin,
				});
				const id = ((await made.json()) as { id: string }).id;
				ok.push({
					method: route.split(' ')[0],
					path: `/v1/organization/admin_api_keys/${id}`,
					key: f.admin,
				});
			}
			expect(ok.length, 'success exemplars').toBeGreaterThan(0);
			for (const e of ok) {
				const response = await send(f.api, e);
				expect(response.status, `${e.method} ${e.path}`).toBeLessThan(300);
				expect(await replyErrors(e.method, e.path.split('?')[0], response)).toEqual([]);
			}
			for (const e of error) {
				const response = await send(f.api, e);
				expect(response.status, `${e.method} ${e.path}`).toBeGreaterThanOrEqual(400);
				expect(await replyErrors(e.method, e.path.split('?')[0], response)).toEqual([]);
			}
			expect(f.api.state.crashes).toBe(0);
		});
	}

	it('every scenario key gets spec-valid replies on every route', async () => {
		for (const { behavior, key } of scenarioKeys()) {
			const f = await fixture();
			for (const route of routes) {
				for (const e of EXEMPLARS[route](f).ok) {
					const response = await send(f.api, { ...e, key });
					const problems = await replyErrors(e.method, e.path.split('?')[0], response);
					expect(problems, `${behavior} on ${e.method} ${e.path} (${response.status})`).toEqual([]);
				}
			}
		}
	});

	it('a stream broken off by an overload still sends spec-valid events', async () => {
		for (const body of [
			{ ...chat, stream: true },
			{ model: RECOMMENDED_MODEL, input: 'Hi', stream: true },
		]) {
			const f = await fixture();
			forceFailures(f.api.state, { kind: 'stream_error' });
			const path = 'messages' in body ? '/v1/chat/completions' : '/v1/responses';
			const response = await send(f.api, { method: 'POST', path, body });
			expect(response.status).toBe(200);
			const events = sseEvents(await response.clone().text());
			expect(events.some((e) => (e as { error?: unknown }).error)).toBe(true);
			expect(await replyErrors('POST', path, response)).toEqual([]);
		}
	});

	it('catches a reply that breaks the spec (the validator can fail)', () => {
		expect(schemaErrors('Model', { id: 'x', object: 'model', created: 1 })).not.toEqual([]);
		const usage = {
			input_tokens: 1,
			input_tokens_details: { cached_tokens: 0 },
			output_tokens: 1,
			output_tokens_details: { reasoning_tokens: 0 },
			total_tokens: 2,
		};
		expect(schemaErrors('ResponseUsage', usage).join()).toMatch(/cache_write_tokens/);
		expect(schemaErrors('ErrorResponse', { error: 'bare string' })).not.toEqual([]);
		// `usage: null` is allowed inside stream events only, never on a finished Response.
		const usageError = schemaErrors('Response', {
			id: 'resp_1',
			object: 'response',
			created_at: 1,
			status: 'completed',
			model: RECOMMENDED_MODEL,
			output: [],
			usage: null,
		});
		expect(usageError.join()).toMatch(/usage/);
	});
});
