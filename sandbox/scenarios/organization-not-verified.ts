/**
 * An organization that has not completed Verify Organization: a gated model answers 403, and
 * streaming a model that needs verification to stream answers 400 unsupported_value on `stream`.
 */
import { firstFailure, nothingSent, successes } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';
import { RECOMMENDED_MODEL } from '../models/registry.ts';

const program = (model: string) => `import OpenAI from 'openai';

const client = new OpenAI();

// Copied from a team-mate whose organization is verified.
const stream = await client.responses.create({
  model: '${model}',
  input: 'Give three short tips for keeping an API key safe.',
  stream: true,
});

for await (const event of stream) {
  if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
}
console.log();
`;

/** The gated model the starter streams, and the model every sample uses. */
const GATED = 'gpt-6.2-sol';

export const organizationNotVerified: Scenario = {
	id: 'organization-not-verified',
	lesson: 'start/create-your-account',
	title: 'Your organization must be verified',
	summary: `The key belongs to an organization that has not verified itself. The code streams ${GATED}, which only verified organizations may stream. Make it run without verification.`,
	setup(admin, baseURL) {
		const { id, secret } = admin.scenarioKey('organization_not_verified');
		return { env: { OPENAI_API_KEY: secret }, ids: { key: id }, secrets: {}, baseURL };
	},
	starter: () => project('organization-not-verified', program(GATED)),
	solution: () => project('organization-not-verified', program(RECOMMENDED_MODEL)),
	solutionSteps: [
		'The 400 names `stream` and says "Your organization must be verified to stream this model": the key, the model and the request are fine; the organization is not verified.',
		'For real: an owner opens https://platform.openai.com/settings/organization/general, clicks Verify Organization and completes the ID check; access can take up to 15 minutes to arrive.',
		`Until then, use a model your organization may stream (${RECOMMENDED_MODEL}), or send the request with \`stream: false\`. The practice key never becomes verified, so the exercise takes the first path.`,
	],
	hints: [
		'Which parameter does the error name in `param`?',
		'Nothing about the key is wrong: another model streams fine with the same key.',
		`Change the model to ${RECOMMENDED_MODEL}.`,
	],
	starterFailure: 'organization_not_verified',
	check(run) {
		const ok = successes(run)[0];
		if (ok && run.exitCode === 0) {
			return pass(
				`${ok.model ?? 'The model'} answered${ok.stream ? ' as a stream' : ''}: nothing here needs a verified organization.`,
			);
		}
		const failed = firstFailure(run);
		if (!failed) return fail('no_request', nothingSent(run));
		const streamGate = failed.status === 400 && failed.errorCode === 'unsupported_value';
		const useGate =
			failed.status === 403 && failed.errorType === 'invalid_request_error' && !failed.errorCode;
		if (streamGate || useGate) {
			return fail(
				'organization_not_verified',
				`${failed.status}: your organization must be verified to ${streamGate ? 'stream' : 'use'} ${failed.model ?? 'this model'}. Verify it in the platform's organization settings, or use a model that does not need verification.`,
			);
		}
		return fail(
			'still_failing',
			`The request failed with ${failed.status} ${failed.errorCode ?? ''}.`,
		);
	},
};
