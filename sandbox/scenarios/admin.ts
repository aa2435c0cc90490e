/**
 * The practice API's admin operations bound to one instance, in the shape scenarios and the
 * practice console use them. A thin layer over `practice-api/admin.ts`, so a key made here is
 * minted, listed and checked exactly like one made through `/__practice/`.
 */
import * as ops from '../practice-api/admin.ts';
import { listedKey } from '../practice-api/organization.ts';
import type {
	KeyLimits,
	KeyRecord,
	PracticeState,
	Permissions,
	Project,
	Usage,
} from '../practice-api/index.ts';
import { scenarioKey } from '../practice-api/scenario-keys.ts';

/** The options of the platform's "Create new secret key" dialog. */
export interface NewKey {
	name: string;
	/** "You" (a user key) or a service account. */
	owner?: 'user' | 'service_account';
	/** Defaults to the default project. */
	projectId?: string;
	permissions?: Permissions;
	limits?: KeyLimits;
}

/** A key just made: the only moment its secret is shown. */
export interface MintedKey {
	id: string;
	secret: string;
	record: KeyRecord;
}

/** Key and project operations over one practice API. */
export interface PracticeAdmin {
	readonly state: PracticeState;
	createKey(input: NewKey): MintedKey;
	revokeKey(id: string): void;
	/** Replaces a key with a new secret of the same settings and revokes the old one. */
	rotateKey(id: string): MintedKey;
	setPermissions(id: string, permissions: Permissions): void;
	rename(id: string, name: string): void;
	createProject(input: {
		name: string;
		description?: string;
		allowedModels?: string[] | null;
	}): Project;
	/** Monthly budget in USD; `null` removes it. */
	setBudget(projectId: string, monthlyUsd: number | null): void;
	/** Per-model limits of a project (requests and tokens per minute). */
	setRateLimit(projectId: string, model: string, limits: { rpm?: number; tpm?: number }): void;
	/** The always-present scenario key with `behavior`: its id and secret. */
	scenarioKey(behavior: string): { id: string; secret: string };
	/** Every key (no secrets), oldest first, revoked ones included: checks still need to name them. */
	keys(): KeyRecord[];
	/**
	 * The keys the platform's key list shows, oldest first: revoking deletes a key there, so only
	 * live ones, and never the scenario fixtures. The Admin API lists by the same rule.
	 */
	listedKeys(): KeyRecord[];
	projects(): Project[];
	usage(id: string): Usage;
}

/** The admin operations over a practice API (anything with its `state`). */
export function createAdmin(api: { state: PracticeState }): PracticeAdmin {
	const state = api.state;
	const admin: PracticeAdmin = {
		state,
		createKey(input) {
			const { key, value } = ops.createKey(state, {
				name: input.name,
				owner: input.owner,
				project: input.projectId,
				permissions: input.permissions,
			});
			const record = input.limits ? ops.setKeyLimits(state, key.id, input.limits) : key;
			return { id: key.id, secret: value, record };
		},
		revokeKey(id) {
			ops.revokeKey(state, id);
		},
		rotateKey(id) {
			const { key, value } = ops.rotateKey(state, id);
			return { id: key.id, secret: value, record: key };
		},
		setPermissions(id, permissions) {
			ops.updateKey(state, id, { permissions });
		},
		rename(id, name) {
			ops.updateKey(state, id, { name });
		},
		createProject(input) {
			return ops.createProject(state, input);
		},
		setBudget(projectId, monthlyUsd) {
			ops.updateProject(state, projectId, { monthlyBudgetUsd: monthlyUsd });
		},
		setRateLimit(projectId, model, limits) {
			const current = state.projects[projectId]?.rateLimits ?? {};
			ops.updateProject(state, projectId, { rateLimits: { ...current, [model]: limits } });
		},
		scenarioKey(behavior) {
			const secret = scenarioKey(behavior);
			const id = state.secrets.get(secret);
			if (!id) throw new Error(`The practice API has no scenario key "${behavior}".`);
			return { id, secret };
		},
		keys: () => ops.listKeys(state).sort((a, b) => a.createdAt - b.createdAt),
		listedKeys: () => admin.keys().filter((key) => listedKey(key, state.clock.now())),
		projects: () => ops.listProjects(state),
		usage: (id) => ops.getUsage(state, id)[id],
	};
	return admin;
}
