/** Key and account problems: missing, damaged, unknown, revoked, wrong org/project, scopes, region. */
import { judgeMaskedKey } from '../masked-key.ts';
import type { Rule, RuleMatch, Signals } from '../types.ts';
import { snippet, statusEvidence } from './helpers.ts';
import { textRule } from './text-rule.ts';

/** Header-level failures: the client refused to send the key because of what it contains. */
export const headerRules: Rule[] = [
	textRule('missing_key', 'empty-bearer-header', {
		regex: /Illegal header value b'Bearer ?'/,
		refine: () => ({ explanation: 'The Authorization header was "Bearer " with an empty key.' }),
	}),
	textRule('malformed_key', 'invalid-header-characters', {
		// Any client's refusal to build the header: "Failed to parse header value" (Rust), "bad header value".
		regex:
			/\b(?:failed to parse|could not parse|bad|malformed) header value\b|\binvalid header field value for "?Authorization/i,
		phrases: [
			'invalid character in header content',
			'illegal header value',
			'cannot convert argument to a bytestring',
			'is an invalid header value',
			'invalid header value',
			'err_invalid_char',
			'non iso-8859-1 code point',
		],
		refine: () => ({
			explanation:
				'The HTTP client refused to send the key because it contains a character not allowed in a header: a newline or space, a smart quote or other non-ASCII lookalike, or a zero-width character copied with it.',
			fixes: [
				'Re-type or re-copy the key from the dashboard into a plain-text editor; check it has no trailing newline, quotes or invisible characters (run `keylab doctor`).',
			],
		}),
	}),
	// Python's httpx encodes headers as ASCII: a smart quote or lookalike in the key fails here.
	textRule('malformed_key', 'non-ascii-key', {
		phrases: ["codec can't encode character"],
		confidence: 0.6,
	}),
];

