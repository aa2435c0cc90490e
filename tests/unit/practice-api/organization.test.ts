/** The Administration API through the real `openai` SDK's `admin.organization` resources. */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
	createKey,
	FIXED_IDS,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../sandbox/practice-api/index.ts';
import { createAdmin } from '../../../sandbox/scenarios/admin.ts';
import { caught, chatBody, raw, setup } from './helpers.ts';

const P = FIXED_IDS.project.default;

function adminSetup() {
	const s = setup('org');
	const adminClient = (adminAPIKey = scenarioKey('admin_key')) =>
		new OpenAI({
			adminAPIKey,
			baseURL: PRACTICE_BASE_URL,
			fetch: (url, init) => s.api.fetch(new Request(url, init)),
			maxRetries: 0,
		});
	return { ...s, admin: adminClient(), adminClient };
}

describe('the practice Administration API', () => {
	it('pages through project keys with limit, after, has_more, first_id and last_id', async () => {
		const { api, admin } = adminSetup();
		const made = Array.from({ length: 5 }, (_, i) => createKey(api.state, { name: `k${i}` }).key);
		const first = await admin.admin.organization.projects.apiKeys.list(P, { limit: 2 });
		expect(first.data.map((k) => k.name)).toEqual(['k0', 'k1']);
		expect(first.has_more).toBe(true);
		const body = (await (
			await raw(api, `/v1/organization/projects/${P}/api_keys?limit=2&after=${made[1].id}`, {
				headers: { authorization: `Bearer ${scenarioKey('admin_key')}` },
			})
		).json()) as { first_id: string; last_id: string; has_more: boolean };
		expect(body).toMatchObject({ first_id: made[2].id, last_id: made[3].id, has_more: true });
		const all = [];
		for await (const key of admin.admin.organization.projects.apiKeys.list(P, { limit: 2 })) {
			all.push(key.name);
		}
		expect(all).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
		// The list never carries a secret, only the redacted form.
		expect(JSON.stringify(first.data)).not.toContain('PRACTICE');
	});

	it('rotates a service account key with no downtime: second key, switch, delete the old', async () => {
		const { admin, client } = adminSetup();
		const sa = await admin.admin.organization.projects.serviceAccounts.create(P, {
			name: 'Deploy bot',
		});
		expect(sa.id).toMatch(/^svc_acct_/);
		const oldSecret = sa.api_key!.value;
		expect(oldSecret).toMatch(/^sk-svcacct-/);
		const second = await admin.admin.organization.projects.serviceAccounts.apiKeys.create(sa.id, {
			project_id: P,
			name: 'Rotated',
		});
		// Both keys work during the switch.
		await client(oldSecret).chat.completions.create(chatBody);
		await client(second.value).chat.completions.create(chatBody);
		const listed = await admin.admin.organization.projects.apiKeys.list(P);
		const mine = listed.data.filter((k) => k.owner.type === 'service_account');
		expect(mine.map((k) => k.id).sort()).toEqual([sa.api_key!.id, second.id].sort());
		await admin.admin.organization.projects.apiKeys.delete(sa.api_key!.id, { project_id: P });
		const gone = await caught(() => client(oldSecret).chat.completions.create(chatBody));
		expect(gone.status).toBe(401);
		expect(gone.code).toBe('invalid_api_key');
		await client(second.value).chat.completions.create(chatBody);
		const retrieved = await admin.admin.organization.projects.serviceAccounts.retrieve(sa.id, {
			project_id: P,
		});
		expect(retrieved).toMatchObject({ id: sa.id, name: 'Deploy bot', role: 'member' });
		await admin.admin.organization.projects.serviceAccounts.delete(sa.id, { project_id: P });
		expect((await caught(() => client(second.value).models.list())).status).toBe(401);
	});

	it('keeps the platform’s rules: admin keys cannot call models, project keys cannot manage', async () => {
		const { scenario, adminClient } = adminSetup();
		const onModel = await caught(() => scenario('admin_key').chat.completions.create(chatBody));
		expect(onModel.status).toBe(401);
		expect(onModel.message).toContain('Missing scopes: model.request');
		const project = await caught(() =>
			adminClient(scenarioKey('valid')).admin.organization.projects.list(),
		);
		expect(project).toBeInstanceOf(OpenAI.PermissionDeniedError);
		expect(project.message).toContain('Missing scopes: api.management.read');
		const usage = await caught(() =>
			adminClient(scenarioKey('valid')).admin.organization.usage.costs({ start_time: 0 }),
		);
		expect(usage.status).toBe(403);
		expect(usage.message).toContain('Missing scopes: api.usage.read');
		const wrong = await caught(() =>
			adminClient('sk-admin-wrong').admin.organization.projects.list(),
		);
		expect(wrong.status).toBe(401);
		expect(wrong.code).toBe('invalid_api_key');
	});

	it('creates, expires and deletes admin keys', async () => {
		const { admin, clock, adminClient } = adminSetup();
		const made = await admin.admin.organization.adminAPIKeys.create({
			name: 'CI',
			expires_in_seconds: 60,
		});
		expect(made.value).toMatch(/^sk-admin-/);
		expect(made.expires_at).toBe(made.created_at + 60);
		const listed = await admin.admin.organization.adminAPIKeys.list();
		expect(listed.data.map((k) => k.id)).toContain(made.id);
		expect(JSON.stringify(listed.data)).not.toContain(made.value);
		await adminClient(made.value).admin.organization.projects.list();
		clock.advance(61_000);
		expect(
			(await caught(() => adminClient(made.value).admin.organization.projects.list())).status,
		).toBe(401);
		const other = await admin.admin.organization.adminAPIKeys.create({ name: 'Other' });
		const deleted = await admin.admin.organization.adminAPIKeys.delete(other.id);
		expect(deleted).toEqual({
			id: other.id,
			object: 'organization.admin_api_key.deleted',
			deleted: true,
		});
		expect((await admin.admin.organization.adminAPIKeys.list()).data).toEqual([]);
	});

	it('reports completions usage and costs per key and per project', async () => {
		const { api, admin, client, clock } = adminSetup();
		const a = createKey(api.state, { name: 'A' });
		const b = createKey(api.state, { name: 'B' });
		for (let i = 0; i < 3; i++) await client(a.value).chat.completions.create(chatBody);
		await client(b.value).responses.create({ model: 'gpt-4o-mini', input: 'Hi' });
		await client(b.value).embeddings.create({ model: 'text-embedding-3-small', input: 'Hi' });
		const start = Math.floor(clock.now() / 1000) - 60;
		const usage = await admin.admin.organization.usage.completions({
			start_time: start,
			bucket_width: '1h',
			group_by: ['api_key_id'],
		});
		const results = usage.data.flatMap((bucket) => bucket.results) as Array<{
			api_key_id: string;
			num_model_requests: number;
			project_id: string | null;
		}>;
		const byKey = Object.fromEntries(results.map((r) => [r.api_key_id, r.num_model_requests]));
		// Embeddings are not completions.
		expect(byKey).toEqual({ [a.key.id]: 3, [b.key.id]: 1 });
		expect(results.every((r) => r.project_id === null)).toBe(true);
		const costs = await admin.admin.organization.usage.costs({
			start_time: start,
			group_by: ['project_id'],
		});
		const costResults = costs.data.flatMap((bucket) => bucket.results) as Array<{
			project_id: string;
			amount: { value: number; currency: string };
		}>;
		expect(costResults).toHaveLength(1);
		expect(costResults[0].project_id).toBe(P);
		const spent = api.state.usageEvents.reduce((sum, e) => sum + e.costUsd, 0);
		expect(costResults[0].amount.value).toBeCloseTo(spent, 12);
		expect(costResults[0].amount.currency).toBe('usd');
		const missing = await caught(() =>
			admin.admin.organization.usage.completions({} as { start_time: number }),
		);
		expect(missing.status).toBe(400);
		expect(missing.param).toBe('start_time');
	});

	it('is the console’s source of truth: console keys are listed, API deletions vanish', async () => {
		const { api, admin } = adminSetup();
		const consoleAdmin = createAdmin(api);
		const made = consoleAdmin.createKey({ name: 'From the console' });
		const listed = await admin.admin.organization.projects.apiKeys.list(P);
		expect(listed.data.map((k) => k.id)).toContain(made.id);
		await admin.admin.organization.projects.apiKeys.delete(made.id, { project_id: P });
		expect(consoleAdmin.keys().map((k) => k.id)).not.toContain(made.id);
		// Revoking in the console is deleting on the platform: the key leaves the API's list too.
		const other = consoleAdmin.createKey({ name: 'Revoked in the console' });
		consoleAdmin.revokeKey(other.id);
		const after = await admin.admin.organization.projects.apiKeys.list(P);
		expect(after.data.map((k) => k.id)).not.toContain(other.id);
	});
});

