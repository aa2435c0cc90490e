/** Scenario 2: the key was pasted with quotes and a line break around it. */
import { firstFailure, modelCalls, nothingSent, successes } from './evidence.ts';
import { CALL, project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const STARTER = `import OpenAI from 'openai';

// The key was copied from a JSON snippet, quotes and line break included.
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

${CALL}`;

const SOLUTION = `import OpenAI from 'openai';

// Copy-paste often brings quotes and whitespace along: keep only the key itself.
const apiKey = process.env.OPENAI_API_KEY?.trim().replace(/^["']+|["']+$/g, '');
const client = new OpenAI({ apiKey });

${CALL}`;

export const pastedKey: Scenario = {
	id: 'pasted-key',
	lesson: 'troubleshooting/key-does-not-work',
	title: 'Quotes and a line break came with the key',
	summary:
		'The key was copied from a JSON snippet into the environment, quotes and line break included. The API says the key is incorrect although it is the right one.',
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Copied key' });
		return {
			env: { OPENAI_API_KEY: `"${secret}"\n` },
			ids: { copied: id },
			secrets: { copied: secret },
			baseURL,
		};
	},
	starter: () => project('pasted-key', STARTER),
	solution: () => project('pasted-key', SOLUTION),
	solutionSteps: [
		'Look at the masked key in the 401: it starts with a quote, so the quotes were sent as part of the key.',
		'Best: set the variable again without quotes. Also (shown here): trim whitespace and strip surrounding quotes before handing the value to the SDK.',
	],
	hints: [
		'Compare the masked key in the error message with the key in the console: what is different at the start?',
		'Headers drop surrounding whitespace, but quotes are sent as part of the key.',
		"Strip the quotes: `process.env.OPENAI_API_KEY?.trim().replace(/^[\"']+|[\"']+$/g, '')`.",
	],
	starterFailure: 'key_has_quotes',
	check(run) {
		const keyId = run.context.ids.copied;
		const ok = successes(run).find((entry) => entry.keyId === keyId);
		if (ok && run.exitCode === 0)
			return pass('The API accepted the key: only the key itself was sent.');
		const failed = firstFailure(run);
		if (!failed) return fail('no_request', nothingSent(run));
		if (
			failed.errorCode === 'invalid_api_key' &&
			/^["'`\u2018\u201c]/.test(failed.keyMasked ?? '')
		) {
			return fail(
				'key_has_quotes',
				`401 Incorrect API key: the key the API received starts with a quote (${failed.keyMasked}). The quotes from the copy-paste are being sent as part of the key.`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed.status}${failed.errorCode ? ` ${failed.errorCode}` : ''}; ${modelCalls(run).length} request(s) were sent.`,
		);
	},
};
