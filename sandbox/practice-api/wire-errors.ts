/**
 * Every error the practice API returns, worded exactly as api.openai.com words it
 * (see shared/reference/openai-errors.md and fixtures/real-errors-dev.json).
 */
import { maskKey } from '../keys/mask-key.ts';

/** An error reply: status, the inner `error` object, and how to serialise it. */
export type WireError = {
	status: number;
	error: { message: string; type: string; param: string | null; code: string | number | null };
	/** Region and billing-hard-limit bodies list keys alphabetically (`code` first). */
	alphabetical?: boolean;
	/** Billing 429s carry no `x-ratelimit-*` headers in captured responses. */
	noRateLimitHeaders?: boolean;
	/** Sent as `{"error": "<message>"}`: the Admin API's scope errors (see `adminScopeMissing`). */
	bareString?: boolean;
};

const err = (
	status: number,
	message: string,
	type: string,
	code: string | null = null,
	param: string | null = null,
): WireError => ({ status, error: { message, type, param, code } });

const KEYS_URL = 'https://platform.openai.com/account/api-keys';

/** No key, or an Authorization header without `Bearer`. The Responses API uses newer wording. */
export function missingKey(path: string): WireError {
	if (path.startsWith('/v1/responses')) {
		return err(401, 'Missing bearer or basic authentication in header', 'invalid_request_error');
	}
	return err(
		401,
		"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from " +
			KEYS_URL +
			'.',
		'invalid_request_error',
	);
}

/** Unknown or revoked key; the key is masked (first 8, `*`, last 4, length kept). */
export function incorrectKey(secret: string): WireError {
	return err(
		401,
		`Incorrect API key provided: ${maskKey(secret)}. You can find your API key at ${KEYS_URL}.`,
		'invalid_request_error',
		'invalid_api_key',
	);
}

/** The key's organization was deactivated. */
export function accountDeactivated(): WireError {
	return err(
		401,
		'This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.',
		'invalid_request_error',
		'account_deactivated',
	);
}

/** `OpenAI-Organization` names an organization the key does not belong to. */
export function mismatchedOrganization(): WireError {
	return err(
		401,
		'OpenAI-Organization header should match organization for API key',
		'invalid_request_error',
		'mismatched_organization',
	);
}

/** `OpenAI-Project` names a project the key is not scoped to. */
export function mismatchedProject(): WireError {
	return err(
		401,
		'OpenAI-Project header should match project for API key',
		'invalid_request_error',
		'mismatched_project',
	);
}

/** A restricted, read-only or admin key lacks the scope the endpoint needs. */
export function missingScopes(scopes: string[]): WireError {
	return err(
		401,
		`You have insufficient permissions for this operation. Missing scopes: ${scopes.join(', ')}. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.`,
		'invalid_request_error',
	);
}

/**
 * A key that is not an admin key on an Admin API route: 403 with `error` as a bare string, not
 * the usual object. Verified live by third parties calling /v1/organization/* with project keys:
 * "403 GET /v1/organization/projects Missing scopes: api.management.read" and "403 GET
 * /v1/organization/costs Missing scopes: api.usage.read", with the body
 * `{"error":"You have insufficient permissions for this operation. Missing scopes: ..."}`
 * (public notes found with the search tool, 2026-12-01; the spec documents no 403 here).
 */
export function adminScopeMissing(scope: 'api.management.read' | 'api.usage.read'): WireError {
	return { ...missingScopes([scope]), status: 403, bareString: true };
}

/** The caller's country, region or territory is not served. */
export function unsupportedRegion(): WireError {
	return {
		...err(
			403,
			'Country, region, or territory not supported',
			'request_forbidden',
			'unsupported_country_region_territory',
		),
		alphabetical: true,
	};
}

/** The model does not exist (or the key cannot see it). */
export function modelNotFound(model: string): WireError {
	return err(
		404,
		`The model \`${model}\` does not exist or you do not have access to it.`,
		'invalid_request_error',
		'model_not_found',
	);
}

/** The project's model allowlist excludes the model. */
export function projectModelDenied(projectId: string, model: string): WireError {
	return err(
		403,
		`Project \`${projectId}\` does not have access to model \`${model}\``,
		'invalid_request_error',
		'model_not_found',
	);
}

