import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisId } from '../../../sandbox/diagnose/index.ts';
import { readSignals } from '../../../sandbox/diagnose/signals.ts';
import { maskKey } from '../../../sandbox/keys/mask-key.ts';

// Shapes of evidence from issue 17: wrapper re-formats, SDK printouts of many languages, raw
// HTTP, HAR. Keys are built at run time so no key-shaped string is committed.
const tail = 'Ab3dEf6hIj9kLm2nOp5q';
const projectKey =
	'sk-proj-' + (tail + '_x-').repeat(3) + 'T3Blbk' + 'FJ' + tail.repeat(4) + 'wxyz';
const incorrect = (value: string) =>
	`Incorrect API key provided: ${value}. You can find your API key at https://platform.openai.com/account/api-keys.`;

const shapes: [string, string, DiagnosisId][] = [
	[
		'wrapper re-format "Status, Code, Type, Message"',
		'Status: 401, Code: mismatched_organization, Type: invalid_request_error, Message: OpenAI-Organization header should match organization for API key',
		'wrong_organization',
	],
	[
		'AI_APICallError with no status',
		`AI_APICallError: ${incorrect(maskKey(projectKey))}`,
		'invalid_key',
	],
	[
		'LiteLLM OpenrouterException',
		"litellm.AuthenticationError: OpenrouterException - Error code: 401 - {'error': {'message': 'No auth credentials found', 'code': 401}}",
		'missing_key',
	],
	[
		'Bearer undefined echoed by axios',
		"headers: { Authorization: 'Bearer undefined' }, status: 401",
		'missing_key',
	],
	["empty key echoed as ''", `401 ${incorrect("''")}`, 'missing_key'],
	[
		'undici connect timeout',
		'TypeError: fetch failed\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: api.openai.com:443, timeout: 10000ms)',
		'network_error',
	],
	[
		'a 500 sentence with no status',
		'Codex error: An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
		'server_error',
	],
	[
		'a parameter type error',
		"OpenAI\\Exceptions\\ErrorException: 'json_object' is not of type 'object' - 'response_format'",
		'bad_request',
	],
	[
		'Go client print',
		'error, status code: 429, status: 429 Too Many Requests, message: You exceeded your current quota, please check your plan and billing details.',
		'insufficient_quota',
	],
	[
		'.NET ClientResultException',
		'System.ClientModel.ClientResultException: HTTP 404 (invalid_request_error: model_not_found)\n\nThe model `gpt-5-turbo` does not exist or you do not have access to it.',
		'model_not_found',
	],
	[
		'Rust async-openai Debug output',
		'ApiError(ApiError { message: "The model `gtp-4o` does not exist or you do not have access to it.", type: Some("invalid_request_error"), param: None, code: Some("model_not_found") })',
		'model_not_found',
	],
	[
		'Java Spring AI',
		'org.springframework.ai.retry.NonTransientAiException: 403 - {"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}',
		'unsupported_region',
	],
	[
		'organization verification on streaming (400 unsupported_value)',
		"openai.BadRequestError: Error code: 400 - {'error': {'message': 'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.', 'type': 'invalid_request_error', 'param': 'stream', 'code': 'unsupported_value'}}",
		'organization_not_verified',
	],
	[
		'organization verification on an image model (403)',
		"PermissionDeniedError: 403 Your organization must be verified to use the model 'gpt-image-1'",
		'organization_not_verified',
	],
	[
		'the same 400 unsupported_value on stream that is not verification',
		'{"error":{"message":"Unsupported value: \'stream\' does not support true with this model.","type":"invalid_request_error","param":"stream","code":"unsupported_value"}}',
		'bad_request',
	],
	[
		'an OpenAI key sent to Azure',
		'Azure.RequestFailedException: Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.\nStatus: 401 (PermissionDenied)',
		'wrong_base_url',
	],
	[
		'a CORS error on a mistyped host',
		"Access to fetch at 'https://api.openai.co/chat/completions' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
		'wrong_base_url',
	],
	[
		'a CORS error on a real API route',
		"Access to fetch at 'https://api.openai.com/v1/chat/completions' from origin 'http://localhost:5173' has been blocked by CORS policy: Request header field x-stainless-os is not allowed by Access-Control-Allow-Headers in preflight response.",
		'cors_blocked',
	],
];

describe('shapes of evidence', () => {
	for (const [name, input, id] of shapes) {
		it(`${name} → ${id}`, () => {
			const result = diagnose(input);
			expect(result.id).toBe(id);
			expect(result.evidence.length).toBeGreaterThan(0);
		});
	}
});

