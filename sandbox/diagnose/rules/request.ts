/** The request itself is wrong: URL, parameters, size. The key is fine. */
import type { Rule } from '../types.ts';
import { textRule } from './text-rule.ts';

export const badRequestRule: Rule = textRule('bad_request', 'bad-request', {
	codes: [
		'context_length_exceeded',
		'unknown_url',
		'invalid_value',
		'unsupported_parameter',
		'unsupported_value',
		'missing_required_parameter',
		'invalid_type',
		'string_above_max_length',
		'content_policy_violation',
		'invalid_image',
		'invalid_json',
	],
	phrases: [
		'maximum context length',
		'invalid url (',
		'unknown request url',
		'must provide a model parameter',
		'unrecognized request argument',
		'missing required parameter',
		'additional properties are not allowed',
		'could not parse the json body',
		'is not a valid',
		'invalid type for',
		'unsupported parameter',
		'rejected as a result of our safety system',
		'is too long',
		'apiremovedinv1',
		'no longer supported in openai>=1.0.0',
		"must provide an 'engine'",
	],
	refine: (signals) =>
		/apiremovedinv1|no longer supported in openai>=1/i.test(signals.text)
			? {
					title: 'Code written for the old openai SDK (before 1.0)',
					fixes: [
						'Use the 1.x client: `client = OpenAI()` then `client.chat.completions.create(...)`, or pin `openai==0.28` (run `openai migrate` to convert old code).',
					],
				}
			: /invalid url \(|unknown request url/i.test(signals.text)
				? {
						title: 'Wrong URL: check the base URL',
						fixes: [
							'Set the base URL to https://api.openai.com/v1 (or your provider’s /v1 root), never a full endpoint like …/chat/completions: the SDK appends the path itself.',
						],
					}
				: /maximum context length|context_length_exceeded/i.test(signals.text)
					? {
							title: 'The input is longer than the model’s context window',
							fixes: [
								'Send fewer or shorter messages (trim history, summarise), lower max_tokens, or use a model with a larger context.',
							],
						}
					: {},
});
