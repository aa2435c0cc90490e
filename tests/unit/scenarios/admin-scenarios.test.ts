/**
 * The Administration API scenarios (lesson "Rotate and audit keys with code"): their checks on
 * the half-fixes between starter and solution, with evidence made by the real `openai` SDK's
 * admin resources against an in-process practice API.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createPracticeApi, PRACTICE_BASE_URL } from '../../../sandbox/practice-api/index.ts';
import { listKeys } from '../../../sandbox/practice-api/admin.ts';
import { createAdmin } from '../../../sandbox/scenarios/admin.ts';
import { getScenario } from '../../../sandbox/scenarios/index.ts';
import type { ScenarioContext, ScenarioRun } from '../../../sandbox/scenarios/types.ts';

type Program = (
	admin: OpenAI,
	env: Record<string, string>,
	api: ReturnType<typeof createPracticeApi>,
) => Promise<void>;

async function evidence(id: string, program: Program): Promise<ScenarioRun> {
	const scenario = getScenario(id);
	const api = createPracticeApi();
	const context: ScenarioContext = scenario.setup(createAdmin(api), PRACTICE_BASE_URL);
	const client = new OpenAI({
		adminAPIKey: context.env.OPENAI_ADMIN_KEY,
		baseURL: PRACTICE_BASE_URL,
		fetch: (url, init) => api.fetch(new Request(url, init)),
		maxRetries: 0,
	});
	let exitCode = 0;
	try {
		await program(client, context.env, api);
	} catch {
		exitCode = 1;
	}
	return {
		output: [],
		exitCode,
		requestLog: api.state.requestLog,
		files: scenario.solution(context),
		env: context.env,
		keys: listKeys(api.state),
		context,
	};
}

describe('unused-keys', () => {
	it('a cut-off in milliseconds deletes keys in use, and the check says so', async () => {
		const run = await evidence('unused-keys', async (client) => {
			for await (const project of client.admin.organization.projects.list()) {
				for await (const key of client.admin.organization.projects.apiKeys.list(project.id)) {
					// The classic bug: Date.now() is in ms, last_used_at in seconds.
					if ((key.last_used_at ?? key.created_at) < Date.now() - 90 * 86400) {
						await client.admin.organization.projects.apiKeys.delete(key.id, {
							project_id: project.id,
						});
					}
				}
			}
		});
		expect(getScenario('unused-keys').check(run)).toMatchObject({
			pass: false,
			failure: 'deleted_active_key',
		});
	});

	it('listing without deleting is not a pass', async () => {
		const run = await evidence('unused-keys', async (client) => {
			for await (const project of client.admin.organization.projects.list()) {
				await client.admin.organization.projects.apiKeys.list(project.id);
			}
		});
		expect(getScenario('unused-keys').check(run)).toMatchObject({ failure: 'nothing_deleted' });
	});
});

describe('service-account-rotation', () => {
	it('a verified new key with the old one left active is not a pass', async () => {
		const run = await evidence('service-account-rotation', async (client, env, api) => {
			const fresh = await client.admin.organization.projects.serviceAccounts.apiKeys.create(
				env.SERVICE_ACCOUNT_ID,
				{ project_id: env.PROJECT_ID },
			);
			const app = new OpenAI({
				apiKey: fresh.value,
				baseURL: PRACTICE_BASE_URL,
				fetch: (url, init) => api.fetch(new Request(url, init)),
				maxRetries: 0,
			});
			await app.models.list();
		});
		expect(getScenario('service-account-rotation').check(run)).toMatchObject({
			failure: 'old_key_active',
		});
	});

	it('deleting the old key first is named as downtime even when nothing else is done', async () => {
		const run = await evidence('service-account-rotation', async (client, env) => {
			await client.admin.organization.projects.serviceAccounts.apiKeys.create(
				env.SERVICE_ACCOUNT_ID,
				{ project_id: env.PROJECT_ID },
			);
			await client.admin.organization.projects.apiKeys.delete(env.OLD_KEY_ID, {
				project_id: env.PROJECT_ID,
			});
		});
		expect(getScenario('service-account-rotation').check(run)).toMatchObject({
			failure: 'deleted_before_verifying',
		});
	});
});

describe('usage-spike', () => {
	it('deleting a busy but ordinary key is named', async () => {
		const run = await evidence('usage-spike', async (client) => {
			const now = Math.floor(Date.now() / 1000);
			const usage = await client.admin.organization.usage.completions({
				start_time: now - 6 * 3600,
				bucket_width: '1h',
				group_by: ['api_key_id', 'project_id'],
			});
			// Picks the key of the earliest bucket with traffic: the website, not the spike.
			const result = usage.data.flatMap((b) => b.results)[0] as {
				api_key_id: string;
				project_id: string;
			};
			await client.admin.organization.projects.apiKeys.delete(result.api_key_id, {
				project_id: result.project_id,
			});
		});
		expect(getScenario('usage-spike').check(run)).toMatchObject({
			failure: 'deleted_wrong_key',
		});
	});

	it('the spike is one key in the report grouped by key', async () => {
		const run = await evidence('usage-spike', async (client) => {
			const usage = await client.admin.organization.usage.completions({
				start_time: Math.floor(Date.now() / 1000) - 3600,
				group_by: ['api_key_id'],
				bucket_width: '1h',
			});
			const results = usage.data.flatMap((b) => b.results) as Array<{
				api_key_id: string;
				num_model_requests: number;
			}>;
			expect(results).toHaveLength(2);
			expect(Math.max(...results.map((r) => r.num_model_requests))).toBe(180);
		});
		expect(run.exitCode).toBe(0);
	});
});
