/** Scenario 10: a leaked key. Revoke it, make a new restricted one, update the app. */
import type { KeyRecord } from '../practice-api/index.ts';
import { firstFailure, nothingSent, successes } from './evidence.ts';
import { project, WORKING_INDEX } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const describe = (key: KeyRecord | undefined) =>
	key ? `"${key.name}" (${key.redacted})` : 'an unknown key';

export const compromisedKey: Scenario = {
	id: 'compromised-key',
	lesson: 'troubleshooting/compromised-key',
	title: 'A compromised key',
	summary:
		'The "Website" key, with All permissions, was found in a public repository. The app still works with it, which is exactly the problem: so would anyone else’s.',
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Website' });
		return { env: { OPENAI_API_KEY: secret }, ids: { leaked: id }, secrets: {}, baseURL };
	},
	starter: () => project('compromised-key', WORKING_INDEX),
	solution: () => project('compromised-key', WORKING_INDEX),
	solve(admin, context) {
		admin.revokeKey(context.ids.leaked ?? '');
		const fresh = admin.createKey({
			name: 'Website (restricted)',
			permissions: { kind: 'restricted', resources: { model_capabilities: 'write' } },
		});
		return {
			...context,
			env: { ...context.env, OPENAI_API_KEY: fresh.secret },
			ids: { ...context.ids, fresh: fresh.id },
		};
	},
	solutionSteps: [
		'Revoke "Website" in the practice console first: until then, whoever found it can use it.',
		'Create a new key with Restricted permissions and only what the app needs (Model capabilities: Write).',
		'Put the new key in OPENAI_API_KEY and run the app again.',
	],
	hints: [
		'The app working is not the goal here. Is the leaked key still active in the console?',
		'Revoke first, then create the replacement; the app breaks for a moment, and so does the attacker’s copy.',
		'The new key should be Restricted: the app only calls a model, so Model capabilities: Write is enough.',
	],
	starterFailure: 'leaked_key_active',
	check(run) {
		const leaked = run.keys.find((key) => key.id === run.context.ids.leaked);
		if (leaked?.status === 'active') {
			return fail(
				'leaked_key_active',
				`The leaked key ${describe(leaked)} is still active: anyone who copied it can spend your money. Revoke it in the console first.`,
			);
		}
		const ok = successes(run)[0];
		if (!ok || run.exitCode !== 0) {
			const failed = firstFailure(run);
			if (!failed) return fail('app_not_updated', nothingSent(run));
			if (failed.errorCode === 'invalid_api_key' && failed.keyMasked === leaked?.redacted) {
				return fail(
					'app_not_updated',
					'The leaked key is revoked, good. The app still sends it, so it now fails with 401: put the new key in OPENAI_API_KEY.',
				);
			}
			return fail(
				'app_not_updated',
				`The app’s request failed with ${failed.status} ${failed.errorCode ?? ''}.`,
			);
		}
		const used = run.keys.find((key) => key.id === ok.keyId);
		if (!used || used.permissions.kind === 'all') {
			return fail(
				'not_restricted',
				`The app works again with ${describe(used)}, but that key has All permissions. Make the replacement Restricted, with only Model capabilities: Write.`,
			);
		}
		return pass(
			`The leaked key is revoked and the app runs on ${describe(used)}, a restricted key.`,
		);
	},
};