describe('fields come out of any printout', () => {
	it('curl -i: status, rate-limit headers, retry-after and request id', () => {
		const text = [
			'HTTP/2 429',
			'date: Tue, 01 Dec 2026 03:00:00 GMT',
			'x-ratelimit-limit-requests: 500',
			'x-ratelimit-remaining-requests: 0',
			'x-ratelimit-reset-requests: 12s',
			'retry-after: 12',
			'x-request-id: req_0123456789abcdef0123456789abcdef',
			'',
			'{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 500, Used 500, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
		].join('\n');
		const signals = readSignals(text);
		expect(signals.status).toBe(429);
		expect(signals.headers['x-ratelimit-remaining-requests']).toBe('0');
		expect(signals.retryAfter).toBe('12');
		expect(signals.requestId).toBe('req_0123456789abcdef0123456789abcdef');
		const result = diagnose(text);
		expect(result.id).toBe('rate_limit');
		expect(result.fixes[0]).toContain('12');
		expect(result.explanation).toContain('req_0123456789abcdef0123456789abcdef');
	});

	it('httpx debug log header tuples', () => {
		const signals = readSignals(
			"receive_response_headers.complete return_value=(b'HTTP/1.1', 429, b'Too Many Requests', [(b'x-ratelimit-remaining-tokens', b'0'), (b'retry-after', b'20')])",
		);
		expect(signals.headers['x-ratelimit-remaining-tokens']).toBe('0');
		expect(signals.retryAfter).toBe('20');
	});

	it('param, URL and method', () => {
		const signals = readSignals(
			'POST https://api.openai.com/v1/chat/completions\n{"error":{"message":"Invalid type for \'temperature\'","type":"invalid_request_error","param":"temperature","code":"invalid_type"}}',
		);
		expect(signals.params).toEqual(['temperature']);
		expect(signals.urls).toEqual(['https://api.openai.com/v1/chat/completions']);
		expect(signals.method).toBe('POST');
	});

	it('the path OpenAI echoed, and what is wrong with it', () => {
		const doubled = diagnose(
			"Error code: 404 - {'error': {'message': 'Invalid URL (POST /v1/chat/completions/chat/completions)', 'type': 'invalid_request_error'}}",
		);
		expect(doubled.id).toBe('wrong_base_url');
		expect(doubled.title).toMatch(/already contains the endpoint/);
		const noV1 = diagnose(
			"OpenAIException - Error code: 404 - {'message': 'Invalid URL (POST /chat/completions)'}",
		);
		expect(noV1.title).toMatch(/missing \/v1/);
	});

	it('a HAR file: the failed exchange, without reading the request headers', () => {
		const har = {
			log: {
				entries: [
					{
						request: {
							method: 'POST',
							url: 'https://api.openai.com/v1/chat/completions',
							headers: [{ name: 'Authorization', value: `Bearer ${projectKey}` }],
						},
						response: {
							status: 429,
							headers: [{ name: 'x-request-id', value: 'req_fedcba9876543210fedcba9876543210' }],
							content: {
								text: '{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}',
							},
						},
					},
				],
			},
		};
		for (const input of [har, JSON.stringify(har)]) {
			const result = diagnose(input as never);
			expect(result.id).toBe('insufficient_quota');
			expect(result.explanation).toContain('req_fedcba9876543210fedcba9876543210');
			expect(JSON.stringify(result)).not.toContain(projectKey);
		}
	});
});

