/**
 * The Administration API's objects and operations (`/v1/organization/...`), shaped as OpenAI's
 * published spec shapes them: projects, project API keys, service accounts and admin API keys.
 * They work on the same state as the model routes and the practice console, so a key made in one
 * place is listed, used and deleted everywhere.
 */
import { storeNewKey } from './keys.ts';
import { ALNUM } from './random.ts';
import * as wire from './wire-errors.ts';
import type { WireError } from './wire-errors.ts';
import type { KeyRecord, PracticeState, Project, ServiceAccount } from './state.ts';

/** An Admin API failure, carried to the route as a wire error. */
export class OrgApiError extends Error {
	readonly wire: WireError;
	constructor(w: WireError) {
		super(w.error.message);
		this.wire = w;
	}
}

// No capture of the real Admin API's 400/404 wording was found; these follow the API's usual
// envelope (type invalid_request_error) and name the parameter, as its other 400s do.
const notFound = (what: string, id: string) =>
	new OrgApiError({
		status: 404,
		error: {
			message: `No ${what} found with id '${id}'.`,
			type: 'invalid_request_error',
			param: null,
			code: null,
		},
	});

const invalid = (param: string, message: string) =>
	new OrgApiError(wire.invalidParameter(param, message));

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The practice organization's one person: the owner of user keys and admin keys. */
export const PRACTICE_USER = {
	id: 'user-PracticeLearner00000000',
	name: 'Practice learner',
	email: 'learner@practice.keylab.dev',
} as const;

/** A page of a cursor-paginated list, as every Admin API list returns it. */
export type ListPage<T> = {
	object: 'list';
	data: T[];
	first_id: string | null;
	last_id: string | null;
	has_more: boolean;
};

/** Reads `limit` (1..100, default 20) and `after` and cuts one page of `items`. */
export function paginate<T extends { id: string }>(
	items: readonly T[],
	query: { limit?: string; after?: string },
): ListPage<T> {
	let limit = 20;
	if (query.limit !== undefined) {
		limit = Number(query.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
			throw invalid('limit', `Invalid 'limit': expected an integer from 1 to 100.`);
		}
	}
	let start = 0;
	if (query.after !== undefined && query.after !== '') {
		const index = items.findIndex((item) => item.id === query.after);
		// An unknown cursor gives an empty page rather than a guess.
		start = index < 0 ? items.length : index + 1;
	}
	const data = items.slice(start, start + limit);
	return {
		object: 'list',
		data,
		first_id: data[0]?.id ?? null,
		last_id: data.at(-1)?.id ?? null,
		has_more: start + limit < items.length,
	};
}

// ---- projects ----

/** A project as the Admin API returns it. */
export function projectObject(project: Project) {
	return {
		id: project.id,
		object: 'organization.project' as const,
		name: project.name,
		created_at: seconds(project.createdAt),
		archived_at:
			project.status === 'archived' ? seconds(project.archivedAt ?? project.createdAt) : null,
		status: project.status,
	};
}

