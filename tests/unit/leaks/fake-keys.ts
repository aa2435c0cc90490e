/**
 * Real-looking OpenAI keys built at run time, so no key-shaped literal is ever committed (secret
 * scanners, GitHub push protection and this project's own doctor would flag it).
 */
import { randomBytes } from 'node:crypto';

const MARKER = ['T3Blbk', 'FJ'].join('');

/** `n` random base64url characters, always mixing cases and digits as a real body does. */
export function randomBody(n: number): string {
	const body = 'aZ9' + randomBytes(n).toString('base64url');
	return body.slice(0, n);
}

/** A fake key of each OpenAI format, with the real lengths. */
export function fakeKeys() {
	const split = (prefix: string, total: number) => {
		const rest = total - prefix.length - MARKER.length;
		const left = Math.floor(rest / 2);
		return prefix + randomBody(left) + MARKER + randomBody(rest - left);
	};
	return {
		project: split('sk-proj-', 164),
		service_account: split('sk-svcacct-', 164),
		admin: 'sk-admin-' + randomBody(60),
		legacy_user: split('sk-', 51),
		unassociated: split('sk-None-', 164),
	} as const;
}
