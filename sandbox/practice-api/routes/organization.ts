/**
 * The Administration API under /v1/organization: projects, project API keys, service accounts,
 * admin API keys, and the completions usage and costs reports. Only admin keys (`sk-admin-`) may
 * call it; every request is authenticated and logged like a model call.
 */
import { Hono, type Context } from 'hono';
import { authenticate } from '../auth.ts';
import { beginCall, errorReply, jsonReply, noteKey, type Call } from '../call.ts';
import * as org from '../organization.ts';
import { completionsUsage, costs, queryReader } from '../usage-report.ts';
import * as wire from '../wire-errors.ts';
import type { PracticeState } from '../state.ts';

type Scope = 'api.management.read' | 'api.usage.read';
type Handler = (input: {
	call: Call;
	param: (name: string) => string;
	query: ReturnType<typeof queryReader>;
	url: URL;
	body: () => Promise<Record<string, unknown>>;
}) => unknown;

async function readBody(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (!text.trim()) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new org.OrgApiError(wire.invalidJson());
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new org.OrgApiError(wire.invalidJson());
	}
	return parsed as Record<string, unknown>;
}

/** Authenticates an admin key, runs `handler` and replies with its JSON (or its error). */
function adminCall(state: PracticeState, scope: Scope, handler: Handler, status = 200) {
	return async (c: Context): Promise<Response> => {
		const request = c.req.raw;
		const url = new URL(request.url);
		const call = beginCall(state, request, url.pathname);
		const auth = authenticate(state, request, url.pathname);
		noteKey(call, auth.secret, auth.ok ? auth.caller.key.id : undefined);
		if (!auth.ok) return errorReply(call, auth.wire);
		const { key, org: organization } = auth.caller;
		key.lastUsedAt = state.clock.now();
		call.headers['openai-organization'] = organization.slug;
		// Project, service-account and legacy keys cannot manage the organization.
		if (key.shape !== 'admin') return errorReply(call, wire.adminScopeMissing(scope));
		try {
			const result = await handler({
				call,
				param: (name) => decode(c.req.param(name) ?? ''),
				query: queryReader(url),
				url,
				body: () => readBody(request),
			});
			return jsonReply(call, result, status);
		} catch (error) {
			if (error instanceof org.OrgApiError) return errorReply(call, error.wire);
			throw error;
		}
	};
}

function decode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

const first = (q: ReturnType<typeof queryReader>, name: string) => q(name)[0];
const pageOf = (q: ReturnType<typeof queryReader>) => ({
	limit: first(q, 'limit'),
	after: first(q, 'after'),
});

/** The Admin API routes, mounted at /v1/organization. */
export function organizationRoutes(state: PracticeState): Hono {
	const r = new Hono();
	const M = 'api.management.read' as const;

	r.get(
		'/projects',
		adminCall(state, M, ({ query }) => {
			const archived = first(query, 'include_archived') === 'true';
			const page = org.paginate(org.orgProjects(state, archived), pageOf(query));
			return { ...page, data: page.data.map(org.projectObject) };
		}),
	);
	r.post(
		'/projects',
		adminCall(state, M, async ({ body }) =>
			org.projectObject(org.createOrgProject(state, await body())),
		),
	);
	r.get(
		'/projects/:project_id',
		adminCall(state, M, ({ param }) =>
			org.projectObject(org.orgProject(state, param('project_id'))),
		),
	);
	r.post(
		'/projects/:project_id',
		adminCall(state, M, async ({ param, body }) =>
			org.projectObject(
				org.updateOrgProject(org.orgProject(state, param('project_id')), await body()),
			),
		),
	);
	r.post(
		'/projects/:project_id/archive',
		adminCall(state, M, ({ param }) => {
			const project = org.orgProject(state, param('project_id'));
			if (project.status !== 'archived') project.archivedAt = state.clock.now();
			project.status = 'archived';
			return org.projectObject(project);
		}),
	);
	r.get(
		'/projects/:project_id/api_keys',
		adminCall(state, M, ({ param, query }) => {
			const project = org.orgProject(state, param('project_id'));
			const page = org.paginate(org.projectKeys(state, project.id), pageOf(query));
			return { ...page, data: page.data.map((k) => org.projectKeyObject(state, k)) };
		}),
	);
	r.get(
		'/projects/:project_id/api_keys/:key_id',
		adminCall(state, M, ({ param }) => {
			const project = org.orgProject(state, param('project_id'));
			return org.projectKeyObject(state, org.projectKey(state, project.id, param('key_id')));
		}),
	);
	r.delete(
		'/projects/:project_id/api_keys/:key_id',
		adminCall(state, M, ({ param }) => {
			const project = org.orgProject(state, param('project_id'));
			const key = org.projectKey(state, project.id, param('key_id'));
			org.deleteKey(state, key.id);
			return { object: 'organization.project.api_key.deleted', id: key.id, deleted: true };
		}),
	);
	r.get(
		'/projects/:project_id/service_accounts',
		adminCall(state, M, ({ param, query }) => {
			const project = org.orgProject(state, param('project_id'));
			const accounts = org.projectServiceAccounts(state, project.id);
			const page = org.paginate(accounts, pageOf(query));
			return { ...page, data: page.data.map(org.serviceAccountObject) };
		}),
	);
	r.post(
		'/projects/:project_id/service_accounts',
		adminCall(state, M, async ({ param, body }) =>
			org.createServiceAccount(state, org.orgProject(state, param('project_id')), await body()),
		),
	);
	r.get(
		'/projects/:project_id/service_accounts/:account_id',
		adminCall(state, M, ({ param }) => {
			const project = org.orgProject(state, param('project_id'));
			return org.serviceAccountObject(org.serviceAccount(state, project.id, param('account_id')));
		}),
	);
	r.delete(
		'/projects/:project_id/service_accounts/:account_id',
		adminCall(state, M, ({ param }) => {
			const project = org.orgProject(state, param('project_id'));
			const account = org.serviceAccount(state, project.id, param('account_id'));
			org.deleteServiceAccount(state, account);
			return {
				object: 'organization.project.service_account.deleted',
				id: account.id,
				deleted: true,
			};
		}),
	);
	r.post(
		'/projects/:project_id/service_accounts/:account_id/api_keys',
		adminCall(state, M, async ({ param, body }) => {
			const project = org.orgProject(state, param('project_id'));
			const account = org.serviceAccount(state, project.id, param('account_id'));
			return org.createServiceAccountKey(state, account, await body());
		}),
	);
	r.get(
		'/admin_api_keys',
		adminCall(state, M, ({ query }) => {
			const page = org.paginate(org.adminKeys(state), pageOf(query));
			return { ...page, data: page.data.map(org.adminKeyObject) };
		}),
	);
	r.post(
		'/admin_api_keys',
		adminCall(state, M, async ({ body }) => org.createAdminKey(state, await body())),
	);
	r.get(
		'/admin_api_keys/:key_id',
		adminCall(state, M, ({ param }) => org.adminKeyObject(org.adminKey(state, param('key_id')))),
	);
	r.delete(
		'/admin_api_keys/:key_id',
		adminCall(state, M, ({ param }) => {
			const key = org.adminKey(state, param('key_id'));
			org.deleteKey(state, key.id);
			return { id: key.id, object: 'organization.admin_api_key.deleted', deleted: true };
		}),
	);
	r.get(
		'/usage/completions',
		adminCall(state, 'api.usage.read', ({ query }) => completionsUsage(state, query)),
	);
	r.get(
		'/costs',
		adminCall(state, 'api.usage.read', ({ query }) => costs(state, query)),
	);
	return r;
}
