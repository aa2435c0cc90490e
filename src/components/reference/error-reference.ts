/**
 * The rows of the error reference page. The causes, their retry advice and their lessons come from
 * the diagnosis catalog (sandbox/diagnose/catalog.ts), so a new cause appears on the page as soon
 * as it is catalogued; this file adds only what the API sends for each cause, and the SDK classes
 * those statuses raise.
 */

/** What the API sends for one cause. `status` undefined: no HTTP answer at all. */
export type WireFact = { status?: number; type: string | null; code: string | null; note?: string };

/** The catalog fields the page shows. */
export type CatalogLike = Record<string, { title: string; retryable: boolean; lesson: string }>;

/** One row of the table. */
export type ErrorRow = {
	id: string;
	title: string;
	status: string;
	typeCode: string;
	node: string;
	python: string;
	retry: string;
	lesson: string;
};

// Checked against sandbox/practice-api/wire-errors.ts, which cites a captured body for each, and
// for organization_not_verified against openai/openai-go#565 and continuedev/continue#8209.
const WIRE: Record<string, readonly WireFact[]> = {
	missing_key: [{ status: 401, type: 'invalid_request_error', code: null }],
	malformed_key: [
		{ status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
		{
			type: null,
			code: null,
			note: 'or no request at all: the SDK throws an invalid-header TypeError',
		},
	],
	invalid_key: [{ status: 401, type: 'invalid_request_error', code: 'invalid_api_key' }],
	revoked_key: [
		{ status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
		{ status: 401, type: 'invalid_request_error', code: 'account_deactivated' },
	],
	wrong_organization: [
		{ status: 401, type: 'invalid_request_error', code: 'mismatched_organization' },
	],
	wrong_project: [{ status: 401, type: 'invalid_request_error', code: 'mismatched_project' }],
	missing_scopes: [
		{ status: 401, type: 'invalid_request_error', code: null, note: '"Missing scopes: …"' },
	],
	unsupported_region: [
		{ status: 403, type: 'request_forbidden', code: 'unsupported_country_region_territory' },
	],
	organization_not_verified: [
		{
			status: 403,
			type: 'invalid_request_error',
			code: null,
			note: '"must be verified to use the model"',
		},
		{
			status: 400,
			type: 'invalid_request_error',
			code: 'unsupported_value',
			note: 'param `stream`',
		},
	],
	model_not_found: [
		{ status: 404, type: 'invalid_request_error', code: 'model_not_found' },
		{
			status: 403,
			type: 'invalid_request_error',
			code: 'model_not_found',
			note: 'project allowlist',
		},
	],
	insufficient_quota: [
		{ status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
		{
			status: 429,
			type: null,
			code: 'organization_spend_limit_exceeded',
			note: 'or project_spend_limit_exceeded',
		},
	],
	billing_not_active: [{ status: 429, type: 'billing_not_active', code: 'billing_not_active' }],
	rate_limit: [
		{ status: 429, type: 'requests', code: 'rate_limit_exceeded' },
		{ status: 429, type: 'tokens', code: 'rate_limit_exceeded' },
	],
	server_error: [{ status: 500, type: 'server_error', code: null }],
	overloaded: [{ status: 503, type: 'service_unavailable_error', code: 'server_is_overloaded' }],
	bad_request: [{ status: 400, type: 'invalid_request_error', code: null }],
	network_error: [{ type: null, code: null }],
	cors_blocked: [{ type: null, code: null, note: 'browser only: TypeError "Failed to fetch"' }],
};

/** The class the Node SDK raises for a status (openai-node src/core/error.ts). */
export function nodeClass(status: number | undefined): string {
	if (status === undefined) return 'APIConnectionError';
	const named: Record<number, string> = {
		400: 'BadRequestError',
		401: 'AuthenticationError',
		403: 'PermissionDeniedError',
		404: 'NotFoundError',
		409: 'ConflictError',
		422: 'UnprocessableEntityError',
		429: 'RateLimitError',
	};
	return named[status] ?? (status >= 500 ? 'InternalServerError' : 'APIError');
}

/** The class the Python SDK raises for a status (openai-python src/openai/_exceptions.py). */
export function pythonClass(status: number | undefined): string {
	if (status === undefined) return 'openai.APIConnectionError';
	const name = nodeClass(status);
	return `openai.${name === 'APIError' ? 'APIStatusError' : name}`;
}

const show = (value: string | null) => (value === null ? '—' : `\`${value}\``);

/** Every catalogued cause, one row per distinct answer the API gives for it. */
export function errorRows(catalog: CatalogLike): ErrorRow[] {
	return Object.entries(catalog).flatMap(([id, entry]) => {
		const facts = WIRE[id] ?? [{ type: null, code: null, note: 'see the lesson' }];
		return facts.map((fact) => ({
			id,
			title: entry.title,
			status: fact.status === undefined ? 'none' : String(fact.status),
			typeCode:
				fact.type === null && fact.code === null
					? (fact.note ?? '—')
					: `${show(fact.type)} / ${show(fact.code)}${fact.note ? ` (${fact.note})` : ''}`,
			node:
				fact.status === undefined && id === 'cors_blocked' ? 'TypeError' : nodeClass(fact.status),
			python: id === 'cors_blocked' ? '—' : pythonClass(fact.status),
			retry: entry.retryable ? 'yes, with backoff' : 'no',
			lesson: entry.lesson,
		}));
	});
}
