/**
 * Admin operations on the state, as plain functions (in-process callers use these directly;
 * the /__practice/ routes are a thin JSON layer over them). Full secrets are returned once,
 * by `createKey` and `rotateKey`, and never again.
 */
import { KeylabError } from '../errors.ts';
import { storeNewKey } from './keys.ts';
import { ALNUM } from './random.ts';
import { newProject, seedState } from './setup.ts';
import {
	record,
	RESOURCES,
	type Access,
	type ForcedFailure,
	type KeyLimits,
	type KeyRecord,
	type KeyShape,
	type Organization,
	type Permissions,
	type PracticeState,
	type Project,
	type RequestLogEntry,
	type Usage,
} from './state.ts';

/** A bad admin request; `status` is the HTTP status the admin routes answer with. */
export class PracticeAdminError extends KeylabError {
	readonly status: number;
	constructor(status: number, code: string, message: string, hint?: string) {
		super(code, message, { hint });
		this.name = 'PracticeAdminError';
		this.status = status;
	}
}

/** A key as listed: everything but the secret. */
export type KeyView = KeyRecord;

/** What `createKey` accepts. */
export type CreateKeyInput = {
	name?: string;
	owner?: 'user' | 'service_account';
	/** Defaults to `project` for users and `service_account` for service accounts. */
	shape?: KeyShape;
	/** Project id; defaults to the default project. */
	project?: string;
	permissions?: Permissions | 'all' | 'read_only';
	/** For a service-account key: the account that owns it (default: a new one, as on the platform). */
	serviceAccountId?: string;
};

const view = (key: KeyRecord): KeyView => structuredClone(key);

function keyById(state: PracticeState, id: string): KeyRecord {
	const key = state.keys[id];
	if (!key) throw new PracticeAdminError(404, 'key_not_found', `No key with id "${id}".`);
	return key;
}

function projectById(state: PracticeState, id: string): Project {
	const project = state.projects[id];
	if (!project)
		throw new PracticeAdminError(404, 'project_not_found', `No project with id "${id}".`);
	return project;
}

/** Checks a permissions value from outside (HTTP or a lesson) and normalises it. */
export function parsePermissions(input: unknown): Permissions {
	if (input === undefined || input === 'all') return { kind: 'all' };
	if (input === 'read_only') return { kind: 'read_only' };
	const p = input as { kind?: unknown; resources?: unknown };
	if (p && typeof p === 'object' && (p.kind === 'all' || p.kind === 'read_only'))
		return { kind: p.kind };
	if (p && typeof p === 'object' && p.kind === 'restricted') {
		const resources: Partial<Record<(typeof RESOURCES)[number], Access>> = record();
		const given = (p.resources ?? {}) as Record<string, unknown>;
		if (typeof given !== 'object') throw bad('permissions.resources must be an object.');
		for (const [name, access] of Object.entries(given)) {
			if (!(RESOURCES as readonly string[]).includes(name)) {
				throw bad(`Unknown resource "${name}"; use one of ${RESOURCES.join(', ')}.`);
			}
			if (access !== 'none' && access !== 'read' && access !== 'write') {
				throw bad(`Access for "${name}" must be none, read or write.`);
			}
			resources[name as (typeof RESOURCES)[number]] = access;
		}
		return { kind: 'restricted', resources };
	}
	throw bad('permissions must be "all", "read_only" or { kind: "restricted", resources }.');
}

function bad(message: string): PracticeAdminError {
	return new PracticeAdminError(400, 'invalid_admin_request', message);
}

/** Creates a key; the result's `value` is the only time the full secret is shown. */
export function createKey(
	state: PracticeState,
	input: CreateKeyInput = {},
): { key: KeyView; value: string } {
	const owner = input.owner ?? 'user';
	if (owner !== 'user' && owner !== 'service_account')
		throw bad('owner must be user or service_account.');
	const shape = input.shape ?? (owner === 'service_account' ? 'service_account' : 'project');
	if (!['project', 'service_account', 'legacy', 'admin'].includes(shape))
		throw bad(`Unknown key shape "${shape}".`);
	const project = projectById(state, input.project ?? state.defaultProjectId);
	const { key, secret } = storeNewKey(state, {
		name: typeof input.name === 'string' && input.name ? input.name.slice(0, 200) : 'Secret key',
		shape,
		owner,
		orgId: project.orgId,
		projectId: project.id,
		permissions: parsePermissions(input.permissions),
	});
	if (owner === 'service_account') {
		// The platform's "Create new secret key" for a service account creates the account too,
		// named after the key; the Admin API then lists the key as that account's.
		const accountId = input.serviceAccountId ?? 'svc_acct_' + key.id.slice(4);
		state.serviceAccounts[accountId] ??= {
			id: accountId,
			projectId: project.id,
			name: key.name,
			role: 'member',
			createdAt: key.createdAt,
		};
		key.serviceAccountId = accountId;
	}
	return { key: view(key), value: secret };
}

