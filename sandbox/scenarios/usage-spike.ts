/**
 * Rotate and audit, scenario 3: spend jumped in the last hour. Find the key behind it with the
 * usage API grouped by key, and delete it (the compromised-key lesson's first step). The starter
 * asks for usage without `group_by`, so every result's `api_key_id` is null.
 */
import { RECOMMENDED_MODEL } from '../models/registry.ts';
import type { PracticeAdmin } from './admin.ts';
import { outputText } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const MINUTE_MS = 60 * 1000;

const program = (query: string) => `import OpenAI from 'openai';

const client = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
const now = Math.floor(Date.now() / 1000);

// Completions usage for the last 6 hours, in 1-hour buckets.
const usage = await client.admin.organization.usage.completions({
  start_time: now - 6 * 60 * 60,
  bucket_width: '1h',
${query}});

// Add up requests per key over the buckets.
const perKey = new Map();
for (const bucket of usage.data) {
  for (const result of bucket.results) {
    const id = result.api_key_id;
    const seen = perKey.get(id) ?? { requests: 0, project: result.project_id };
    seen.requests += result.num_model_requests;
    perKey.set(id, seen);
  }
}
const [keyId, top] = [...perKey].sort((a, b) => b[1].requests - a[1].requests)[0];
console.log('Busiest key:', keyId, 'with', top.requests, 'requests');

// Name it, then delete it: a key you did not expect to be this busy may be in someone else's hands.
const key = await client.admin.organization.projects.apiKeys.retrieve(keyId, { project_id: top.project });
console.log(\`Deleting "\${key.name}" (\${key.redacted_value})\`);
await client.admin.organization.projects.apiKeys.delete(keyId, { project_id: top.project });
`;

// Past traffic, as if the keys had been used over the last hours (the clock is the server's).
function traffic(admin: PracticeAdmin, keyId: string, requests: number, minutesAgo: number) {
	const state = admin.state;
	const key = state.keys[keyId];
	for (let i = 0; i < requests; i++) {
		state.usageEvents.push({
			time: state.clock.now() - minutesAgo * MINUTE_MS + i,
			keyId,
			projectId: key.projectId,
			model: RECOMMENDED_MODEL,
			kind: 'completions',
			inputTokens: 900,
			outputTokens: 400,
			costUsd: (900 * 0.4 + 400 * 1.6) / 1e6,
		});
	}
	key.lastUsedAt = state.clock.now() - minutesAgo * MINUTE_MS;
}

export const usageSpike: Scenario = {
	id: 'usage-spike',
	lesson: 'using/rotate-and-audit-keys',
	title: 'Spot the key behind a usage spike',
	summary:
		'The usage graph jumped in the last hour. Three keys are in use; find which one made the spike, and delete it before it costs more.',
	setup(admin, baseURL) {
		// Loading the scenario again starts it over: the keys (and traffic) of an earlier load would
		// tie with the new spike, and a correct script could pick the old copy.
		const names = new Set([
			'website-prod-2026-10',
			'reports-nightly-2026-09',
			'alice-laptop-dev-2026-08',
		]);
		const earlier = new Set(
			admin
				.keys()
				.filter((k) => names.has(k.name))
				.map((k) => k.id),
		);
		for (const id of earlier)
			if (admin.keys().find((k) => k.id === id)?.status === 'active') admin.revokeKey(id);
		admin.state.usageEvents = admin.state.usageEvents.filter((event) => !earlier.has(event.keyId));
		const website = admin.createKey({ name: 'website-prod-2026-10' }).id;
		const reports = admin.createKey({ name: 'reports-nightly-2026-09' }).id;
		const laptop = admin.createKey({ name: 'alice-laptop-dev-2026-08' }).id;
		traffic(admin, website, 40, 200);
		traffic(admin, reports, 25, 300);
		traffic(admin, website, 35, 20);
		traffic(admin, laptop, 180, 30); // the spike
		return {
			env: { OPENAI_ADMIN_KEY: admin.scenarioKey('admin_key').secret },
			ids: { website, reports, spike: laptop },
			secrets: {},
			baseURL,
		};
	},
	starter: () => project('usage-spike', program('')),
	solution: () =>
		project(
			'usage-spike',
			program(
				"  // One result per key (and project) in each bucket.\n  group_by: ['api_key_id', 'project_id'],\n",
			),
		),
	solutionSteps: [
		"Ask the usage endpoint to split its results by key: `group_by: ['api_key_id', 'project_id']`.",
		'Add up `num_model_requests` per key: "alice-laptop-dev-2026-08" made 180 requests in half an hour.',
		'Delete that key at once, then follow A compromised key: find where it leaked, and issue a new one.',
	],
	hints: [
		'What is `api_key_id` in the results the script got back?',
		'Without `group_by`, usage comes back as one total per bucket: the key fields are null.',
		"Add `group_by: ['api_key_id', 'project_id']` to the usage query.",
	],
	starterFailure: 'not_grouped_by_key',
	check(run) {
		const { website, reports, spike } = run.context.ids;
		const alive = new Set(run.keys.filter((k) => k.status === 'active').map((k) => k.id));
		if (!alive.has(website) || !alive.has(reports)) {
			return fail(
				'deleted_wrong_key',
				'A key with ordinary traffic was deleted; only the one behind the spike should go.',
			);
		}
		if (!alive.has(spike)) {
			return pass(
				'The usage report grouped by key points at "alice-laptop-dev-2026-08" (180 requests in half an hour), and it is deleted.',
			);
		}
		const usageCalls = run.requestLog.filter(
			(e) => e.path === '/v1/organization/usage/completions',
		);
		if (usageCalls.length > 0 && /Busiest key: null/.test(outputText(run))) {
			return fail(
				'not_grouped_by_key',
				'The usage results have api_key_id: null, because the query did not ask for group_by api_key_id. Ungrouped usage is one total per bucket.',
			);
		}
		return fail(
			'spike_key_active',
			'The key behind the spike, "alice-laptop-dev-2026-08", is still active.',
		);
	},
};
