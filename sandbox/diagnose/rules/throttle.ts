/** Load and capacity: rate limits (yours), overload and server errors (OpenAI's). */
import type { Rule, Signals } from '../types.ts';
import { message } from './helpers.ts';
import { textRule } from './text-rule.ts';

/** OpenAI's own words for an overloaded server, which the overloaded rule and the rate-limit rule both read. */
const OVERLOADED_WORDS = ['currently overloaded', 'overloaded with other requests'];

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
		// Other servers' codes for the same thing: `limit_requests`, `rate_limited`, `too_many_requests`.
		regex: /["'](?:limit_requests|rate_limited|too_many_requests|requests_limit_exceeded)["']/i,
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
			// A wrapper's "rate limit exceeded" around a body whose own message says the server is
			// overloaded (Haystack raises OpenAIRateLimitError for every 429): the body decides.
			if (found && found.confidence < 0.9 && message(signals, OVERLOADED_WORDS)) return undefined;
			if (found) return found;
			// `{"error": "slow down"}` (Nov 2023): only the bare string says it.
			const slow = message(signals, ['slow down']);
			return slow ? { confidence: 0.8, evidence: [slow] } : undefined;
		},
	};
})();

// An HTML error page with a 5xx title instead of a JSON body: the edge or a proxy in front of the
// API failed (nginx, Cloudflare), not the model.
const HTML_5XX =
	/<title>[^<]{0,80}?\b(5\d\d)\b[^<]{0,80}<\/title>|<h1>[^<]{0,40}?\b(5\d\d)\b[^<]{0,80}<\/h1>/i;

export const edgePageRule: Rule = {
	id: 'server_error',
	name: 'edge-page',
	match(signals) {
		const match = HTML_5XX.exec(signals.text);
		if (!match) return undefined;
		const status = match[1] ?? match[2];
		return {
			confidence: 0.7,
			evidence: [match[0].replace(/<[^>]+>/g, ' ').trim()],
			explanation: `The answer is an HTML "${status}" page from a web server in front of the API, not an API error: the edge or a proxy failed. It is usually brief.`,
			...(status === '503'
				? {
						alternatives: [
							{
								id: 'overloaded' as const,
								why: 'A 503 can also mean the service is at capacity; retry with backoff either way.',
							},
						],
					}
				: {}),
		};
	},
};

// The client could not read the answer as JSON: something other than the API answered (an HTML
// outage, proxy or block page). Say so rather than "not recognised".
const NOT_JSON =
	/UnserializableResponse|error decoding response body|JSONDecodeError|Expecting value: line 1 column 1|Unexpected token '?<'?,? ?(?:"<|in JSON)|is not valid JSON|invalid character '<' looking for beginning of value/i;

export const notJsonRule: Rule = {
	id: 'server_error',
	name: 'not-json',
	match(signals) {
		const match = NOT_JSON.exec(signals.text);
		if (!match) return undefined;
		return {
			confidence: 0.4,
			evidence: [match[0]],
			explanation:
				'The client could not read the answer as JSON, so something other than the API answered: most often an HTML page from the edge during an outage (retry later), otherwise a proxy, a block page or a web page at a wrong base URL. Log the raw response body to see which.',
			alternatives: [
				{
					id: 'wrong_base_url',
					why: 'A base URL that points at a web site (not the API) answers with an HTML page.',
				},
				{
					id: 'unsupported_region',
					why: 'A region or network block answers with an HTML page too.',
				},
			],
		};
	},
};

export const overloadedRule = textRule('overloaded', 'overloaded', {
	codes: ['server_is_overloaded', 'overloaded'],
	types: ['service_unavailable_error', 'overloaded_error'],
	phrases: [
		...OVERLOADED_WORDS,
		'is overloaded',
		'server_is_overloaded',
		// Codex and ChatGPT-backed clients: "We're currently experiencing high demand, which may cause temporary errors."
		'experiencing high demand',
		'service unavailable',
		'service_unavailable',
	],
});

export const serverErrorRule = textRule('server_error', 'server-error', {
	// An app's own "code: 500" around "Connection error." or a socket's failure (Go's "dial tcp …:
	// connectex", Node's ETIMEDOUT) is a network failure it wrapped.
	when: (signals) =>
		!/\bconnection error\.|APIConnectionError|\bdial tcp [^\n]{0,80}(?:connectex|i\/o timeout|connection refused)|\bconnect (?:ETIMEDOUT|ECONNREFUSED)\b/i.test(
			signals.text,
		),
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
