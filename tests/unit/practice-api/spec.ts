/**
 * Validates practice API replies against OpenAI's published OpenAPI spec (the copy in
 * tests/fixtures/openai-openapi, v2.3.0), with ajv's JSON Schema 2020-12 validator.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;
type Spec = { paths: Record<string, Record<string, Json>>; components: { schemas: Json } };

const spec = JSON.parse(
	readFileSync(new URL('../../fixtures/openai-openapi/openapi.json', import.meta.url), 'utf8'),
) as Spec;

// OpenAPI 3.0 leftovers that JSON Schema 2020-12 does not read (see the fixture's README).
function normalise(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(normalise);
	if (!node || typeof node !== 'object') return node;
	const out: Json = {};
	for (const [k, v] of Object.entries(node as Json)) out[k] = normalise(v);
	const nullable = out.nullable === true;
	delete out.nullable;
	if (nullable) {
		const values = out.enum as unknown[] | undefined;
		if (Array.isArray(values) && !values.includes(null)) out.enum = [...values, null];
		if (typeof out.type === 'string') out.type = [out.type, 'null'];
		// A nullable reference (e.g. a chat chunk's `usage`, "null except for the last chunk").
		if (typeof out.$ref === 'string') {
			const { $ref, ...rest } = out;
			return { ...rest, anyOf: [{ $ref }, { type: 'null' }] };
		}
	}
	return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isFinite(n) });
ajv.addSchema({ $id: 'spec', components: normalise(spec.components) as Json });

// Inline schemas (a few replies are not components) refer to `#/components/...` of the spec.
function inline(schema: Json): Json {
	const text = JSON.stringify(normalise(schema)).replaceAll('"#/components/', '"spec#/components/');
	return JSON.parse(text) as Json;
}

/**
 * Where the real API and the spec disagree, the real API wins. Each entry: a JSON pointer into a
 * Response object, the value the real API sends there, and where that was seen.
 */
export const ALLOWED_DIVERGENCES = [
	{
		at: '/user',
		value: null,
		inStreamOnly: false,
		source:
			'Real Responses carry "user": null, while the spec types `user` as a string; the spec\'s own example reply of POST /responses (x-oaiMeta) shows "user": null.',
	},
	{
		at: '/usage',
		value: null,
		inStreamOnly: true,
		source:
			'In a Responses stream, the response inside response.created and response.in_progress has "usage": null until it completes (the spec\'s own stream examples).',
	},
] as const;

const validators = new Map<string, ValidateFunction>();

function validator(schema: string): ValidateFunction {
	// Inline schemas are compiled by `responseSchema` under their key.
	let found = validators.get(schema);
	if (!found) {
		found = ajv.compile({ $ref: `spec#/components/schemas/${schema}` });
		validators.set(schema, found);
	}
	return found;
}

// Removes the allowed divergences from a Response object (in place).
function dropDivergences(response: unknown, inStream: boolean): void {
	if (!response || typeof response !== 'object') return;
	const r = response as Json;
	for (const { at, value, inStreamOnly } of ALLOWED_DIVERGENCES) {
		const key = at.slice(1);
		if ((inStream || !inStreamOnly) && key in r && r[key] === value) delete r[key];
	}
}

// A union of event schemas (ResponseStreamEvent) reports every branch's errors; checking the
// branch whose `type` matches the event gives the one error that matters.
function branchFor(schema: string, value: unknown): string {
	const union = (spec.components.schemas as Record<string, Json>)[schema];
	const branches = (union?.anyOf ?? union?.oneOf) as { $ref?: string }[] | undefined;
	const type = (value as Json | null)?.type;
	if (!branches || typeof type !== 'string') return schema;
	for (const branch of branches) {
		const name = branch.$ref?.split('/').pop();
		const target = name ? (spec.components.schemas as Record<string, Json>)[name] : undefined;
		const props = target?.properties as Record<string, { enum?: unknown[] }> | undefined;
		if (name && props?.type?.enum?.includes(type)) return name;
	}
	return schema;
}

/**
 * A Responses stream broken off by an overload sends its error nested, `{"type":"error",
 * "sequence_number":2,"error":{type, code, message, param}}` (captured in
 * https://github.com/anomalyco/opencode/issues/25730), where the spec's ResponseErrorEvent has
 * `code`, `message` and `param` at the top. The real event wins: its `error` must be a valid Error.
 */
function nestedErrorEvent(value: unknown): string[] | undefined {
	const v = value as Json | null;
	if (v?.type !== 'error' || typeof v.error !== 'object' || v.error === null) return undefined;
	const problems = schemaErrors('Error', v.error).map((e) => `error${e}`);
	if (!Number.isInteger(v.sequence_number)) problems.push('/sequence_number must be an integer');
	if (Object.keys(v).length !== 3) problems.push('/ must hold only type, sequence_number, error');
	return problems;
}

