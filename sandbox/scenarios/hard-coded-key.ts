/** Scenario 9: a key written into the source; move it to the environment. */
import { maskKey } from '../keys/mask-key.ts';
import { filesWithKeys, firstFailure, KEY_LITERAL, nothingSent, successes } from './evidence.ts';
import { CALL, project, WORKING_INDEX } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const starterIndex = (secret: string) => `import OpenAI from 'openai';

// "Just for now" – the key is pasted straight into the code.
const client = new OpenAI({
  apiKey: '${secret}',
});

${CALL}`;

export const hardCodedKey: Scenario = {
	id: 'hard-coded-key',
	lesson: 'keys/keeping-keys-safe',
	title: 'A key hard-coded in the source',
	summary:
		'The program works, but its key is written in index.js: anyone who sees the code (a commit, a screenshot, a shared zip) has the key. The same key is already in OPENAI_API_KEY.',
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Weekend project' });
		return { env: { OPENAI_API_KEY: secret }, ids: { key: id }, secrets: { key: secret }, baseURL };
	},
	starter: (context) => project('hard-coded-key', starterIndex(context.secrets.key ?? '')),
	solution: () => project('hard-coded-key', WORKING_INDEX),
	solutionSteps: [
		'Delete the `apiKey` option (and the key with it): `new OpenAI()` reads OPENAI_API_KEY from the environment.',
		'On your own machine the key goes in `.env` (listed in `.gitignore`) or your shell; if it was ever committed, revoke it.',
	],
	hints: [
		'Search the files for "sk-". Which line holds the key?',
		'What does `new OpenAI()` do when you pass no apiKey at all?',
		'Remove the `apiKey: ...` line; the environment already has OPENAI_API_KEY.',
	],
	starterFailure: 'key_in_source',
	check(run) {
		const leaking = filesWithKeys(run);
		if (leaking.length > 0) {
			const file = run.files.find((candidate) => candidate.path === leaking[0]);
			const literal = file?.contents.match(new RegExp(KEY_LITERAL.source))?.[0] ?? '';
			return fail(
				'key_in_source',
				`${leaking.join(', ')} still contains a key (${maskKey(literal)}). Anyone who sees the file has the key: read it from OPENAI_API_KEY instead.`,
			);
		}
		const keyId = run.context.ids.key;
		if (successes(run).some((entry) => entry.keyId === keyId) && run.exitCode === 0) {
			return pass('No key in the files, and the program got its key from the environment.');
		}
		const failed = firstFailure(run);
		if (!failed) return fail('not_working', `No key in the files, good. But: ${nothingSent(run)}`);
		return fail(
			'not_working',
			`No key in the files, good, but the request failed with ${failed.status} ${failed.errorCode ?? ''}: make sure the client reads OPENAI_API_KEY.`,
		);
	},
};