describe('whose error it is', () => {
	it('OpenRouter: said so, with its key, base URL and credit page', () => {
		const result = diagnose(
			"OpenrouterException - Error code: 402 - {'error': {'message': 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', 'code': 402}}",
		);
		expect(result.id).toBe('insufficient_quota');
		expect(result.provider?.kind).toBe('openrouter');
		expect(result.provider?.name).toBe('OpenRouter');
		expect(result.fixes[0]).toContain('https://openrouter.ai/settings/credits');
		// OpenAI's billing page does not help with OpenRouter credit.
		expect(result.fixes.join(' ')).not.toContain(
			'platform.openai.com/settings/organization/billing',
		);
	});

	it('Azure: the key and endpoint of the resource', () => {
		const result = diagnose(
			'{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}',
		);
		expect(result.id).toBe('model_not_found');
		expect(result.provider?.kind).toBe('azure');
		expect(result.fixes.join(' ')).toMatch(/deployment name/);
	});

	it('a local server, from the URL that was called', () => {
		const result = diagnose(
			'POST http://localhost:11434/v1/chat/completions\n404 {"error":{"message":"model \\"llama3\\" not found, try pulling it first","type":"api_error"}}',
		);
		expect(result.id).toBe('model_not_found');
		expect(result.provider?.kind).toBe('local');
		expect(result.fixes[0]).toMatch(/ollama pull/);
	});

	it('a relay that appends its own request ids', () => {
		const result = diagnose(
			'{"error":{"message":"Country, region, or territory not supported (request id: 2024072510422562564674066306279)","type":"request_forbidden","code":"unsupported_country_region_territory"}}',
		);
		expect(result.id).toBe('unsupported_region');
		expect(result.provider?.kind).toBe('relay');
	});

	it('a service that borrows OpenAI’s sentence: its title, and a named host is not a called one', () => {
		const result = diagnose(
			'400 "Incorrect API key provided: na***ys. You can obtain an API key from https://console.x.ai."',
		);
		expect(result.id).toBe('invalid_key');
		expect(result.title).toBe('The service at console.x.ai does not recognise this key');
		expect(result.provider?.evidence).toBe('the error names console.x.ai');
		const called = diagnose(
			'POST https://llm.example.net/v1/chat/completions\n401 {"error":{"message":"Invalid API key"}}',
		);
		expect(called.provider?.evidence).toBe('the request went to llm.example.net');
	});

	it('an API gateway’s own key: the header it expects', () => {
		const result = diagnose(
			"Error code: 401 - {'statusCode': 401, 'message': 'Access denied due to missing subscription key.'}",
		);
		expect(result.id).toBe('missing_key');
		expect(result.fixes[0]).toContain('Ocp-Apim-Subscription-Key');
	});

	it('OpenAI itself: no provider line', () => {
		const result = diagnose(
			'POST https://api.openai.com/v1/chat/completions\n429 You exceeded your current quota, please check your plan and billing details.',
		);
		expect(result.provider).toBeUndefined();
	});
});

describe('honest confidence', () => {
	it('a bare status names both causes, the likelier first', () => {
		const result = diagnose('RateLimitError: 429 status code (no body)');
		expect(result.id).toBe('rate_limit');
		expect(result.confidence).toBeLessThan(0.8);
		expect(result.alternatives?.[0].id).toBe('insufficient_quota');
		expect(result.explanation).toMatch(/Another cause also fits/);
	});

	it('"other" says what it saw and where to look', () => {
		const result = diagnose("TypeError: Cannot read properties of undefined (reading 'choices')");
		expect(result.id).toBe('other');
		expect(result.evidence[0]).toContain("(reading 'choices')");
		// An error body the program never printed, or v3 code (`completion.data.choices`) on v4.
		expect(result.explanation).toContain('the cause is in that body');
		expect(result.explanation).toMatch(/look at the line it points to.*completion\.data\.choices/);
		const unknown = diagnose('Something went wrong: E_WIDGET_42');
		expect(unknown.explanation).toMatch(/look at the line/);
	});
});

describe('no whole key in anything a diagnosis says (security)', () => {
	// Built at run time: a project key, a legacy key and an OpenRouter key of realistic length.
	const legacy = 'sk-' + tail + 'T3Blbk' + 'FJ' + tail.slice(0, 20) + 'Q';
	const openrouter = 'sk-or-v1-' + '0123456789abcdef'.repeat(4);
	const keys = [projectKey, legacy, openrouter];
	const carriers = (key: string) => [
		incorrect(key),
		incorrect('x' + key),
		`Error: 401 Invalid key x${key}y in header`,
		`Authorization: Bearer ${key}\nHTTP/1.1 401 Unauthorized`,
		`{"error":{"message":"Incorrect API key provided: ${key}","code":"invalid_api_key"}}`,
		`request to https://api.openai.com/v1/models?key=${key} failed, reason: getaddrinfo ENOTFOUND`,
		`OPENAI_API_KEY=${key} is not valid`,
		`api-key: ${key}\nStatus: 401 (PermissionDenied)\nAccess denied due to invalid subscription key or wrong API endpoint.`,
	];
	for (const key of keys) {
		for (const input of carriers(key)) {
			it(`never quotes ${key.slice(0, 6)}… from: ${input.slice(0, 40).replace(key, '<key>')}`, () => {
				const said = JSON.stringify(diagnose(input));
				expect(said).not.toContain(key);
				// Nor the key without its first or last characters (glued text shifts boundaries).
				expect(said).not.toContain(key.slice(3, -3));
			});
		}
	}
});
