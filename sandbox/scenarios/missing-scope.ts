/** Scenario 4: a restricted key lacks `model.request`; grant exactly that permission. */
import type { Permissions } from '../practice-api/index.ts';
import { firstFailure, nothingSent, outputText, successes } from './evidence.ts';
import { project, WORKING_INDEX } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

/** What the key was given: it may list models, nothing else. */
const LIST_ONLY: Permissions = { kind: 'restricted', resources: { models: 'read' } };

export const missingScope: Scenario = {
	id: 'missing-scope',
	lesson: 'keys/restricted-permissions',
	title: 'A restricted key lacks model.request',
	summary:
		'The "Support bot" key was made with Restricted permissions and only Models: Read. Calling a model fails with 401 even though the key is valid.',
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Support bot', permissions: LIST_ONLY });
		return { env: { OPENAI_API_KEY: secret }, ids: { bot: id }, secrets: { bot: secret }, baseURL };
	},
	starter: () => project('missing-scope', WORKING_INDEX),
	solution: () => project('missing-scope', WORKING_INDEX),
	solve(admin, context) {
		admin.setPermissions(context.ids.bot ?? '', {
			kind: 'restricted',
			resources: { models: 'read', model_capabilities: 'write' },
		});
		return context;
	},
	solutionSteps: [
		'The 401 names the missing scope: model.request. On the platform that is "Model capabilities: Write".',
		'In the practice console, edit "Support bot" and set Model capabilities to Write, keeping everything else as it was. Run again with the same key.',
	],
	hints: [
		'This is not "Incorrect API key": the key is valid. Read the end of the message: which scope is missing?',
		'Chat completions need the model.request scope. Which resource row in the permissions dialog grants it?',
		'Set "Model capabilities" to Write for this key in the console. Do not switch the key to All.',
	],
	starterFailure: 'missing_scope',
	check(run) {
		const used = successes(run)[0];
		if (used && run.exitCode === 0) {
			const key = run.keys.find((candidate) => candidate.id === used.keyId);
			if (key && key.permissions.kind === 'all') {
				return fail(
					'too_broad',
					`It works, but "${key.name}" now has All permissions. Keep the key Restricted and grant only Model capabilities: Write.`,
				);
			}
			return pass(
				`The restricted key "${key?.name ?? used.keyMasked}" may now call models, and nothing more than it needs.`,
			);
		}
		const failed = firstFailure(run);
		if (!failed) return fail('no_request', nothingSent(run));
		const scopes = /Missing scopes: ([\w.]+?(?:, [\w.]+?)*)\.(?:\s|$)/.exec(outputText(run))?.[1];
		if (failed.status === 401 && failed.errorCode !== 'invalid_api_key') {
			return fail(
				'missing_scope',
				`401 Missing scopes${scopes ? `: ${scopes}` : ''}. The key is valid but its permissions do not allow calling a model: it needs Model capabilities set to Write.`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed.status} ${failed.errorCode ?? ''}.`,
		);
	},
};
