/** Scenario 5: the request names another project in `OpenAI-Project` than the key's own. */
import { FIXED_IDS } from '../practice-api/setup.ts';
import { firstFailure, nothingSent, successes } from './evidence.ts';
import { CALL, project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const program = (projectId: string, comment: string) => `import OpenAI from 'openai';

const client = new OpenAI({
  // ${comment}
  project: '${projectId}',
});

${CALL}`;

export const wrongProject: Scenario = {
	id: 'wrong-project',
	lesson: 'troubleshooting/permissions-and-projects',
	title: 'The request names the wrong project',
	summary:
		'The key belongs to the "Checkout" project, but the code sends the Default project’s id in the OpenAI-Project header.',
	setup(admin, baseURL) {
		const checkout = admin.createProject({
			name: 'Checkout',
			description: 'The shop’s payment service.',
		});
		const { id, secret } = admin.createKey({ name: 'Checkout server', projectId: checkout.id });
		return {
			env: { OPENAI_API_KEY: secret },
			ids: { key: id, project: checkout.id, wrongProject: FIXED_IDS.project.default ?? '' },
			secrets: {},
			baseURL,
		};
	},
	starter: (context) =>
		project(
			'wrong-project',
			program(
				context.ids.wrongProject ?? '',
				'Copied from the settings page of the Default project.',
			),
		),
	solution: (context) =>
		project(
			'wrong-project',
			program(context.ids.project ?? '', 'The project the key belongs to (Checkout).'),
		),
	solutionSteps: [
		'The 401 mismatched_project means the OpenAI-Project header names a project the key does not belong to.',
		'In the console, the key "Checkout server" belongs to the Checkout project: put that project id in `project` (or remove the option: a project key already implies its project).',
	],
	hints: [
		'The key itself is fine. What else does the SDK send with every request?',
		'`project:` in `new OpenAI({...})` becomes the OpenAI-Project header. Which project does the key belong to?',
		'Use the Checkout project’s id from the practice console, or drop the `project` option.',
	],
	starterFailure: 'project_mismatch',
	check(run) {
		const keyId = run.context.ids.key;
		const ok = successes(run).find((entry) => entry.keyId === keyId);
		if (ok && run.exitCode === 0) {
			return pass(
				ok.projectHeader
					? `The OpenAI-Project header (${ok.projectHeader}) now matches the key’s project.`
					: 'No OpenAI-Project header is sent, so the key’s own project applies.',
			);
		}
		const failed = firstFailure(run);
		if (!failed) return fail('no_request', nothingSent(run));
		if (failed.errorCode === 'mismatched_project') {
			return fail(
				'project_mismatch',
				`401 mismatched_project: the request said OpenAI-Project: ${failed.projectHeader ?? '?'}, but the key belongs to project ${run.context.ids.project}. The header must name the key’s own project.`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed.status} ${failed.errorCode ?? ''}.`,
		);
	},
};
