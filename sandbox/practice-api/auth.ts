/**
 * Authentication and authorization in the order the real API applies them: the key, its
 * account, the caller's region, the organization and project headers, then the key's scopes.
 */
import * as wire from './wire-errors.ts';
import type { WireError } from './wire-errors.ts';
import type { Access, KeyRecord, Organization, PracticeState, Project, Resource } from './state.ts';

/** A caller that passed authentication. */
export type Caller = { key: KeyRecord; org: Organization; project: Project | undefined };

/** The outcome of `authenticate`; `secret` is set whenever a credential was sent. */
export type AuthResult =
	{ ok: true; caller: Caller; secret: string } | { ok: false; wire: WireError; secret?: string };

/** The credential of an Authorization header: `Bearer KEY`, or Basic with a blank user name. */
export function readSecret(header: string | null): string | null {
	if (!header) return null;
	const bearer = /^Bearer\s+(.*)$/i.exec(header);
	if (bearer) return bearer[1].trim() || null;
	const basic = /^Basic\s+(.+)$/i.exec(header);
	if (basic) {
		try {
			const decoded = atob(basic[1].trim());
			const colon = decoded.indexOf(':');
			return colon >= 0 ? decoded.slice(colon + 1) || null : null;
		} catch {
			return null;
		}
	}
	return null;
}

/** Checks the credential and the organization/project headers of `request`. */
export function authenticate(state: PracticeState, request: Request, path: string): AuthResult {
	const secret = readSecret(request.headers.get('authorization'));
	if (secret === null) return { ok: false, wire: wire.missingKey(path) };
	const id = state.secrets.get(secret);
	const key = id === undefined ? undefined : state.keys[id];
	// An expired key fails like a deleted one (no capture of the real wording was found).
	const expired = key?.expiresAt != null && key.expiresAt <= state.clock.now();
	if (!key || key.status !== 'active' || expired)
		return { ok: false, wire: wire.incorrectKey(secret), secret };
	const org = state.orgs[key.orgId];
	if (!org || org.status === 'deactivated') {
		return { ok: false, wire: wire.accountDeactivated(), secret };
	}
	if (key.simulate === 'region_blocked')
		return { ok: false, wire: wire.unsupportedRegion(), secret };
	const orgHeader = request.headers.get('openai-organization');
	if (orgHeader && orgHeader !== key.orgId) {
		return { ok: false, wire: wire.mismatchedOrganization(), secret };
	}
	let project = state.projects[key.projectId];
	const projectHeader = request.headers.get('openai-project');
	if (projectHeader && projectHeader !== key.projectId) {
		// A legacy user key may pick any project of its organization; scoped keys may not.
		const other = state.projects[projectHeader];
		if (key.shape !== 'legacy' || !other || other.orgId !== key.orgId) {
			return { ok: false, wire: wire.mismatchedProject(), secret };
		}
		project = other;
	}
	return { ok: true, caller: { key, org, project }, secret };
}

/** What an endpoint needs: a resource, an access level, and the scope named in errors. */
export type Need = { resource: Resource; access: Exclude<Access, 'none'>; scope: string };

/** The scope `key` lacks for `need`, or null when allowed. Admin keys cannot call models. */
export function missingScope(key: KeyRecord, need: Need): string | null {
	if (key.shape === 'admin') return need.scope;
	const p = key.permissions;
	if (p.kind === 'all') return null;
	if (p.kind === 'read_only') return need.access === 'read' ? null : need.scope;
	const granted = p.resources[need.resource] ?? 'none';
	if (granted === 'write' || (granted === 'read' && need.access === 'read')) return null;
	return need.scope;
}
