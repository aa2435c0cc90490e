/**
 * The checks on the states between broken and fixed, with evidence made by the real `openai` SDK
 * against an in-process practice API: a check must say why a half-fix is not yet a fix.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../sandbox/engines/types.ts';
import { createPracticeApi, PRACTICE_BASE_URL } from '../../../sandbox/practice-api/index.ts';
import { listKeys } from '../../../sandbox/practice-api/admin.ts';
import { createAdmin, type PracticeAdmin } from '../../../sandbox/scenarios/admin.ts';
import { getScenario, scenarioIds, scenarios } from '../../../sandbox/scenarios/index.ts';
import { earlyRetries, RATE_LIMIT } from '../../../sandbox/scenarios/rate-limit.ts';
import type { ScenarioContext, ScenarioRun } from '../../../sandbox/scenarios/types.ts';
import { lessonSlugs } from '../../../sandbox/course.ts';

type Program = (client: OpenAI, print: (text: string) => void) => Promise<void>;

/** Sets `id` up, lets `tweak` act as the learner in the console, runs `program` in-process. */
async function evidence(
	id: string,
	program: Program,
	tweak: (admin: PracticeAdmin, context: ScenarioContext) => ScenarioContext = (_a, c) => c,
	clientOptions: ConstructorParameters<typeof OpenAI>[0] = {},
): Promise<ScenarioRun> {
	const scenario = getScenario(id);
	const api = createPracticeApi();
	const admin = createAdmin(api);
	const context = tweak(admin, scenario.setup(admin, PRACTICE_BASE_URL));
	const output: OutputChunk[] = [];
	const client = new OpenAI({
		apiKey: context.env.OPENAI_API_KEY ?? 'unset',
		baseURL: PRACTICE_BASE_URL,
		fetch: (url, init) => api.fetch(new Request(url, init)),
		maxRetries: 0,
		...clientOptions,
	});
	let exitCode = 0;
	try {
		await program(client, (text) => output.push({ stream: 'stdout', text: text + '\n' }));
	} catch (error) {
		output.push({ stream: 'stderr', text: String(error) + '\n' });
		exitCode = 1;
	}
	return {
		output,
		exitCode,
		requestLog: api.state.requestLog,
		files: scenario.solution(context),
		env: context.env,
		keys: listKeys(api.state),
		context,
	};
}

const hello: Program = async (client, print) => {
	const completion = await client.chat.completions.create({
		model: 'gpt-4o-mini',
		messages: [{ role: 'user', content: 'hi' }],
	});
	print(completion.choices[0]?.message.content ?? '');
};

describe('the registry', () => {
	it('has sixteen scenarios with unique ids, real lessons, hints and an expected failure', () => {
		expect(scenarios).toHaveLength(16);
		expect(new Set(scenarioIds).size).toBe(scenarioIds.length);
		for (const scenario of scenarios) {
			expect(lessonSlugs).toContain(scenario.lesson);
			expect(scenario.hints.length).toBeGreaterThanOrEqual(2);
			expect(scenario.solutionSteps.length).toBeGreaterThanOrEqual(1);
			expect(scenario.starterFailure).toMatch(/^[a-z_]+$/);
		}
	});

	it('no solution carries a key literal', () => {
		const api = createPracticeApi();
		for (const scenario of scenarios) {
			const context = scenario.setup(createAdmin(api), PRACTICE_BASE_URL);
			const text = scenario
				.solution(context)
				.map((file) => file.contents)
				.join('\n');
			expect(text, scenario.id).not.toMatch(/sk-(proj-)?[A-Za-z0-9_-]{20,}/);
		}
	});
});

