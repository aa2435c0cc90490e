/**
 * The always-present scenario keys, like Twilio's test credentials: each one triggers one real
 * failure. They are minted from a fixed seed, so the same values appear on every load and
 * lessons can cite them.
 */
import { KeylabError } from '../errors.ts';
import { mintSecret } from './keys.ts';
import { createRandom } from './random.ts';
import type { KeyLimits, KeyRecord, KeyShape, Permissions } from './state.ts';
import { RECOMMENDED_MODEL } from '../models/registry.ts';

/** How a scenario key is set up; `org` and `project` name entries of the fixed seed. */
export type ScenarioKeyDef = {
	behavior: string;
	description: string;
	shape: KeyShape;
	org: 'main' | 'deactivated' | 'no_credits' | 'no_billing';
	project: 'default' | 'bound' | 'allowlist';
	permissions: Permissions;
	status?: KeyRecord['status'];
	limits?: KeyLimits;
	simulate?: KeyRecord['simulate'];
};

/** One entry of GET /__practice/scenario-keys. */
export type ScenarioKey = { key: string; behavior: string; description: string };

const all: Permissions = { kind: 'all' };

/** Every scenario key, in the order lessons list them. */
export const SCENARIO_KEY_DEFS: readonly ScenarioKeyDef[] = [
	{
		behavior: 'valid',
		description: 'A working project key with all permissions.',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'valid_legacy',
		description: 'A working legacy user key (sk-, 51 characters).',
		shape: 'legacy',
		org: 'main',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'valid_service_account',
		description: 'A working service-account key (sk-svcacct-).',
		shape: 'service_account',
		org: 'main',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'admin_key',
		description:
			'An Admin API key: it manages the organization but cannot call models (401 Missing scopes).',
		shape: 'admin',
		org: 'main',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'revoked',
		description: 'A key that was revoked: 401 invalid_api_key, the same as a mistyped key.',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
		status: 'revoked',
	},
	{
		behavior: 'deactivated_account',
		description: 'A key of a deactivated account: 401 account_deactivated.',
		shape: 'project',
		org: 'deactivated',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'missing_scopes',
		description:
			'A restricted key that may list models but not call them: 401 "Missing scopes: model.request".',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: { kind: 'restricted', resources: { models: 'read' } },
	},
	{
		behavior: 'read_only',
		description: 'A read-only key: GET works, model calls fail with 401 "Missing scopes".',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: { kind: 'read_only' },
	},
	{
		behavior: 'quota_exhausted',
		description:
			'A key whose organization has no credits left: 429 insufficient_quota (retrying does not help).',
		shape: 'project',
		org: 'no_credits',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'billing_not_active',
		description: 'A key whose organization has no active billing: 429 billing_not_active.',
		shape: 'project',
		org: 'no_billing',
		project: 'default',
		permissions: all,
	},
	{
		behavior: 'rate_limited',
		description: 'A key limited to 3 requests per minute: the 4th gets 429 rate_limit_exceeded.',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
		limits: { rpm: 3 },
	},
	{
		behavior: 'project_bound',
		description:
			'A key scoped to the "Billing service" project: a different OpenAI-Project header gets 401 mismatched_project.',
		shape: 'project',
		org: 'main',
		project: 'bound',
		permissions: all,
	},
	{
		behavior: 'model_allowlist',
		description: `A key whose project allows only ${RECOMMENDED_MODEL}: other models get 403 model_not_found.`,
		shape: 'project',
		org: 'main',
		project: 'allowlist',
		permissions: all,
	},
	{
		behavior: 'region_blocked',
		description:
			'Behaves as if called from an unsupported country: 403 unsupported_country_region_territory.',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
		simulate: 'region_blocked',
	},
	{
		behavior: 'organization_not_verified',
		description:
			'A key of an organization that has not completed Verify Organization: gpt-6.2-astra answers 403 "must be verified to use the model", streaming gpt-6.2-sol answers 400 unsupported_value.',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
		simulate: 'org_not_verified',
	},
	{
		behavior: 'server_error',
		description: 'Every request fails with 500 server_error (the SDK retries twice).',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
		simulate: 'server_error',
	},
	{
		behavior: 'overloaded',
		description: 'Every request fails with 503 server_is_overloaded (the SDK retries twice).',
		shape: 'project',
		org: 'main',
		project: 'default',
		permissions: all,
		simulate: 'overloaded',
	},
];

let cache: ScenarioKey[] | undefined;

/** The scenario keys with their secrets: the same on every load, whatever the state's seed. */
export function scenarioKeys(): ScenarioKey[] {
	cache ??= SCENARIO_KEY_DEFS.map((def) => ({
		key: mintSecret(createRandom(`keylab scenario key ${def.behavior}`), def.shape),
		behavior: def.behavior,
		description: def.description,
	}));
	return cache.map((entry) => ({ ...entry }));
}

/** The secret of the scenario key with `behavior`; throws for an unknown behavior. */
export function scenarioKey(behavior: string): string {
	const found = scenarioKeys().find((entry) => entry.behavior === behavior);
	if (!found) {
		throw new KeylabError(
			'unknown_scenario_key',
			`No practice scenario key has behavior "${behavior}".`,
			{
				hint: 'GET /__practice/scenario-keys lists the behaviors.',
			},
		);
	}
	return found.key;
}
