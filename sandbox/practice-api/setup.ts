/**
 * Builds (and rebuilds, on reset) the state: the fixed organizations, projects and scenario keys.
 * Ids come from a fixed seed so lessons can cite them; keys created later use the state's seed.
 */
import { redactSecret } from './keys.ts';
import { ALNUM, createRandom } from './random.ts';
import { SCENARIO_KEY_DEFS, scenarioKeys } from './scenario-keys.ts';
import {
	record,
	type Clock,
	type Organization,
	type PracticeState,
	type Project,
} from './state.ts';
import { RECOMMENDED_MODEL } from '../models/registry.ts';

/** Options of `createPracticeApi` and `createState`. */
export type PracticeOptions = { clock?: Clock; seed?: string };

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const fixed = createRandom('keylab fixed ids');
const orgIds = ['main', 'deactivated', 'no_credits', 'no_billing'].map((name) => ({
	name,
	id: 'org-' + fixed.string(24, ALNUM),
	slug: 'user-' + fixed.string(24, LOWER),
}));
const projectIds = ['default', 'bound', 'allowlist'].map((name) => ({
	name,
	id: 'proj_' + fixed.string(24, ALNUM),
}));

/** Ids of the fixed organizations and projects, for lessons and tests. */
export const FIXED_IDS = {
	org: Object.fromEntries(orgIds.map((o) => [o.name, o.id])) as Record<string, string>,
	project: Object.fromEntries(projectIds.map((p) => [p.name, p.id])) as Record<string, string>,
};

function org(state: PracticeState, name: string, patch: Partial<Organization>): void {
	const ids = orgIds.find((o) => o.name === name)!;
	state.orgs[ids.id] = {
		id: ids.id,
		slug: ids.slug,
		name: name === 'main' ? 'Personal' : `Practice org (${name})`,
		status: 'active',
		billing: 'active',
		creditsUsd: null,
		...patch,
	};
}

/** A new active project with no budget, allowlist or limits of its own. */
export function newProject(
	state: PracticeState,
	fields: Pick<Project, 'id' | 'orgId' | 'name'>,
): Project {
	return {
		description: '',
		status: 'active',
		monthlyBudgetUsd: null,
		spendUsd: 0,
		allowedModels: null,
		rateLimits: record(),
		createdAt: state.clock.now(),
		...fields,
	};
}

function project(state: PracticeState, name: string, patch: Partial<Project>): void {
	const id = projectIds.find((p) => p.name === name)!.id;
	const base = newProject(state, { id, orgId: FIXED_IDS.org.main, name: 'Default project' });
	state.projects[id] = { ...base, ...patch };
}

/** Fills `state` with the fixed organizations, projects and scenario keys (mutates in place). */
export function seedState(state: PracticeState): void {
	state.random = createRandom(state.seed);
	state.orgs = record();
	state.projects = record();
	state.keys = record();
	state.secrets = new Map();
	state.serviceAccounts = record();
	state.usage = record();
	state.usageEvents = [];
	state.windows = record();
	state.forcedFailures = record();
	state.requestLog = [];
	state.crashes = 0;
	state.counter = 0;
	org(state, 'main', {});
	org(state, 'deactivated', { status: 'deactivated' });
	org(state, 'no_credits', { creditsUsd: 0 });
	org(state, 'no_billing', { billing: 'inactive' });
	project(state, 'default', {});
	project(state, 'bound', { name: 'Billing service', description: 'Scoped keys only.' });
	project(state, 'allowlist', {
		name: 'Allowlist demo',
		description: `May call ${RECOMMENDED_MODEL} only.`,
		allowedModels: [RECOMMENDED_MODEL],
	});
	state.defaultOrgId = FIXED_IDS.org.main!;
	state.defaultProjectId = FIXED_IDS.project.default!;
	const secrets = scenarioKeys();
	SCENARIO_KEY_DEFS.forEach((def, i) => {
		const secret = secrets[i].key;
		const id = 'key_' + createRandom(`keylab scenario id ${def.behavior}`).string(16, ALNUM);
		const orgId = FIXED_IDS.org[def.org];
		// Projects belong to the main org; keys of the other orgs get their own default project id.
		const projectId = FIXED_IDS.project[def.project];
		state.keys[id] = {
			id,
			name: `Scenario: ${def.behavior}`,
			shape: def.shape,
			owner: def.shape === 'service_account' ? 'service_account' : 'user',
			orgId,
			projectId,
			permissions: def.permissions,
			status: def.status ?? 'active',
			redacted: redactSecret(secret),
			createdAt: state.clock.now(),
			lastUsedAt: null,
			limits: { ...def.limits },
			simulate: def.simulate,
			scenario: def.behavior,
		};
		state.secrets.set(secret, id);
	});
}

/** A fresh state. */
export function createState(options: PracticeOptions = {}): PracticeState {
	const state: PracticeState = {
		clock: options.clock ?? { now: () => Date.now() },
		seed: options.seed ?? 'keylab',
		random: createRandom(''),
		orgs: record(),
		projects: record(),
		keys: record(),
		secrets: new Map(),
		serviceAccounts: record(),
		usage: record(),
		usageEvents: [],
		windows: record(),
		forcedFailures: record(),
		defaultOrgId: '',
		defaultProjectId: '',
		requestLog: [],
		requestLogLimit: 10000,
		crashes: 0,
		counter: 0,
	};
	seedState(state);
	return state;
}