/** A server or proxy that says the key's format is wrong before looking it up. */
export const keyFormatRule = textRule('malformed_key', 'key-format', {
	// The last alternative: a gateway naming the prefix it wanted (LiteLLM: "Received=dummy,
	// expected to start with 'sk-'"): what was sent is not a key of that form, most often a
	// placeholder.
	regex:
		/\b(?:api[ _-]?)?key (?:is )?(?:not well[- ]formed|malformed|badly formed|in (?:an |the )?(?:invalid|wrong) format)\b|\bmalformed (?:api[ _-]?)?key\b|\binvalid (?:api[ _-]?)?key format\b|\b(?:expected|must|should) (?:to )?(?:start|begin) with ['"`]?sk-/i,
});

// A key that was set but went to a plain-http address that redirects to https: clients that follow
// the redirect across origins drop the Authorization header (the Fetch standard's redirect steps,
// undici), so the server sees no key (round 16: a relay at http://…/v1, fixed by https://).
const PLAIN_HTTP_REMOTE =
	/^http:\/\/(?!localhost\b|127\.|0\.0\.0\.0|\[::1\]|host\.docker\.internal|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/i;

function plainHttp(signals: Signals): Partial<RuleMatch> {
	const url = signals.urls.find((candidate) => PLAIN_HTTP_REMOTE.test(candidate));
	if (!url) return {};
	return {
		alternatives: [
			{
				id: 'wrong_base_url',
				why: `The request went to ${url}, plain http: if that server redirects to https, the redirect can drop the key. Use the https:// address.`,
			},
		],
	};
}

export const missingKeyRule = textRule('missing_key', 'missing-key-text', {
	refine: plainHttp,
	phrases: [
		"didn't provide an api key",
		'did not provide an api key',
		'missing bearer',
		'api_key client option must be set',
		'missing credentials. please pass an `apikey`',
		'openai_api_key environment variable is missing',
		'no api key provided',
		'did not find openai_api_key',
		'must provide an api key',
		'api key is missing',
		'missing api key',
		'api key not set',
		'api key is required',
		'openai_api_key is not set',
		'api key not found',
		'no api key found',
		'openai_api_key is not defined',
		'openai_api_key is undefined',
		'openai_api_key not set',
		'openai_api_key is missing',
		'missing credentials',
		'api_key_required',
		'api key is required',
		'apikeyismissing',
		'api key is missing',
		'missing authentication header',
		'missing bearer',
		'no api key was provided',
		// OpenAI's own missing-key message, quoted without its first sentence.
		'provide your api key in an authorization header',
	],
	// OpenRouter and relays: "No auth credentials found", "No cookie auth credentials found";
	// hosted tools: "We couldn't find a secret with the name OPENAI_API_KEY".
	// A client's argument check on the key: "Value cannot be null. (Parameter 'apiKey')"; code that
	// read an empty key setting ("undefined is not an object (evaluating 'apiKeys.split')").
	regex:
		/\bno (?:openai |[\w-]+ )?(?:api )?(?:key|token) (?:was )?(?:found|provided|set|configured|detected|specified|entered|supplied)\b|\b(?:unable to|could not|couldn't|cannot|can't) (?:find|locate|load|read) (?:an? |the |your )?(?:\w+ )?api[ _]?key\b|\b(?:undefined|null) is not an object \(evaluating '[\w.]*api_?keys?\b|\bof (?:undefined|null) \(reading '[\w.]*api_?keys?'|\b(?:didn't|did not|doesn't|does not|couldn't|could not) (?:get|have|find|set|see) [`'"]?[A-Z][A-Z0-9_]{0,30}API_KEY\b|\b[A-Z][A-Z0-9_]{0,30}API_KEY\b[`'"]? (?:is )?(?:not (?:provided|set|found|defined|configured|loaded)|missing|empty|required)\b|\b(?:cannot be (?:null|empty)|must not be (?:null|empty|blank)|empty string|whitespace)\b[^\n]{0,80}\b(?:api_?key|apikey)\b|KeyError: ['"]OPENAI_API_KEY['"]|\b(?:NoneType|input_value=None)\b[^\n]{0,100}\bapi_?key\b|\bapi_?key\b[^\n]{0,100}\b(?:input_value=None|NoneType)\b|\bBearer (?:undefined|null|None|nil)\b|\bapi[ _-]?key\b[`'"]? (?:is )?not present\b|\bno (?:\w+ )?auth(?:entication)? credentials\b|\b(?:couldn't|could not|cannot|can't) find (?:a |the )?(?:secret|variable|environment variable|env var)\b[^.\n]{0,40}API_KEY/i,
});

/**
 * A message that names both causes, "Missing Authentication header or invalid API key" (OpenRouter)
 * or "invalid or missing API key": a key is usually sent, so a wrong key first, and the follow-up
 * question decides.
 */
export const missingOrInvalidRule = textRule('invalid_key', 'missing-or-invalid', {
	regex:
		/\b(?:missing|no)\b[^.\n]{0,40}\bor (?:an? )?(?:invalid|incorrect|wrong)\b[^.\n]{0,20}\b(?:api[ _-]?key|token|credentials?)\b|\b(?:invalid|incorrect|wrong) or (?:missing|no)\b[^.\n]{0,20}\b(?:api[ _-]?key|token|credentials?)\b/i,
	confidence: 0.55,
	refine: () => ({
		explanation:
			'The server says the credentials were either missing or wrong, without saying which. A key is usually sent, so a wrong key (another service’s, or an old one) is likelier; an unset variable gives the same answer.',
		alternatives: [
			{
				id: 'missing_key',
				why: 'If the variable holding the key was not set or not read, nothing was sent and the same message comes back.',
			},
		],
	}),
});

/**
 * A client library's own check, thrown from its constructor before any request ("Error: ChatGPT
 * invalid apiKey" then "at new ChatGPTAPI"): no server saw a key, so most often none was given.
 */
export const constructorCheckRule = textRule('missing_key', 'constructor-check', {
	regex:
		/\b(?:invalid|missing|required|empty|no|undefined)\s+(?:openai\s+)?api[ _-]?key\b[^\n]{0,80}\n\s*at new [\w$.]+/i,
	confidence: 0.7,
	refine: () => ({
		explanation:
			'The client library refused the key in its constructor, before sending anything: the value it was given was empty or undefined (a setting not filled in, a variable not loaded), or not a string.',
		alternatives: [
			{
				id: 'malformed_key',
				why: 'Some libraries check the key’s shape too: a value with quotes, spaces or the wrong prefix is refused the same way.',
			},
		],
	}),
});

/** The Authorization header as a client echoed it: "Bearer undefined" or "Bearer " with nothing. */
export const bearerEchoRule: Rule = {
	id: 'missing_key',
	name: 'bearer-echo',
	match(signals) {
		const value = signals.bearer;
		// "<api_key>" in a printed command is the reporter's own redaction, not an echo.
		if (value !== undefined && /^[{[]/.test(value)) {
			// "Bearer {'api_key': '…'}": a whole object or a template went where the key belongs.
			return {
				id: 'malformed_key',
				confidence: 0.8,
				evidence: [`Authorization: Bearer ${value}…`],
				explanation:
					'The Authorization header carried a structure or template ("Bearer {…") instead of the bare key: the code passed a settings object or an unfilled template where the key string belongs.',
			};
		}
		// A shell variable ("Bearer $OPENAI_API_KEY") in a printed command is not an echo.
		if (value === undefined || !/^(?:|undefined|null|none|nil)$/i.test(value)) return undefined;
		return {
			confidence: 0.85,
			evidence: [`Authorization: Bearer ${value || '(nothing)'}`],
			explanation: `The Authorization header carried "Bearer ${value}": the variable meant to hold the key was empty or never loaded, so no key was sent.`,
		};
	},
};

export const accountRules: Rule[] = [
	textRule('revoked_key', 'revoked', {
		codes: [
			'account_deactivated',
			'access_terminated',
			'key_revoked',
			'api_key_revoked',
			'deactivated_workspace',
			'organization has been disabled',
			'account has been disabled',
			'has been suspended',
		],
		types: ['access_terminated'],
		phrases: [
			'associated with a deactivated account',
			'has been deactivated',
			'deleted or deactivated',
			'access was terminated',
			'access terminated',
			'key has been revoked',
			'api key was revoked',
			'key has been disabled',
			'has been archived',
			'token has been invalidated',
			'deactivated_workspace',
		],
	}),
	textRule('wrong_organization', 'organization', {
		codes: ['mismatched_organization', 'no_organization', 'invalid_organization'],
		phrases: [
			'openai-organization header should match',
			'member of an organization to use the api',
			'no such organization',
			'invalid organization',
		],
	}),
	textRule('wrong_project', 'project', {
		codes: ['mismatched_project', 'invalid_project'],
		phrases: ['openai-project header should match', 'no such project', 'invalid project id'],
		// "To use organization API keys it is required to provide the project id in the request."
		regex: /\b(?:provide|pass|set|specify) (?:the |a )?project[ _-]?id\b/i,
	}),
	textRule('missing_scopes', 'scopes', {
		// Azure names a missing role in the code (`PermissionDenied`, `AuthorizationFailed`).
		codes: [
			'missing_scopes',
			'insufficient_permissions',
			'permissiondenied',
			'authorizationfailed',
		],
		phrases: [
			'missing scopes',
			'insufficient permissions for this operation',
			'have the necessary scopes',
			'does not have the required scope',
			'principal does not have access',
			'not authorized to perform',
		],
		refine: (signals) => {
			const scope = /Missing scopes?: ([\w., ]{1,80}?)[.\s]*(?:Check|$|["'])/m.exec(
				signals.text,
			)?.[1];
			return scope
				? {
						fixes: [
							`Give the key the "${scope.trim()}" permission (or "All") at https://platform.openai.com/api-keys.`,
						],
					}
				: {};
		},
	}),
	// Cloudflare's firewall page ("Access denied … Error reference number: 1020") in front of
	// OpenAI: the exit IP (a country, a cloud range, a VPN) is refused before any key is read.
	textRule('unsupported_region', 'edge-block', {
		regex:
			/\bError (?:reference number|code):? 1020\b|used Cloudflare to restrict access|\bAttention Required!|The site owner may have set restrictions that prevent you from accessing the site/i,
		confidence: 0.65,
		refine: () => ({
			title: 'The network edge refused this machine’s IP address',
			explanation:
				'A Cloudflare "Access denied" page (error 1020) answered before OpenAI read any key: the address the request came from is blocked, most often because of its country, its cloud provider’s IP range, or a VPN.',
			alternatives: [
				{
					id: 'network_error',
					why: 'A corporate proxy or firewall can show a similar block page of its own.',
				},
			],
		}),
	}),
	textRule('unsupported_region', 'region', {
		codes: ['unsupported_country_region_territory', 'unsupported_country'],
		phrases: [
			'country, region, or territory not supported',
			'unsupported_country',
			'not available in your country',
		],
	}),
	textRule('other', 'ip-allowlist', {
		phrases: [
			'ip not authorized',
			'ip address is not allowed',
			'not in the ip allowlist',
			'ip_not_authorized',
			'virtual network/firewall rules',
			'trafficdenied',
		],
		refine: () => ({
			title: 'Your IP address is not on the allowlist',
			explanation:
				'The organization or project only accepts requests from listed IP addresses, and this one is not listed.',
			fixes: ['Add this IP in Settings → Security → IP allowlist, or run from an allowed network.'],
			lesson: 'troubleshooting/permissions-and-projects',
		}),
	}),
];