/**
 * Revokes a key. On the platform that deletes it, so it leaves every list (the Admin API's, the
 * console's) and fails like an unknown key (401 invalid_api_key). The record stays, only so that
 * scenario checks can still name the key a program sends.
 */
export function revokeKey(state: PracticeState, id: string): KeyView {
	const key = keyById(state, id);
	key.status = 'revoked';
	return view(key);
}

/** Replaces a key by a new one with the same settings; the old one is revoked. */
export function rotateKey(
	state: PracticeState,
	id: string,
): { key: KeyView; value: string; revoked: KeyView } {
	const old = keyById(state, id);
	const created = createKey(state, {
		name: old.name,
		owner: old.owner,
		shape: old.shape,
		project: old.projectId,
		permissions: old.permissions,
		serviceAccountId: old.serviceAccountId,
	});
	const fresh = state.keys[created.key.id];
	fresh.limits = { ...old.limits };
	return { key: view(fresh), value: created.value, revoked: revokeKey(state, id) };
}

/** Every key, without secrets. */
export function listKeys(state: PracticeState): KeyView[] {
	return Object.values(state.keys).map(view);
}

/** Changes a key's name or permissions. */
export function updateKey(
	state: PracticeState,
	id: string,
	patch: { name?: string; permissions?: unknown },
): KeyView {
	const key = keyById(state, id);
	if (typeof patch.name === 'string' && patch.name) key.name = patch.name.slice(0, 200);
	if (patch.permissions !== undefined) key.permissions = parsePermissions(patch.permissions);
	return view(key);
}

function positive(value: unknown, name: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
		throw bad(`${name} must be a positive number.`);
	return value;
}

/** Sets per-key limits (`rpm`, `tpm`, `windowMs`); `null` clears one. Resets the key's windows. */
export function setKeyLimits(state: PracticeState, id: string, limits: KeyLimits): KeyView {
	const key = keyById(state, id);
	const next: KeyLimits = {};
	for (const name of ['rpm', 'tpm', 'windowMs'] as const) {
		const value = name in limits ? positive(limits[name], name) : key.limits[name];
		if (value !== undefined) next[name] = value;
	}
	key.limits = next;
	for (const windowId of Object.keys(state.windows)) {
		if (windowId.startsWith(id + ' ')) delete state.windows[windowId];
	}
	return view(key);
}

/** What `createProject` and `updateProject` accept. */
export type ProjectInput = Partial<
	Pick<
		Project,
		'name' | 'description' | 'monthlyBudgetUsd' | 'allowedModels' | 'rateLimits' | 'status'
	>
>;

function applyProject(project: Project, input: ProjectInput): void {
	if (input.name !== undefined) {
		if (typeof input.name !== 'string' || !input.name)
			throw bad('name must be a non-empty string.');
		project.name = input.name.slice(0, 200);
	}
	if (input.description !== undefined)
		project.description = String(input.description).slice(0, 1000);
	if (input.monthlyBudgetUsd !== undefined) {
		project.monthlyBudgetUsd =
			input.monthlyBudgetUsd === null
				? null
				: (positive(input.monthlyBudgetUsd, 'monthlyBudgetUsd') ?? null);
	}
	if (input.allowedModels !== undefined) {
		if (
			input.allowedModels !== null &&
			(!Array.isArray(input.allowedModels) ||
				!input.allowedModels.every((m) => typeof m === 'string'))
		) {
			throw bad('allowedModels must be null or an array of model ids.');
		}
		project.allowedModels = input.allowedModels === null ? null : [...input.allowedModels];
	}
	if (input.rateLimits !== undefined) {
		if (typeof input.rateLimits !== 'object' || input.rateLimits === null)
			throw bad('rateLimits must be an object.');
		const limits: Project['rateLimits'] = record();
		for (const [model, l] of Object.entries(input.rateLimits)) {
			limits[model] = { rpm: positive(l?.rpm, 'rpm'), tpm: positive(l?.tpm, 'tpm') };
		}
		project.rateLimits = limits;
	}
	if (input.status !== undefined) {
		if (input.status !== 'active' && input.status !== 'archived')
			throw bad('status must be active or archived.');
		project.status = input.status;
	}
}

