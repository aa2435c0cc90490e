/**
 * Turns any input (pasted text, a fetch Response's parts, an SDK error object) into one text
 * plus the facts only a structured input can give (status, headers). Never throws.
 */
import type { DiagnoseInput, StructuredInput } from './types.ts';

export interface RawInput {
	text: string;
	status?: number;
	headers: Record<string, string>;
}

/** String() for values that are not plain objects (which would print as [object Object]). */
function text(value: unknown): string {
	return typeof value === 'object' && value !== null ? safeStringify(value) : String(value);
}

/** Stringifies anything without throwing (cycles, BigInt, getters that throw). */
export function safeStringify(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	try {
		const seen = new WeakSet<object>();
		return (
			JSON.stringify(value, (_key, inner: unknown) => {
				if (typeof inner === 'bigint') return inner.toString();
				if (typeof inner === 'object' && inner !== null) {
					if (seen.has(inner)) return undefined;
					seen.add(inner);
				}
				return inner;
			}) ?? ''
		);
	} catch {
		return '';
	}
}

function headersToRecord(headers: StructuredInput['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	try {
		const entries: Iterable<[string, unknown]> =
			typeof (headers as Headers).forEach === 'function' && 'get' in headers
				? (headers as Headers).entries()
				: Object.entries(headers);
		for (const [name, value] of entries) {
			if (value === undefined || value === null) continue;
			out[String(name).toLowerCase()] = Array.isArray(value)
				? value.map(text).join(', ')
				: text(value);
		}
	} catch {
		// Exotic header objects: diagnose from the rest.
	}
	return out;
}

/** Describes an Error (and its `cause` chain), keeping class names, messages and codes. */
function describeError(error: unknown, depth = 0): string {
	if (depth > 4 || error === null || error === undefined) return '';
	if (typeof error !== 'object') return text(error);
	const parts: string[] = [];
	try {
		const record = error as Record<string, unknown>;
		const name =
			typeof record.name === 'string' && record.name !== 'Error'
				? record.name
				: (error.constructor?.name ?? '');
		if (error instanceof Error) {
			const status = typeof record.status === 'number' ? ` ${record.status}` : '';
			parts.push(`${name || 'Error'}:${status} ${text(record.message ?? '')}`);
			if (typeof record.code === 'string') parts.push(`code: ${record.code}`);
			// The SDK keeps the inner error object here; its type and code are not in `message`.
			if (record.error !== undefined) parts.push(safeStringify(record.error));
			if (record.cause !== undefined)
				parts.push(`cause: ${describeError(record.cause, depth + 1)}`);
		} else {
			parts.push(safeStringify(error));
		}
	} catch {
		parts.push(safeStringify(error));
	}
	return parts.join('\n');
}

interface HarEntry {
	request?: { method?: string; url?: string };
	response?: {
		status?: number;
		headers?: { name?: string; value?: string }[];
		content?: { text?: string };
	};
}

const MAX_HAR = 4 * 1024 * 1024;

/**
 * A HAR file (browser devtools "Save all as HAR"): the last failed exchange becomes
 * "METHOD url", its status, headers and body, with the request's own headers left out so the
 * Authorization header (the key) is never read.
 */
function fromHar(value: unknown): RawInput | undefined {
	const entries = (value as { log?: { entries?: unknown } } | null)?.log?.entries;
	if (!Array.isArray(entries)) return undefined;
	const failed = (entries as HarEntry[]).filter(
		(entry) => (entry.response?.status ?? 0) >= 400 || entry.response?.status === 0,
	);
	const entry = failed.at(-1) ?? (entries as HarEntry[]).at(-1);
	if (!entry) return undefined;
	const headers: Record<string, string> = {};
	for (const header of entry.response?.headers ?? []) {
		if (typeof header.name === 'string' && typeof header.value === 'string')
			headers[header.name.toLowerCase()] = header.value;
	}
	const status = entry.response?.status || undefined;
	const lines = [
		`${entry.request?.method ?? 'GET'} ${entry.request?.url ?? ''}`,
		status !== undefined ? `HTTP ${status}` : 'no response (status 0)',
		entry.response?.content?.text ?? '',
	];
	return { text: lines.join('\n'), status, headers };
}

function parseHar(text: string): RawInput | undefined {
	if (text.length > MAX_HAR || !/^\s*\{/.test(text) || !text.includes('"entries"'))
		return undefined;
	try {
		return fromHar(JSON.parse(text));
	} catch {
		return undefined;
	}
}

/** Normalises the input to text plus structured facts. */
export function toRawInput(input: DiagnoseInput): RawInput {
	if (typeof input === 'string') return parseHar(input) ?? { text: input, headers: {} };
	if (input === null || typeof input !== 'object') {
		return { text: input === undefined ? '' : safeStringify(input), headers: {} };
	}
	if (input instanceof Error) return { text: describeError(input), headers: {} };
	const structured = input;
	const headers = headersToRecord(structured.headers);
	const status =
		typeof structured.status === 'number' && Number.isInteger(structured.status)
			? structured.status
			: undefined;
	const parts: string[] = [];
	const har = fromHar(input);
	if (har) return har;
	if (!['status', 'headers', 'body', 'error'].some((key) => key in structured)) {
		// Not the structured shape: a bare parsed body such as `{ error: { message } }`.
		return { text: safeStringify(input), headers };
	}
	if (status !== undefined) parts.push(`HTTP ${status}`);
	if (structured.body !== undefined) parts.push(safeStringify(structured.body));
	if (structured.error !== undefined) parts.push(describeError(structured.error));
	return { text: parts.join('\n'), status, headers };
}
