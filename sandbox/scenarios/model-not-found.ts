/** Scenario 6: a typo in the model name (404), then a model the project may not use (403). */
import { firstFailure, nothingSent, successes } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';
import { RECOMMENDED_MODEL } from '../models/registry.ts';

const program = (model: string) => `import OpenAI from 'openai';

const client = new OpenAI();

const completion = await client.chat.completions.create({
  model: '${model}',
  messages: [{ role: 'user', content: 'Say hello to a new API key owner in five words.' }],
});

console.log(completion.model, '->', completion.choices[0].message.content);
`;

const ALLOWED = RECOMMENDED_MODEL;
/** A real model the Prototype project does not allow, and the typo the starter makes of it. */
const OTHER = 'gpt-6.1-terra';
const TYPO = 'gpt-6.1-tera';

export const modelNotFound: Scenario = {
	id: 'model-not-found',
	lesson: 'troubleshooting/model-not-found',
	title: 'Model not found: 404 or 403?',
	summary: `The "Prototype" project allows one model, ${ALLOWED}. The code asks for a model with a typo in its name, and then for one the project may not use.`,
	setup(admin, baseURL) {
		const prototype = admin.createProject({ name: 'Prototype', allowedModels: [ALLOWED] });
		const { id, secret } = admin.createKey({ name: 'Prototype key', projectId: prototype.id });
		return {
			env: { OPENAI_API_KEY: secret },
			ids: { key: id, project: prototype.id },
			secrets: {},
			baseURL,
		};
	},
	starter: () => project('model-not-found', program(TYPO)),
	solution: () => project('model-not-found', program(ALLOWED)),
	solutionSteps: [
		`404 model_not_found: no model has that name. \`${TYPO}\` is a typo.`,
		`Fixing the typo gives 403 model_not_found: ${OTHER} exists, but the Prototype project allows only ${ALLOWED}. Use ${ALLOWED} (or have a project owner allow the model).`,
	],
	hints: [
		'Read the model name in the error letter by letter.',
		'After the typo is fixed the status changes from 404 to 403. What does a 403 tell you that a 404 does not?',
		`The project's allowlist has one model: ${ALLOWED}.`,
	],
	starterFailure: 'model_typo',
	check(run) {
		const ok = successes(run)[0];
		if (ok && run.exitCode === 0)
			return pass(
				`${ok.model ?? 'The model'} answered: the name is right and the project may use it.`,
			);
		const failed = firstFailure(run);
		if (!failed) return fail('no_request', nothingSent(run));
		if (failed.status === 404 && failed.errorCode === 'model_not_found') {
			return fail(
				'model_typo',
				`404 model_not_found: no model is called "${failed.model ?? '?'}". A 404 means the name itself is wrong: check it for typos.`,
			);
		}
		if (failed.status === 403 && failed.errorCode === 'model_not_found') {
			return fail(
				'model_not_allowed',
				`403 model_not_found: "${failed.model ?? '?'}" exists, but this key's project may not use it (its allowlist has only ${ALLOWED}). A 403 means "not for you", not "does not exist".`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed.status} ${failed.errorCode ?? ''}.`,
		);
	},
};
