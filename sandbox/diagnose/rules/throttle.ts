/** Load and capacity: rate limits (yours), overload and server errors (OpenAI's). */
import type { Rule, Signals } from '../types.ts';
import { message } from './helpers.ts';
import { textRule } from './text-rule.ts';

const RATE_TYPES = ['requests', 'tokens', 'tokens_usage_based', 'rate_limit_error'];

function refineRateLimit(signals: Signals) {
	if (/request too large for/i.test(signals.text)) {
		return {
			title: 'One request is larger than the whole per-minute token limit',
			explanation:
				'This single request asks for more tokens than your tokens-per-minute limit allows, so retrying cannot succeed.',
			fixes: [
				'Send less input or lower max_tokens (split the work into smaller requests), or raise your usage tier.',
			],
			retryable: false,
		};
	}
	return signals.retryAfter
		? { fixes: [`Wait ${signals.retryAfter} (as the error says) before retrying.`] }
		: {};
}

export const rateLimitRule: Rule = (() => {
	const base = textRule('rate_limit', 'rate-limit', {
		codes: ['rate_limit_exceeded', 'slow_down', 'tokens_usage_based', 'rate_limit_error'],
		types: RATE_TYPES,
		phrases: [
			'rate limit reached',
			'rate_limit_exceeded',
			'rate limit exceeded',
			'request too large for',
			'tokens per min',
			'requests per min',
			'requests per day',
			'exceeded call rate limit',
			'exceeded token rate limit',
			'too many 429 error responses',
			'would exceed the rate limit',
		],
		refine: refineRateLimit,
	});
	return {
		...base,
		match(signals) {
			const found = base.match(signals);
			if (found) return found;
			// `{"error": "slow down"}` (Nov 2023): only the bare string says it.
			const slow = message(signals, ['slow down']);
			return slow ? { confidence: 0.8, evidence: [slow] } : undefined;
		},
	};
})();

export const overloadedRule = textRule('overloaded', 'overloaded', {
	codes: ['server_is_overloaded', 'overloaded'],
	types: ['service_unavailable_error', 'overloaded_error'],
	phrases: [
		'currently overloaded',
		'is overloaded',
		'server_is_overloaded',
		'overloaded with other requests',
		'service unavailable',
		'service_unavailable',
	],
});

export const serverErrorRule = textRule('server_error', 'server-error', {
	codes: ['server_error', '500', '502', '504', 'internal_error'],
	types: ['server_error', 'cf_bad_gateway', 'internal_server_error', 'api_error'],
	phrases: [
		'the server had an error',
		'internal server error',
		'bad gateway',
		'gateway timeout',
		'upstream connect error',
		'web server is returning an unknown error',
		'cf_bad_gateway',
		'too many 500 error responses',
		'too many 502 error responses',
		'an error occurred while processing your request',
		'had an error while processing your request',
	],
});
