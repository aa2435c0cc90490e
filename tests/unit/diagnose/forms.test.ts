import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../sandbox/diagnose/index.ts';
import type { DiagnosisId } from '../../../sandbox/diagnose/index.ts';
import { maskKey } from '../../../sandbox/keys/mask-key.ts';
import { renderForms, type ApiError } from './render-forms.ts';

// Real-shaped keys are built at run time so no key-shaped string is ever committed.
const body20 = 'Ab3dEf6hIj9kLm2nOp5q';
const projectKey =
	'sk-proj-' + (body20 + '_x-').repeat(3) + 'T3Blbk' + 'FJ' + body20.repeat(4) + 'abcd';
const incorrect = (key: string) =>
	`Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`;

const apiErrors: Record<string, ApiError> = {
	missing_key: {
		status: 401,
		type: 'invalid_request_error',
		code: null,
		message:
			"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
	},
	malformed_key: {
		status: 401,
		type: 'invalid_request_error',
		code: 'invalid_api_key',
		message: incorrect(`"${projectKey}"`),
	},
	invalid_key: {
		status: 401,
		type: 'invalid_request_error',
		code: 'invalid_api_key',
		message: incorrect(projectKey),
	},
	revoked_key: {
		status: 401,
		type: 'invalid_request_error',
		code: 'account_deactivated',
		message:
			'The OpenAI account associated with this API key has been deactivated. If you are the developer for this OpenAI app, please check your email for more information.',
	},
	wrong_organization: {
		status: 401,
		type: 'invalid_request_error',
		code: 'mismatched_organization',
		message: 'OpenAI-Organization header should match organization for API key',
	},
	wrong_project: {
		status: 401,
		type: 'invalid_request_error',
		code: 'mismatched_project',
		message: 'OpenAI-Project header should match project for API key',
	},
	missing_scopes: {
		status: 401,
		type: 'invalid_request_error',
		code: null,
		message:
			"You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
	},
	unsupported_region: {
		status: 403,
		type: 'request_forbidden',
		code: 'unsupported_country_region_territory',
		message: 'Country, region, or territory not supported',
	},
	model_not_found: {
		status: 404,
		type: 'invalid_request_error',
		code: 'model_not_found',
		message: 'The model `gpt-5-turbo` does not exist or you do not have access to it.',
	},
	insufficient_quota: {
		status: 429,
		type: 'insufficient_quota',
		code: 'insufficient_quota',
		message:
			'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
	},
	billing_not_active: {
		status: 429,
		type: 'billing_not_active',
		code: 'billing_not_active',
		message: 'Your account is not active, please check your billing details on our website.',
	},
	rate_limit: {
		status: 429,
		type: 'tokens',
		code: 'rate_limit_exceeded',
		message:
			'Rate limit reached for gpt-4o-mini in organization org-abcdefghijklmnopqrstuvwx on tokens per min (TPM): Limit 200000, Used 199500, Requested 900. Please try again in 1m26.4s. Visit https://platform.openai.com/account/rate-limits to learn more.',
	},
	server_error: {
		status: 500,
		type: 'server_error',
		code: null,
		message:
			'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error.',
	},
	overloaded: {
		status: 503,
		type: 'service_unavailable_error',
		code: 'server_is_overloaded',
		message: 'Our servers are currently overloaded. Please try again later.',
	},
	bad_request: {
		status: 400,
		type: 'invalid_request_error',
		code: 'context_length_exceeded',
		message:
			"This model's maximum context length is 128000 tokens. However, your messages resulted in 130012 tokens. Please reduce the length of the messages.",
	},
};

describe('every API error id in every printed form', () => {
	for (const [id, error] of Object.entries(apiErrors)) {
		for (const [form, input] of Object.entries(renderForms(error))) {
			it(`${id} as ${form}`, () => {
				const result = diagnose(input as Parameters<typeof diagnose>[0]);
				expect(result.id).toBe(id);
				expect(result.confidence).toBeGreaterThanOrEqual(0.8);
				expect(result.evidence.length).toBeGreaterThan(0);
				expect(JSON.stringify(result)).not.toContain(projectKey);
			});
		}
	}
});