/** Creates a project in the default organization. */
export function createProject(
	state: PracticeState,
	input: ProjectInput & { name: string },
): Project {
	const project = newProject(state, {
		id: 'proj_' + state.random.string(24, ALNUM),
		orgId: state.defaultOrgId,
		name: 'Untitled project',
	});
	applyProject(project, { ...input, name: input.name ?? '' });
	state.projects[project.id] = project;
	return structuredClone(project);
}

/** Changes a project's name, description, budget, allowlist, limits or status. */
export function updateProject(state: PracticeState, id: string, patch: ProjectInput): Project {
	const project = projectById(state, id);
	applyProject(project, patch);
	return structuredClone(project);
}

/** Every project. */
export function listProjects(state: PracticeState): Project[] {
	return Object.values(state.projects).map((p) => structuredClone(p));
}

/** Every organization. */
export function listOrganizations(state: PracticeState): Organization[] {
	return Object.values(state.orgs).map((o) => structuredClone(o));
}

/** Sets an organization's credits (`null` = unlimited), billing or status. */
export function updateOrganization(
	state: PracticeState,
	id: string,
	patch: Partial<Pick<Organization, 'creditsUsd' | 'billing' | 'status'>>,
): Organization {
	const org = state.orgs[id];
	if (!org)
		throw new PracticeAdminError(404, 'organization_not_found', `No organization with id "${id}".`);
	if (patch.creditsUsd !== undefined) {
		const c = patch.creditsUsd;
		if (c !== null && (typeof c !== 'number' || !Number.isFinite(c) || c < 0))
			throw bad('creditsUsd must be null or a number >= 0.');
		org.creditsUsd = c;
	}
	if (patch.billing !== undefined) {
		if (patch.billing !== 'active' && patch.billing !== 'inactive')
			throw bad('billing must be active or inactive.');
		org.billing = patch.billing;
	}
	if (patch.status !== undefined) {
		if (patch.status !== 'active' && patch.status !== 'deactivated')
			throw bad('status must be active or deactivated.');
		org.status = patch.status;
	}
	return structuredClone(org);
}

/** Makes the next `count` model calls fail (of one key, or of any key when `keyId` is absent). */
export function forceFailures(
	state: PracticeState,
	input: { kind: ForcedFailure; count?: number; keyId?: string },
): { keyId: string; pending: ForcedFailure[] } {
	if (!['server_error', 'overloaded', 'stream_error'].includes(input.kind)) {
		throw bad('kind must be server_error, overloaded or stream_error.');
	}
	const count = input.count ?? 1;
	if (!Number.isInteger(count) || count < 0 || count > 1000)
		throw bad('count must be an integer from 0 to 1000.');
	const target = input.keyId ?? '*';
	if (target !== '*') keyById(state, target);
	const queue = (state.forcedFailures[target] ??= []);
	for (let i = 0; i < count; i++) queue.push(input.kind);
	return { keyId: target, pending: [...queue] };
}

/** Usage per key id (or of one key). */
export function getUsage(state: PracticeState, keyId?: string): Record<string, Usage> {
	if (keyId !== undefined) {
		keyById(state, keyId);
		const zero: Usage = { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
		return { [keyId]: { ...(state.usage[keyId] ?? zero) } };
	}
	return structuredClone(state.usage);
}

/** The request log, optionally only entries at or after `since` (clock time, ms). */
export function getRequestLog(state: PracticeState, since?: number): RequestLogEntry[] {
	const entries =
		since === undefined ? state.requestLog : state.requestLog.filter((e) => e.time >= since);
	return entries.map((e) => ({ ...e }));
}

/** Back to the initial state (scenario keys, fixed projects); keeps the clock and seed. */
export function resetState(state: PracticeState): void {
	seedState(state);
}