describe('the console’s key list after revoke and rotate', () => {
	it('is the Admin API’s list, and a removed key answers like an unknown one', async () => {
		const { api, admin, client } = adminSetup();
		const consoleAdmin = createAdmin(api);
		const ids = async () =>
			(await admin.admin.organization.projects.apiKeys.list(P)).data.map((k) => k.id);
		const listed = () => consoleAdmin.listedKeys().map((k) => k.id);
		const kept = consoleAdmin.createKey({ name: 'Kept' });
		const revoked = consoleAdmin.createKey({ name: 'Revoked' });
		const rotated = consoleAdmin.createKey({ name: 'Rotated', owner: 'service_account' });

		consoleAdmin.revokeKey(revoked.id);
		expect(listed()).toEqual([kept.id, rotated.id]);
		expect(listed()).toEqual(await ids());

		const fresh = consoleAdmin.rotateKey(rotated.id);
		expect(listed()).toEqual([kept.id, fresh.id]);
		expect(listed()).toEqual(await ids());

		for (const secret of [revoked.secret, rotated.secret]) {
			const error = await caught(() => client(secret).chat.completions.create(chatBody));
			expect(error.status).toBe(401);
			expect(error.code).toBe('invalid_api_key');
			expect(error.message).toBe(
				`401 Incorrect API key provided: ${secret.slice(0, 8)}${'*'.repeat(secret.length - 12)}${secret.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
			);
		}
		// The records stay behind the lists, so scenario checks can still name a revoked key.
		expect(consoleAdmin.keys().map((k) => k.id)).toContain(revoked.id);
	});
});

describe('service-account keys made in the console', () => {
	it('belong to a service account the API lists, and keep it when rotated', async () => {
		const { api, admin } = adminSetup();
		const consoleAdmin = createAdmin(api);
		const made = consoleAdmin.createKey({ name: 'nightly-job', owner: 'service_account' });
		const accounts = await admin.admin.organization.projects.serviceAccounts.list(P);
		expect(accounts.data.map((a) => a.name)).toEqual(['nightly-job']);
		const listed = await admin.admin.organization.projects.apiKeys.retrieve(made.id, {
			project_id: P,
		});
		expect(listed.owner).toMatchObject({
			type: 'service_account',
			service_account: { id: accounts.data[0].id, name: 'nightly-job', role: 'member' },
		});
		const rotated = consoleAdmin.rotateKey(made.id);
		const after = await admin.admin.organization.projects.apiKeys.retrieve(rotated.id, {
			project_id: P,
		});
		expect(after.owner.service_account?.id).toBe(accounts.data[0].id);
		expect((await admin.admin.organization.projects.serviceAccounts.list(P)).data).toHaveLength(1);
	});
});

describe('practice state cannot be reached through prototype ids', () => {
	it('treats __proto__ and constructor as unknown ids everywhere', async () => {
		const { api } = setup();
		const admin = { authorization: `Bearer ${scenarioKey('admin_key')}` };
		for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			const patched = await raw(api, `/__practice/keys/${id}`, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'polluted', permissions: 'read_only' }),
			});
			expect(patched.status, id).toBe(404);
			for (const path of [`/__practice/keys/${id}/revoke`, `/__practice/keys/${id}/rotate`]) {
				expect((await raw(api, path, { method: 'POST' })).status, path).toBe(404);
			}
			expect((await raw(api, `/__practice/usage?key=${id}`)).status).toBe(404);
			expect((await raw(api, `/v1/organization/projects/${id}`, { headers: admin })).status).toBe(
				404,
			);
			expect(
				(await raw(api, `/v1/organization/projects/${P}/api_keys/${id}`, { headers: admin }))
					.status,
			).toBe(404);
		}
		const failures = await raw(api, '/__practice/failures', {
			method: 'POST',
			body: JSON.stringify({ kind: 'server_error', keyId: '__proto__' }),
		});
		expect(failures.status).toBe(404);
		await raw(api, `/__practice/projects/${P}`, {
			method: 'PATCH',
			body: JSON.stringify({ rateLimits: { __proto__: { rpm: 1 }, constructor: { rpm: 2 } } }),
		});
		expect(({} as Record<string, unknown>).name).toBeUndefined();
		expect(({} as Record<string, unknown>).rpm).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('permissions');
		expect(api.state.crashes).toBe(0);
	});
});