// Errors with no HTTP answer, or raised before a request is sent, in each environment's words.
const transport: Record<string, Record<string, unknown>> = {
	network_error: {
		python:
			'openai.APIConnectionError: Connection error.\n\nhttpx.ConnectError: [Errno -3] Temporary failure in name resolution',
		pythonTimeout: 'openai.APITimeoutError: Request timed out.',
		node: 'APIConnectionError: Connection error.\n    at OpenAI.makeRequest (client.mjs:402:19) {\n  cause: TypeError: fetch failed\n  [cause]: Error: getaddrinfo ENOTFOUND api.openai.com',
		curl: 'curl: (6) Could not resolve host: api.openai.com',
		browser: 'POST https://api.openai.com/v1/chat/completions net::ERR_CONNECTION_RESET',
		go: 'Post "https://api.openai.com/v1/chat/completions": dial tcp: lookup api.openai.com: no such host',
		dotnet: 'System.Net.Http.HttpRequestException: No such host is known. (api.openai.com:443)',
		litellm: 'litellm.APIConnectionError: APIConnectionError: OpenAIException - Connection error.',
		structured: {
			error: Object.assign(new Error('Connection error.', { cause: { code: 'ECONNRESET' } }), {
				name: 'APIConnectionError',
			}),
		},
	},
	cors_blocked: {
		chrome:
			"Access to fetch at 'https://api.openai.com/v1/chat/completions' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check.",
		node: "OpenAIError: It looks like you're running in a browser-like environment.\n\nThis is disabled by default, as it risks exposing your secret API credentials to attackers.\nIf you understand the risks and have appropriate mitigations in place,\nyou can set the `dangerouslyAllowBrowser` option to `true`",
		structured: {
			error: new TypeError(
				"Access to fetch at 'https://api.openai.com/v1/models' from origin 'null' has been blocked by CORS policy",
			),
		},
	},
	missing_key: {
		python:
			'openai.OpenAIError: The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable',
		node: 'OpenAIError: Missing credentials. Please pass an `apiKey`, or set the `OPENAI_API_KEY` environment variable.',
		pythonV0:
			"openai.error.AuthenticationError: No API key provided. You can set your API key in code using 'openai.api_key = <API-KEY>'",
		httpx: "httpx.LocalProtocolError: Illegal header value b'Bearer '",
		langchain:
			'ValidationError: 1 validation error for ChatOpenAI\n__root__\n  Did not find openai_api_key, please add an environment variable `OPENAI_API_KEY` which contains it',
		codex:
			'http 401 Unauthorized: {"error":{"message":"Missing bearer or basic authentication in header","type":"invalid_request_error","param":null,"code":null}}',
		// "undefined" / '' echoed as the key: the variable was never loaded (issue 17).
		undefinedKey: incorrect('undefined'),
		emptyQuoted:
			"Incorrect API key provided: ''. You can find your API key at https://platform.openai.com/account/api-keys.",
		bearerUndefined:
			"AxiosError: Request failed with status code 401\n  headers: { Authorization: 'Bearer undefined' }",
		openRouter:
			"OpenrouterException - Error code: 401 - {'error': {'message': 'No auth credentials found', 'code': 401}}",
	},
	malformed_key: {
		node: 'TypeError: Invalid character in header content ["Authorization"]',
		httpx: "httpx.LocalProtocolError: Illegal header value b'Bearer sk-proj-abc \\n'",
		browser:
			"TypeError: Failed to execute 'fetch' on 'Window': Failed to read the 'headers' property from 'RequestInit': String contains non ISO-8859-1 code point.",
		python:
			"UnicodeEncodeError: 'ascii' codec can't encode character '\\u201c' in position 7: ordinal not in range(128)",
		bearer: incorrect('Bearer ' + projectKey),
		envPrefix: incorrect('OPENAI_API_KEY=' + projectKey),
		url: incorrect('https://api.openai.com/v1'),
		template: incorrect('${OPENAI_API_KEY}'),
		spaces: incorrect('sk jj'),
	},
	// A CORS report on a URL that does not exist: the 404 page has no CORS headers (issue 17).
	wrong_base_url: {
		firefox:
			"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.openai.com/v1/chat. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 404.",
		safari:
			'Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 404',
		unknownUrl: '404 Unknown request URL: POST /chat/completions. Please check the URL for typos.',
		doubledPath:
			"NotFoundError: Error code: 404 - {'error': {'message': 'Invalid URL (POST /v1/chat/completions/chat/completions)', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
		typoHost: 'Error: getaddrinfo ENOTFOUND api.opena1.com',
		openRouterKey: incorrect('sk-or-v1-' + 'ab12'.repeat(16)),
	},
	other: {
		plain: "TypeError: Cannot read properties of undefined (reading 'choices')",
		empty: '',
		structured: { status: 200, body: { ok: true } },
	},
};

describe('transport and client-side errors', () => {
	for (const [id, forms] of Object.entries(transport)) {
		for (const [form, input] of Object.entries(forms)) {
			it(`${id} as ${form}`, () => {
				expect(diagnose(input as Parameters<typeof diagnose>[0]).id).toBe(id as DiagnosisId);
			});
		}
	}
});