/** Errors of `value` against the named component schema (empty when valid). */
export function schemaErrors(union: string, value: unknown): string[] {
	if (union === 'ResponseStreamEvent') {
		const nested = nestedErrorEvent(value);
		if (nested) return nested;
	}
	const schema = branchFor(union, value);
	const copy = structuredClone(value) as Json;
	if (schema === 'Response') dropDivergences(copy, false);
	// Stream events carry a Response in `response`.
	else if (copy && typeof copy === 'object' && 'response' in copy)
		dropDivergences(copy.response, true);
	const validate = validator(schema);
	if (validate(copy)) return [];
	const at = schema === union ? '' : `(${schema}) `;
	return (validate.errors ?? []).map((e) => `${at}${e.instancePath || '/'} ${e.message ?? ''}`);
}

/**
 * The one error body that is not the spec's ErrorResponse: a non-admin key on an Admin API route
 * gets 403 with `error` as a bare string (see `adminScopeMissing` in wire-errors.ts for the
 * sources). Only that exact shape and wording passes.
 */
export function isAdminScopeError(path: string, status: number, body: Json): boolean {
	return (
		path.startsWith('/v1/organization/') &&
		status === 403 &&
		Object.keys(body).length === 1 &&
		typeof body.error === 'string' &&
		/^You have insufficient permissions for this operation\. Missing scopes: api\.(management|usage)\.read\. /.test(
			body.error,
		)
	);
}

/** The spec path template (without /v1) that `path` matches, e.g. `/models/{model}`. */
export function specPath(path: string): string | undefined {
	const bare = path.replace(/^\/v1/, '');
	return Object.keys(spec.paths).find((template) => {
		const pattern = '^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$';
		return new RegExp(pattern).test(bare);
	});
}

/** The schema the spec gives a reply (a component name, or an inline schema's key). */
export function responseSchema(
	method: string,
	path: string,
	status: number,
	contentType = 'application/json',
): string | undefined {
	if (status >= 400) return 'ErrorResponse';
	const template = specPath(path);
	const op = template ? spec.paths[template][method.toLowerCase()] : undefined;
	const responses = (op?.responses ?? {}) as Record<string, { content?: Json }>;
	const content = responses[String(status)]?.content ?? {};
	const entry = (content[contentType] ?? content['application/json']) as
		{ schema?: Json & { $ref?: string } } | undefined;
	if (!entry?.schema) return undefined;
	if (entry.schema.$ref) return entry.schema.$ref.split('/').pop();
	const key = `inline ${method.toUpperCase()} ${template} ${status}`;
	if (!validators.has(key)) validators.set(key, ajv.compile(inline(entry.schema)));
	return key;
}

/** Whether the spec documents `method path` at all. */
export function specHasOperation(method: string, path: string): boolean {
	const template = specPath(path);
	return Boolean(template && spec.paths[template][method.toLowerCase()]);
}

/** Parses an SSE body into its JSON data payloads (skipping `[DONE]`). */
export function sseEvents(text: string): unknown[] {
	return text
		.split('\n\n')
		.map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
		.filter((line): line is string => Boolean(line) && line !== 'data: [DONE]')
		.map((line) => JSON.parse(line.slice(6)) as unknown);
}

/**
 * Validates a whole reply (JSON or SSE) of `method path`; resolves to the problems found, each
 * prefixed with the schema it was checked against. An empty list means it conforms.
 */
export async function replyErrors(method: string, path: string, response: Response) {
	const type = response.headers.get('content-type') ?? '';
	const text = await response.clone().text();
	if (type.startsWith('text/event-stream')) {
		const schema = responseSchema(method, path, response.status, 'text/event-stream');
		if (!schema) return [`no schema for ${method} ${path} ${response.status} (stream)`];
		return sseEvents(text).flatMap((event) =>
			// A chunk that breaks a chat stream off is an error object, as the real API sends it.
			(event as Json).error && !(event as Json).type
				? schemaErrors('ErrorResponse', event).map((e) => `ErrorResponse ${e}`)
				: schemaErrors(schema, event).map((e) => `${schema} ${e}`),
		);
	}
	const body = JSON.parse(text) as Json;
	if (isAdminScopeError(path, response.status, body)) return [];
	const schema = responseSchema(method, path, response.status);
	if (!schema) return [`no schema for ${method} ${path} ${response.status}`];
	return schemaErrors(schema, body).map((e) => `${schema} ${e}`);
}