describe('checks between broken and fixed', () => {
	it('missing-scope: granting All instead of the one permission is not a pass', async () => {
		const run = await evidence('missing-scope', hello, (admin, context) => {
			admin.setPermissions(context.ids.bot, { kind: 'all' });
			return context;
		});
		expect(getScenario('missing-scope').check(run)).toMatchObject({
			pass: false,
			failure: 'too_broad',
		});
	});

	it('model-not-found: fixing the typo leads to the 403 of the project allowlist', async () => {
		const run = await evidence('model-not-found', async (client) => {
			await client.chat.completions.create({
				model: 'gpt-4.1-mini',
				messages: [{ role: 'user', content: 'hi' }],
			});
		});
		const result = getScenario('model-not-found').check(run);
		expect(result).toMatchObject({ pass: false, failure: 'model_not_allowed' });
		expect(result.reason).toContain('403');
	});

	it('compromised-key: revoking without updating the app, then a new All key, are both named', async () => {
		const revokedOnly = await evidence('compromised-key', hello, (admin, context) => {
			admin.revokeKey(context.ids.leaked);
			return context;
		});
		expect(getScenario('compromised-key').check(revokedOnly)).toMatchObject({
			failure: 'app_not_updated',
		});
		const broad = await evidence('compromised-key', hello, (admin, context) => {
			admin.revokeKey(context.ids.leaked);
			const fresh = admin.createKey({ name: 'Website 2' });
			return { ...context, env: { OPENAI_API_KEY: fresh.secret } };
		});
		expect(getScenario('compromised-key').check(broad)).toMatchObject({
			failure: 'not_restricted',
		});
	});

	it('insufficient-quota: one request but no word about billing is not enough', async () => {
		const run = await evidence('insufficient-quota', async (client, print) => {
			try {
				await client.chat.completions.create({
					model: 'gpt-4o-mini',
					messages: [{ role: 'user', content: 'hi' }],
				});
			} catch {
				print('Something went wrong.');
			}
		});
		expect(getScenario('insufficient-quota').check(run)).toMatchObject({
			failure: 'cause_not_reported',
		});
	});

	it('hard-coded-key: removing the key but breaking the client is named too', async () => {
		const run = await evidence('hard-coded-key', hello, (_admin, context) => ({
			...context,
			env: { OPENAI_API_KEY: 'sk-typo' },
		}));
		expect(getScenario('hard-coded-key').check(run)).toMatchObject({ failure: 'not_working' });
	});

	it('revoked-key: a key that was never made is told apart from the revoked one', async () => {
		const run = await evidence('revoked-key', hello, (_admin, context) => ({
			...context,
			env: { OPENAI_API_KEY: 'sk-proj-' + 'x'.repeat(40) },
		}));
		expect(getScenario('revoked-key').check(run)).toMatchObject({ failure: 'key_unknown' });
	});

	it('revoked-key: the revoked key is gone from the console, and a new key passes', async () => {
		let listed: string[] = [];
		const run = await evidence('revoked-key', hello, (admin, context) => {
			listed = admin.listedKeys().map((key) => key.name);
			const fresh = admin.createKey({ name: 'Laptop' });
			return { ...context, env: { OPENAI_API_KEY: fresh.secret } };
		});
		// Nothing to rotate: as on the platform, revoking deleted it from the list.
		expect(listed).not.toContain('Old laptop');
		expect(getScenario('revoked-key').check(run)).toMatchObject({ pass: true });
	});
});

describe('rate-limit replay', () => {
	const entry = (time: number, status: number) => ({
		requestId: '',
		time,
		method: 'POST',
		path: '/v1/chat/completions',
		status,
	});
	const step = RATE_LIMIT.windowMs / RATE_LIMIT.rpm;

	it('accepts a 429 followed by a wait for the refill', () => {
		const calls = [
			entry(0, 200),
			entry(1, 200),
			entry(2, 200),
			entry(3, 429),
			entry(3 + step, 200),
		];
		expect(earlyRetries(calls)).toEqual([]);
	});

	it('flags a retry sent before the refill the 429 announced', () => {
		const calls = [
			entry(0, 200),
			entry(1, 200),
			entry(2, 200),
			entry(3, 429),
			entry(3 + step / 2, 429),
		];
		expect(earlyRetries(calls)[0]).toMatch(/request 5 was sent 0\.33 s after the 429 of request 4/);
	});
});