/** Out of credits or over a monthly budget. */
export function insufficientQuota(): WireError {
	return {
		...err(
			429,
			'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
			'insufficient_quota',
			'insufficient_quota',
		),
		noRateLimitHeaders: true,
	};
}

/** The organization has no active billing. */
export function billingNotActive(): WireError {
	return {
		...err(
			429,
			'Your account is not active, please check your billing details on our website.',
			'billing_not_active',
			'billing_not_active',
		),
		noRateLimitHeaders: true,
	};
}

/** Over the requests- or tokens-per-minute limit. */
export function rateLimited(
	input: { model: string; orgId: string; kind: 'requests' | 'tokens' },
	limit: number,
	used: number,
	requested: number,
	retryIn: string,
): WireError {
	const unit = input.kind === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
	return err(
		429,
		`Rate limit reached for ${input.model} in organization ${input.orgId} on ${unit}: Limit ${limit}, Used ${used}, Requested ${requested}. Please try again in ${retryIn}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
		input.kind,
		'rate_limit_exceeded',
	);
}

/** One request asks for more tokens than the whole TPM budget: retrying cannot help. */
export function requestTooLarge(model: string, orgId: string, limit: number, requested: number) {
	return err(
		429,
		`Request too large for ${model} in organization ${orgId} on tokens per min (TPM): Limit ${limit}, Requested ${requested}. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.`,
		'tokens',
		'rate_limit_exceeded',
	);
}

/** A server-side failure. */
export function serverError(requestId: string): WireError {
	return err(
		500,
		`The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error. (Please include the request ID ${requestId} in your email.)`,
		'server_error',
	);
}

/** Overload. */
export function overloaded(): WireError {
	return err(
		503,
		'Our servers are currently overloaded. Please try again later.',
		'service_unavailable_error',
		'server_is_overloaded',
	);
}

/** The event that breaks a Responses stream off (fixture overloaded-streamed-server-is-overloaded). */
export function streamErrorEvent(sequenceNumber: number): string {
	const error = {
		type: 'service_unavailable_error',
		code: 'server_is_overloaded',
		message: 'Our servers are currently overloaded. Please try again later.',
		param: null,
	};
	const data = { type: 'error', sequence_number: sequenceNumber, error };
	return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The chunk that breaks a chat completions stream off. */
export function chatStreamErrorChunk(): string {
	const error = overloaded().error;
	return `data: ${JSON.stringify({ error })}\n\n`;
}

/** A path no route serves. */
export function unknownUrl(method: string, path: string): WireError {
	return err(
		404,
		`Unknown request URL: ${method} ${path}. Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.`,
		'invalid_request_error',
		'unknown_url',
	);
}

/** The body is not JSON. */
export function invalidJson(): WireError {
	return err(
		400,
		"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
		'invalid_request_error',
	);
}

/** No `model` in the body. */
export function missingModel(): WireError {
	return err(400, 'you must provide a model parameter', 'invalid_request_error');
}

/** A required parameter other than `model` is missing. */
export function missingParameter(param: string): WireError {
	return err(
		400,
		`Missing required parameter: '${param}'.`,
		'invalid_request_error',
		'missing_required_parameter',
		param,
	);
}

/** A parameter has the wrong type or value. */
export function invalidParameter(param: string, message: string): WireError {
	return err(400, message, 'invalid_request_error', 'invalid_value', param);
}

/** The model exists but not for this endpoint (e.g. an embedding model on chat). */
export function notAChatModel(): WireError {
	return err(
		404,
		'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
		'invalid_request_error',
		null,
		'model',
	);
}

/** Serialises `{"error": {...}}` the way the API does: 2-space indent, trailing newline. */
export function errorBody(wire: WireError): string {
	if (wire.bareString) return JSON.stringify({ error: wire.error.message }, null, 2) + '\n';
	const inner = wire.alphabetical
		? {
				code: wire.error.code,
				message: wire.error.message,
				param: wire.error.param,
				type: wire.error.type,
			}
		: wire.error;
	return JSON.stringify({ error: inner }, null, 2) + '\n';
}