// An organization setting or header printed with its value: `'OpenAI-Organization': 'Personal'`,
// `"chatgpt.gpt3.organization": "My Organization"`, `OPENAI_ORG_ID=…`.
const ORGANIZATION_VALUE =
	/\b(?:openai-organization|organization|org(?:anization)?_id|openai_org(?:anization)?(?:_id)?)["']?\s*[:=]\s*["']([^"'\n]{1,80})["']/i;

/**
 * A rejected call (401) whose printed settings send an organization that is not an org id: the
 * header takes `org-…`, and a display name ("Personal", "My Organization") is refused.
 */
export const organizationValueRule: Rule = {
	id: 'wrong_organization',
	name: 'organization-value',
	match(signals) {
		if (signals.status !== 401) return undefined;
		const match = ORGANIZATION_VALUE.exec(signals.text);
		const value = match?.[1].trim();
		if (!match || !value || /^org-[A-Za-z0-9]{6,}$/.test(value)) return undefined;
		if (/^(?:undefined|null|none|nil)$/i.test(value) || /^\$|\{/.test(value)) return undefined;
		return {
			confidence: 0.7,
			evidence: [snippet(signals.text, match.index, match[0].length), 'HTTP status 401'],
			explanation: `The request named the organization "${value}", which is not an organization id: the OpenAI-Organization header (organization setting, OPENAI_ORG_ID) takes the id that starts with "org-", and any other value is refused with 401.`,
			fixes: [
				'Remove the organization setting (the key’s default organization is used), or set it to the id shown at https://platform.openai.com/settings/organization/general (org-…).',
			],
			alternatives: [
				{
					id: 'invalid_key',
					why: 'If the organization setting is right, the key itself is not one OpenAI knows.',
				},
			],
		};
	},
};

/** "Incorrect API key provided: <masked>": the masked value decides malformed vs invalid. */
export const maskedKeyRule: Rule = {
	id: 'invalid_key',
	name: 'masked-key',
	match(signals) {
		if (signals.maskedKey === undefined) return undefined;
		const at = signals.lower.indexOf('incorrect api key provided');
		const quote = snippet(signals.text, Math.max(0, at), 30 + signals.maskedKey.length);
		// OpenAI's echo points at its own dashboard; a provider that borrows the sentence does not.
		const echoedBy =
			signals.provider && !/platform\.openai\.com/.test(signals.text) ? 'other' : 'openai';
		const verdict = judgeMaskedKey(signals.maskedKey, echoedBy);
		const status = statusEvidence(signals);
		const ids = {
			invalid: 'invalid_key',
			malformed: 'malformed_key',
			missing: 'missing_key',
			foreign: 'wrong_base_url',
		} as const;
		const alternatives = [
			...(verdict.runnerUp ? [{ id: ids[verdict.runnerUp.kind], why: verdict.runnerUp.why }] : []),
			...(verdict.kind === 'invalid'
				? [
						{
							id: 'wrong_base_url' as const,
							why: 'If the key came from a relay, reseller or another provider, it only works at that service’s base URL: an ignored or unset base URL sends it to api.openai.com.',
						},
					]
				: []),
		];
		return {
			id: ids[verdict.kind],
			confidence: verdict.weak
				? 0.75
				: verdict.kind === 'invalid' || verdict.kind === 'foreign'
					? 0.8
					: 0.9,
			evidence: status ? [quote, status] : [quote],
			explanation: verdict.reason,
			...(alternatives.length > 0 ? { alternatives } : {}),
		};
	},
};

/** "Your api key: ****abcd is invalid": only the end was echoed, and it can still tell a lot. */
export const keyTailRule: Rule = {
	id: 'invalid_key',
	name: 'key-tail',
	match(signals) {
		const tail = signals.keyTail;
		if (tail === undefined) return undefined;
		const quote = `Your api key: ****${tail} is invalid`;
		if (/^(?:|null|undefined|none|nil)$/i.test(tail)) {
			return {
				id: 'missing_key',
				confidence: 0.85,
				evidence: [quote],
				explanation: `The key sent ends in "${tail || '(nothing)'}": the setting or variable that should hold it was empty, so the literal "${tail || ''}" was sent.`,
			};
		}
		if (/["'`{}<>$\\]/.test(tail) || /^(?:here|_key|-key|xxx+|x{2,}|your|key)$/i.test(tail)) {
			return {
				id: 'malformed_key',
				confidence: 0.8,
				evidence: [quote],
				explanation: `The key sent ends in "${tail}": a quote, brace or other character that no key has came with it, so a placeholder or a quoted value was sent instead of the bare key.`,
			};
		}
		return { confidence: 0.8, evidence: [quote] };
	},
};

export const invalidKeyRule = textRule('invalid_key', 'invalid-key-text', {
	codes: ['invalid_api_key'],
	phrases: [
		'incorrect api key',
		'invalid api key',
		'invalid_api_key',
		'invalid authentication',
		'invalid x-api-key',
		'invalid api-key provided',
		'invalidapikey',
	],
	confidence: 0.8,
	refine: () => ({
		alternatives: [
			{
				id: 'wrong_base_url',
				why: 'A key issued by a relay, reseller or another provider is "incorrect" at api.openai.com: it needs that service’s base URL (an old SDK or a misnamed setting can ignore it).',
			},
		],
	}),
});
