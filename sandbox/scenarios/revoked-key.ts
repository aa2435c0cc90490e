/**
 * Scenario 3: the key was revoked. As on the platform, revoking deleted it: it is gone from the
 * console, so the fix is a new key, not a rotation.
 */
import { firstFailure, nothingSent, successes } from './evidence.ts';
import { project, WORKING_INDEX } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

export const revokedKey: Scenario = {
	id: 'revoked-key',
	lesson: 'troubleshooting/key-does-not-work',
	title: 'The key was revoked',
	summary:
		'A teammate revoked the "Old laptop" key during a clean-up. Your program still uses it, and every request now fails with 401.',
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Old laptop' });
		admin.revokeKey(id);
		return {
			env: { OPENAI_API_KEY: secret },
			ids: { revoked: id },
			secrets: { revoked: secret },
			baseURL,
		};
	},
	starter: () => project('revoked-key', WORKING_INDEX),
	solution: () => project('revoked-key', WORKING_INDEX),
	solve(admin, context) {
		const fresh = admin.createKey({ name: 'Laptop' });
		return {
			...context,
			env: { ...context.env, OPENAI_API_KEY: fresh.secret },
			ids: { ...context.ids, fresh: fresh.id },
		};
	},
	solutionSteps: [
		'In the practice console, "Old laptop" is gone: revoking a key deletes it. Choose "+ Create new secret key": the new key is shown once.',
		'Copy it and set it as OPENAI_API_KEY (or choose "Use in sandbox"). The code does not change.',
	],
	hints: [
		'A revoked key gets the same 401 "Incorrect API key provided" as a mistyped one. Which key ends like the masked one in the error?',
		'Look for a key ending like that in the practice console: is it still listed?',
		'Create a new key in the console and put it in OPENAI_API_KEY.',
	],
	starterFailure: 'key_revoked',
	check(run) {
		const revokedId = run.context.ids.revoked;
		const revoked = run.keys.find((key) => key.id === revokedId);
		const ok = successes(run).find((entry) => entry.keyId !== revokedId);
		if (ok && run.exitCode === 0) {
			return pass(`The request succeeded with the new key (${ok.keyMasked}).`);
		}
		const failed = firstFailure(run);
		if (!failed) return fail('no_request', nothingSent(run));
		if (
			failed.errorCode === 'invalid_api_key' &&
			revoked &&
			failed.keyMasked === revoked.redacted
		) {
			return fail(
				'key_revoked',
				`401 Incorrect API key: the program still sends ${revoked.redacted}, the "${revoked.name}" key, which is revoked. A revoked key is deleted and never works again: create a new key and use it.`,
			);
		}
		if (failed.errorCode === 'invalid_api_key') {
			return fail(
				'key_unknown',
				`401 Incorrect API key: the API does not know ${failed.keyMasked ?? 'that key'}. Copy the new key exactly as the console showed it.`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed.status} ${failed.errorCode ?? ''}.`,
		);
	},
};