describe('traps from the reference', () => {
	const cases: [string, string, DiagnosisId][] = [
		[
			'401 missing scopes is not a bad key',
			'AuthenticationError: 401 You have insufficient permissions for this operation. Missing scopes: api.responses.write.',
			'missing_scopes',
		],
		[
			'403 allowlist is a model problem',
			'PermissionDeniedError: 403 Project `proj_abc` does not have access to model `gpt-4o`',
			'model_not_found',
		],
		[
			'400 billing hard limit is quota',
			'BadRequestError: 400 Billing hard limit has been reached',
			'insufficient_quota',
		],
		[
			'RateLimitError with quota is quota',
			'Retrying in 4.0 seconds as it raised RateLimitError: You exceeded your current quota, please check your plan and billing details.',
			'insufficient_quota',
		],
		[
			'Request too large is a rate limit that retry cannot fix',
			'429 Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 45000.',
			'rate_limit',
		],
		['bare 429 defaults to rate limit', 'RateLimitError: 429 status code (no body)', 'rate_limit'],
		[
			'bare 502 HTML page',
			'<html><head><title>502 Bad Gateway</title></head><body><center>cloudflare</center></body></html>',
			'server_error',
		],
		[
			'Go client prefix',
			'[429:insufficient_quota] You exceeded your current quota',
			'insufficient_quota',
		],
		[
			'2023 overload as RateLimitError',
			'openai.error.RateLimitError: That model is currently overloaded with other requests. You can retry your request.',
			'overloaded',
		],
		[
			'no organization',
			'You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.',
			'wrong_organization',
		],
		[
			'access terminated',
			"{'error': {'message': 'Your access was terminated due to violation of our policies', 'type': 'access_terminated', 'param': None, 'code': None}}",
			'revoked_key',
		],
		[
			'new credits wording',
			'429 You have no credits remaining. Add credits to continue using the API.',
			'insufficient_quota',
		],
		[
			'Cloudflare 403 page',
			'openai.PermissionDeniedError: <html><head><title>403 Forbidden</title></head><body><center>cloudflare</center></body></html>',
			'unsupported_region',
		],
		[
			'unverified organization',
			'{"error":{"message":"Your organization must be verified to use the model `o3`.","type":"invalid_request_error","param":null,"code":"unsupported_value"}}',
			'organization_not_verified',
		],
		[
			'archived project',
			'401 The project you are requesting has been archived and is no longer accessible',
			'revoked_key',
		],
		['LangChain missing key', 'Error: OpenAI API key not found', 'missing_key'],
		[
			'trailing newline in the masked key',
			JSON.stringify({ error: { message: incorrect(projectKey + '\n'), code: 'invalid_api_key' } }),
			'malformed_key',
		],
		['short mask keeps no length', incorrect('sk-' + '*'.repeat(44) + 'EbAt'), 'invalid_key'],
		// An odd echoed length is a runner-up, not a verdict: echoes are often shortened by hand.
		['echo of an odd length', incorrect(projectKey.slice(0, 90)), 'invalid_key'],
		[
			'Azure token rate limit',
			'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2023-05-15 have exceeded token rate limit of your current OpenAI S0 pricing tier.',
			'rate_limit',
		],
		['LlamaIndex missing key', 'ValueError: No API key found for OpenAI.', 'missing_key'],
		[
			'os.environ KeyError',
			'Traceback (most recent call last):\n  File "app.py", line 3\nKeyError: \'OPENAI_API_KEY\'',
			'missing_key',
		],
		[
			'old SDK style',
			'openai.lib._old_api.APIRemovedInV1: You tried to access openai.ChatCompletion, but this is no longer supported in openai>=1.0.0',
			'bad_request',
		],
		[
			'Vercel AI SDK retry',
			'AI_RetryError: Failed after 3 attempts. Last error: You exceeded your current quota, please check your plan and billing details.',
			'insufficient_quota',
		],
		[
			'urllib3 429 retries',
			"Max retries exceeded with url: /v1/chat/completions (Caused by ResponseError('too many 429 error responses'))",
			'rate_limit',
		],
		[
			'Go TLS',
			'Post "https://api.openai.com/v1/responses": x509: certificate signed by unknown authority',
			'network_error',
		],
		[
			'browser status line',
			'Failed to load resource: the server responded with a status of 401 ()',
			'invalid_key',
		],
		[
			'reseller key reaching api.openai.com',
			incorrect('sk-' + 'a1b2c3d4'.repeat(4)),
			'wrong_base_url',
		],
		[
			'legacy key',
			incorrect('sk-' + 'Ab3dEf6hIj9kLm2nOp5q' + 'T3Blbk' + 'FJ' + 'Ab3dEf6hIj9kLm2nOp5q'),
			'invalid_key',
		],
	];
	for (const [name, input, id] of cases) {
		it(name, () => expect(diagnose(input).id).toBe(id));
	}

	it('Request too large is not retryable; a TPM limit is', () => {
		expect(diagnose(cases[4][1]).retryable).toBe(false);
		expect(diagnose(apiErrors.rate_limit.message).retryable).toBe(true);
		expect(diagnose(apiErrors.insufficient_quota.message).retryable).toBe(false);
	});

	it('suggests the model a typo was meant to be', () => {
		const result = diagnose('openai.error.InvalidRequestError: The model `gtp-4` does not exist');
		expect(result.fixes[0]).toContain('"gpt-4"');
	});

	it('redacts a raw key quoted in evidence', () => {
		const result = diagnose(
			`curl -H "Authorization: Bearer ${projectKey}"\n401 Incorrect API key provided`,
		);
		expect(JSON.stringify(result)).not.toContain(projectKey);
	});
});
