/** Scenario 1: OPENAI_API_KEY is not set where the program runs. */
import { modelCalls, nothingSent, outputText, successes } from './evidence.ts';
import { project, WORKING_INDEX } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

export const missingKey: Scenario = {
	id: 'missing-key',
	lesson: 'troubleshooting/key-does-not-work',
	title: 'The key is not in the environment',
	summary:
		'You saved your key in a variable called OPENAI_KEY. The program stops before it sends a single request.',
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Laptop' });
		// The key is there, under a name the SDK does not read.
		return {
			env: { OPENAI_KEY: secret },
			ids: { laptop: id },
			secrets: { laptop: secret },
			baseURL,
		};
	},
	starter: () => project('missing-key', WORKING_INDEX),
	solution: () => project('missing-key', WORKING_INDEX),
	solve(_admin, context) {
		const { OPENAI_KEY: key, ...rest } = context.env;
		return { ...context, env: { ...rest, OPENAI_API_KEY: key ?? '' } };
	},
	solutionSteps: [
		'The SDK reads the key from a variable named exactly OPENAI_API_KEY; OPENAI_KEY is ignored.',
		'Set OPENAI_API_KEY in the environment (rename the variable) and run again; the code needs no change.',
	],
	hints: [
		'Read the first line of the error: what does the SDK say it could not find?',
		'Which variable names does `new OpenAI()` read? Compare them with the environment.',
		'Rename OPENAI_KEY to OPENAI_API_KEY in the environment panel.',
	],
	starterFailure: 'key_not_set',
	check(run) {
		if (successes(run).length > 0 && run.exitCode === 0) {
			return pass('The SDK found OPENAI_API_KEY and the request succeeded.');
		}
		const text = outputText(run);
		if (modelCalls(run).length === 0 && /OPENAI_API_KEY|Missing credentials|apiKey/i.test(text)) {
			return fail(
				'key_not_set',
				'The SDK stopped before sending anything: OPENAI_API_KEY is not set in the environment the program runs in (a variable with another name does not count).',
			);
		}
		if (modelCalls(run).length === 0) return fail('no_request', nothingSent(run));
		return fail(
			'still_failing',
			`The request was sent but failed (${modelCalls(run)[0]?.status}). Check that OPENAI_API_KEY holds the whole key.`,
		);
	},
};