/** The default organization's projects, oldest first. */
export function orgProjects(state: PracticeState, includeArchived = true): Project[] {
	return Object.values(state.projects)
		.filter((p) => p.orgId === state.defaultOrgId && (includeArchived || p.status === 'active'))
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** The project `id` of the default organization, or a 404. */
export function orgProject(state: PracticeState, id: string): Project {
	const project = state.projects[id];
	if (!project || project.orgId !== state.defaultOrgId) throw notFound('project', id);
	return project;
}

// ---- project API keys ----

/**
 * Whether a key is listed anywhere (the Admin API, the practice console): live, not revoked or
 * expired, not a scenario fixture. Revoking deletes a key on the platform, so it leaves every list.
 */
export function listedKey(key: KeyRecord, now: number): boolean {
	// The always-present scenario keys are fixtures of the practice API (the console hides them
	// too): a cleanup script must not be able to delete the keys every lesson relies on.
	if (key.scenario || key.status !== 'active') return false;
	return key.expiresAt == null || key.expiresAt > now;
}

/** A project API key as the Admin API returns it (never the secret). */
export function projectKeyObject(state: PracticeState, key: KeyRecord) {
	const account = key.serviceAccountId ? state.serviceAccounts[key.serviceAccountId] : undefined;
	const owner = account
		? {
				type: 'service_account' as const,
				service_account: {
					id: account.id,
					name: account.name,
					created_at: seconds(account.createdAt),
					role: account.role,
				},
			}
		: {
				type: 'user' as const,
				user: {
					...PRACTICE_USER,
					created_at: seconds(state.projects[key.projectId]?.createdAt ?? key.createdAt),
					role: 'owner',
				},
			};
	return {
		object: 'organization.project.api_key' as const,
		redacted_value: key.redacted,
		name: key.name,
		created_at: seconds(key.createdAt),
		last_used_at: key.lastUsedAt === null ? null : seconds(key.lastUsedAt),
		id: key.id,
		owner_project_access: 'active' as const,
		owner,
	};
}

/** The live keys of a project (user and service-account keys), oldest first. */
export function projectKeys(state: PracticeState, projectId: string): KeyRecord[] {
	const now = state.clock.now();
	return Object.values(state.keys)
		.filter((k) => k.projectId === projectId && k.shape !== 'admin' && k.shape !== 'legacy')
		.filter((k) => listedKey(k, now))
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** One live key of a project, or a 404. */
export function projectKey(state: PracticeState, projectId: string, keyId: string): KeyRecord {
	const found = projectKeys(state, projectId).find((k) => k.id === keyId);
	if (!found) throw notFound('API key', keyId);
	return found;
}

/**
 * Deletes a key: its record goes, so requests with it fail as with any unknown key (401
 * invalid_api_key). The SDK documents deleting service-account keys here too (openai-node
 * `projects.apiKeys.delete`: "including keys owned by service accounts"), which the spec's older
 * summary forbids; the newer SDK wins.
 */
export function deleteKey(state: PracticeState, id: string): void {
	delete state.keys[id];
	delete state.usage[id];
	for (const [secret, keyId] of state.secrets) if (keyId === id) state.secrets.delete(secret);
}

// ---- service accounts ----

/** A service account as the Admin API returns it. */
export function serviceAccountObject(account: ServiceAccount) {
	return {
		object: 'organization.project.service_account' as const,
		id: account.id,
		name: account.name,
		role: account.role,
		created_at: seconds(account.createdAt),
	};
}

/** The service accounts of a project, oldest first. */
export function projectServiceAccounts(state: PracticeState, projectId: string): ServiceAccount[] {
	return Object.values(state.serviceAccounts)
		.filter((a) => a.projectId === projectId)
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** One service account of a project, or a 404. */
export function serviceAccount(state: PracticeState, projectId: string, id: string) {
	const account = state.serviceAccounts[id];
	if (!account || account.projectId !== projectId) throw notFound('service account', id);
	return account;
}

function textField(body: Record<string, unknown>, name: string, fallback?: string): string {
	const value = body[name];
	if (value === undefined && fallback !== undefined) return fallback;
	if (typeof value !== 'string' || value.trim() === '') {
		throw value === undefined
			? new OrgApiError(wire.missingParameter(name))
			: invalid(name, `Invalid '${name}': expected a non-empty string.`);
	}
	return value.slice(0, 200);
}

function expiry(state: PracticeState, body: Record<string, unknown>): number | null {
	const value = body.expires_in_seconds;
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 31536000) {
		throw invalid(
			'expires_in_seconds',
			"Invalid 'expires_in_seconds': expected an integer from 1 to 31536000.",
		);
	}
	return state.clock.now() + value * 1000;
}

/** Mints a key for a service account; the returned value is the only time it is shown. */
export function issueServiceAccountKey(
	state: PracticeState,
	account: ServiceAccount,
	name = 'Secret Key',
	expiresAt: number | null = null,
) {
	const { key, secret } = storeNewKey(state, {
		name,
		shape: 'service_account',
		owner: 'service_account',
		orgId: state.defaultOrgId,
		projectId: account.projectId,
		permissions: { kind: 'all' },
		serviceAccountId: account.id,
		expiresAt,
	});
	return {
		object: 'organization.project.service_account.api_key' as const,
		value: secret,
		name,
		created_at: seconds(key.createdAt),
		id: key.id,
	};
}

/** Creates a service account and, unless asked not to, its first key. */
export function createServiceAccount(
	state: PracticeState,
	project: Project,
	body: Record<string, unknown>,
) {
	if (project.status === 'archived') {
		throw new OrgApiError(
			wire.invalidParameter('project_id', `Project ${project.id} is archived.`),
		);
	}
	const name = textField(body, 'name');
	const account: ServiceAccount = {
		id: 'svc_acct_' + state.random.string(24, ALNUM),
		projectId: project.id,
		name,
		role: 'member',
		createdAt: state.clock.now(),
	};
	state.serviceAccounts[account.id] = account;
	const apiKey =
		body.create_service_account_only === true ? null : issueServiceAccountKey(state, account);
	return { ...serviceAccountObject(account), role: 'member' as const, api_key: apiKey };
}

/** Issues another key for a service account: the rotation primitive. */
export function createServiceAccountKey(
	state: PracticeState,
	account: ServiceAccount,
	body: Record<string, unknown>,
) {
	const name = textField(body, 'name', 'Secret Key');
	return issueServiceAccountKey(state, account, name, expiry(state, body));
}

/** Deletes a service account and every key it owns. */
export function deleteServiceAccount(state: PracticeState, account: ServiceAccount): void {
	for (const key of Object.values(state.keys)) {
		if (key.serviceAccountId === account.id) deleteKey(state, key.id);
	}
	delete state.serviceAccounts[account.id];
}

// ---- admin API keys ----

/** An admin key as the Admin API returns it (never the secret). */
export function adminKeyObject(key: KeyRecord) {
	return {
		object: 'organization.admin_api_key' as const,
		id: key.id,
		name: key.name,
		redacted_value: key.redacted,
		created_at: seconds(key.createdAt),
		expires_at: key.expiresAt == null ? null : seconds(key.expiresAt),
		last_used_at: key.lastUsedAt === null ? null : seconds(key.lastUsedAt),
		owner: {
			type: 'user',
			object: 'organization.user',
			id: PRACTICE_USER.id,
			name: PRACTICE_USER.name,
			created_at: seconds(key.createdAt),
			role: 'owner',
		},
	};
}

/** The organization's live admin keys, oldest first. */
export function adminKeys(state: PracticeState): KeyRecord[] {
	const now = state.clock.now();
	return Object.values(state.keys)
		.filter((k) => k.shape === 'admin' && listedKey(k, now))
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** One live admin key, or a 404. */
export function adminKey(state: PracticeState, id: string): KeyRecord {
	const found = adminKeys(state).find((k) => k.id === id);
	if (!found) throw notFound('admin API key', id);
	return found;
}

/** Creates an admin key; the reply's `value` is the only time the secret is shown. */
export function createAdminKey(state: PracticeState, body: Record<string, unknown>) {
	const name = textField(body, 'name');
	const expiresAt = expiry(state, body);
	const { key, secret } = storeNewKey(state, {
		name,
		shape: 'admin',
		owner: 'user',
		orgId: state.defaultOrgId,
		projectId: state.defaultProjectId,
		permissions: { kind: 'all' },
		expiresAt,
	});
	return { ...adminKeyObject(key), value: secret };
}

/** Creates a project in the default organization. */
export function createOrgProject(state: PracticeState, body: Record<string, unknown>): Project {
	const name = textField(body, 'name');
	const id = 'proj_' + state.random.string(24, ALNUM);
	const project: Project = {
		id,
		orgId: state.defaultOrgId,
		name,
		description: '',
		status: 'active',
		monthlyBudgetUsd: null,
		spendUsd: 0,
		allowedModels: null,
		rateLimits: Object.create(null) as Project['rateLimits'],
		createdAt: state.clock.now(),
	};
	state.projects[id] = project;
	return project;
}

/** Renames a project (the only field of the update body the practice API keeps). */
export function updateOrgProject(project: Project, body: Record<string, unknown>): Project {
	if (project.status === 'archived') {
		throw new OrgApiError(
			wire.invalidParameter('project_id', `Project ${project.id} is archived.`),
		);
	}
	if (body.name !== undefined && body.name !== null) project.name = textField(body, 'name');
	return project;
}
