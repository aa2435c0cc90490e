/** Scenario 11: the client talks to the wrong host, so the key goes somewhere it should not. */
import { firstFailure, modelCalls, outputText, successes } from './evidence.ts';
import { CALL, project, WORKING_INDEX } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

/** `.invalid` never resolves (RFC 2606), so the starter fails the same way everywhere. */
const WRONG_HOST = 'https://api.openai-proxy.invalid/v1';

const STARTER = `import OpenAI from 'openai';

const client = new OpenAI({
  // From a blog post that used a "cheaper" proxy in front of the API.
  baseURL: '${WRONG_HOST}',
});

${CALL}`;

export const wrongBaseUrl: Scenario = {
	id: 'wrong-base-url',
	lesson: 'troubleshooting/network-and-cors',
	title: 'The wrong base URL',
	summary:
		'The code was copied from a post that sends requests through a third-party proxy. Nothing reaches the API, and if that host did answer, it would receive your key.',
	timeoutMs: 30_000,
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Blog sample' });
		return { env: { OPENAI_API_KEY: secret }, ids: { key: id }, secrets: {}, baseURL };
	},
	starter: () => project('wrong-base-url', STARTER),
	solution: () => project('wrong-base-url', WORKING_INDEX),
	solutionSteps: [
		'"Connection error." with no request in the log means the request never reached the API: look at where it was sent.',
		'Remove the `baseURL` option. The SDK then uses OPENAI_BASE_URL if it is set (here, the practice API) and https://api.openai.com/v1 otherwise. An OpenAI key belongs only there; a reseller’s key only at the reseller’s host.',
	],
	hints: [
		'The error is not a 401 or a 404: no status at all. Did any request arrive at the API?',
		'Which host does the client send requests to? Look at the options of `new OpenAI({...})`.',
		'Delete the `baseURL` line and let the SDK use OPENAI_BASE_URL.',
	],
	starterFailure: 'wrong_host',
	check(run) {
		if (successes(run).length > 0 && run.exitCode === 0) {
			return pass('The request reached the API at the right base URL and succeeded.');
		}
		const failed = firstFailure(run);
		if (failed?.errorCode === 'unknown_url') {
			return fail(
				'wrong_path',
				`404 unknown_url: the API got ${failed.method} ${failed.path}. The base URL must end in /v1.`,
			);
		}
		if (modelCalls(run).length === 0) {
			const host = /baseURL:\s*['"`]([^'"`]+)['"`]/.exec(
				run.files.map((file) => file.contents).join('\n'),
			)?.[1];
			const connection = /Connection error|ENOTFOUND|fetch failed|Failed to fetch/i.test(
				outputText(run),
			);
			return fail(
				'wrong_host',
				`No request reached the API${connection ? ' ("Connection error.")' : ''}: the client sent it to ${host ?? 'another host'}. Use the API’s own base URL; never send a key to a host you do not trust.`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed?.status ?? '?'} ${failed?.errorCode ?? ''}.`,
		);
	},
};
