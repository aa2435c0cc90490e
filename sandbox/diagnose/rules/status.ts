/** Last resort: only the HTTP status (or SDK class) is known. Lower confidence, honest caveats. */
import type { DiagnosisId, Rule, RuleMatch, Signals } from '../types.ts';
import { evidence, snippet, statusEvidence } from './helpers.ts';

interface StatusGuess {
	id: DiagnosisId;
	confidence: number;
	explanation?: string;
	alternatives?: { id: DiagnosisId; why: string }[];
	/** Words beside the status that the guess used. */
	quote?: string;
}

// A 429 on every request, however long one waits: throttling comes and goes, so a 429 that never
// does is an account without credit or billing (rounds 7 to 15 of the corpus: five reports said
// "always", "whenever", "all the time" or 始终, and none of them was a rate limit).
const EVERY_TIME =
	/\b(?:always|every ?time|each time|whenever|any ?time|all the time|every (?:single )?request|no matter)\b|始终|总是|无论|一直/i;

function persistent429(signals: Signals): StatusGuess | undefined {
	if (signals.status !== 429) return undefined;
	const words = EVERY_TIME.exec(signals.text);
	if (!words) return undefined;
	return {
		quote: snippet(signals.text, words.index, words[0].length),
		id: 'insufficient_quota',
		confidence: 0.5,
		explanation:
			'A 429 that comes back on every request, whatever the wait, is not a rate limit (those pass within a minute): most often the account has no credit left, or billing was never set up. The error body’s code says which (insufficient_quota).',
		alternatives: [
			{
				id: 'billing_not_active',
				why: 'An account with no payment method (a free trial that ended) answers every call with 429 too.',
			},
			{
				id: 'rate_limit',
				why: 'A loop or many clients sharing one key can keep a rate limit hit all the time.',
			},
		],
	};
}

function guess(status: number): StatusGuess | undefined {
	if (status === 401) {
		return {
			id: 'invalid_key',
			confidence: 0.5,
			explanation:
				'A 401 means OpenAI rejected the credentials. Without the message it is most often a wrong key; a missing key, a mismatched organization or a restricted key also give 401.',
			alternatives: [
				{
					id: 'missing_key',
					why: 'A key that was never loaded (empty variable, wrong .env location) also gives 401: the error message would say "You didn’t provide an API key".',
				},
			],
		};
	}
	if (status === 403) {
		return {
			id: 'missing_scopes',
			confidence: 0.4,
			explanation:
				'A 403 means the key is valid but not allowed to do this: a restricted key, a project model allowlist or an unsupported region. The message says which.',
			alternatives: [
				{
					id: 'unsupported_region',
					why: 'Requests from an unsupported country, VPN or cloud region get 403.',
				},
				{
					id: 'organization_not_verified',
					why: 'Some models answer 403 until the organization is verified.',
				},
			],
		};
	}
	if (status === 404) {
		return {
			id: 'wrong_base_url',
			confidence: 0.45,
			explanation:
				'A 404 with no message usually means a wrong URL or base URL (a model problem says "model" in its message).',
			alternatives: [
				{
					id: 'model_not_found',
					why: 'A model the server does not have also gives 404 (on a local server, a model that was never pulled).',
				},
			],
		};
	}
	if (status === 429) {
		return {
			id: 'rate_limit',
			confidence: 0.5,
			explanation:
				'A 429 is a rate limit, but billing problems (insufficient_quota, billing_not_active) also arrive as 429: check error.code before retrying.',
			alternatives: [
				{
					id: 'insufficient_quota',
					why: 'No credit left (or credit bought minutes ago that has not applied yet) also answers 429; waiting then does not help.',
				},
			],
		};
	}
	if (status === 402) {
		return {
			id: 'insufficient_quota',
			confidence: 0.7,
			explanation:
				'402 Payment Required: the service (OpenRouter and many relays use 402) has no credit left for this request.',
		};
	}
	if (status === 405) {
		return { id: 'wrong_base_url', confidence: 0.5 };
	}
	if (status === 400 || status === 413 || status === 415 || status === 422) {
		return { id: 'bad_request', confidence: 0.5 };
	}
	if (status === 408) return { id: 'network_error', confidence: 0.4 };
	if (status === 407) {
		return {
			id: 'network_error',
			confidence: 0.7,
			explanation:
				'407 Proxy Authentication Required: a proxy between you and the API wants its own login, so the request never reached OpenAI. Give the client the proxy’s credentials (HTTPS_PROXY=http://user:pass@host:port).',
		};
	}
	if (status === 503 || status === 529) return { id: 'overloaded', confidence: 0.6 };
	if (status >= 500) return { id: 'server_error', confidence: 0.6 };
	return undefined;
}

// A 403 from a report that names where it ran, when that place is one OpenAI does not serve.
const UNSUPPORTED_PLACE =
	/\b(?:Hong ?Kong|HK server|mainland China|China|Macau|Russia|Iran|North Korea|Syria|Cuba|Belarus|Venezuela)\b|香港|中国大陆|国内服务器|澳门/;

function namedPlace(signals: Signals): StatusGuess | undefined {
	if (signals.status !== 403) return undefined;
	const place = UNSUPPORTED_PLACE.exec(signals.text)?.[0];
	if (!place) return undefined;
	return {
		id: 'unsupported_region',
		confidence: 0.6,
		explanation: `A 403 from a machine in ${place}: OpenAI does not serve requests from there, and the check uses the exit IP of the machine that calls the API (a server, a proxy, a VPN), not where you are.`,
		alternatives: [
			{ id: 'missing_scopes', why: 'A restricted key or project setting also answers 403.' },
		],
	};
}

// A bare Cloudflare "403 Forbidden" page from api.openai.com is most often a blocked exit IP
// (country, VPN, cloud region) rather than a key problem.
function cloudflareBlock(signals: Signals): StatusGuess | undefined {
	if (signals.status !== 403 || !/cloud ?flare|claudflare|<html/i.test(signals.text))
		return undefined;
	return {
		id: 'unsupported_region',
		confidence: 0.5,
		explanation:
			'An HTML "403 Forbidden" page comes from the edge, before any key is read: usually the request’s exit IP (country, VPN, cloud region) is blocked.',
	};
}

export const statusRule: Rule = {
	id: 'other',
	name: 'status-only',
	match(signals: Signals): RuleMatch | undefined {
		if (signals.status === undefined) return undefined;
		const found =
			namedPlace(signals) ??
			cloudflareBlock(signals) ??
			persistent429(signals) ??
			guess(signals.status);
		if (!found) return undefined;
		const classes = signals.classes.length > 0 ? `SDK error: ${signals.classes[0]}` : undefined;
		return {
			id: found.id,
			confidence: found.confidence,
			evidence: evidence(statusEvidence(signals), found.quote, classes) ?? [],
			...(found.explanation ? { explanation: found.explanation } : {}),
			...(found.alternatives ? { alternatives: found.alternatives } : {}),
		};
	},
};
