/** One HTTP exchange of the live key check, recorded without the key. */
import { redactKey, scrubSecrets } from '../keys/redact.ts';
import type { CheckKeyOptions, ReceivedResponse, SentRequest } from './check-types.ts';

// Only the headers that explain a result are kept (limits, ids, the org and project it ran as).
const KEPT_HEADERS =
	/^(x-ratelimit-|retry-after|openai-organization$|openai-project$|openai-processing-ms$|x-request-id$)/;

/** A request as sent and the response (or the transport error) that came back. */
export interface Call {
	request: SentRequest;
	response?: ReceivedResponse;
	body?: unknown;
	error?: unknown;
	ms: number;
}

/** Sends one request with the key; returns what was sent (redacted) and what came back. */
export async function call(
	key: string,
	method: string,
	url: string,
	options: CheckKeyOptions,
	body?: unknown,
): Promise<Call> {
	const headers: Record<string, string> = { authorization: `Bearer ${key}` };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (options.organization) headers['openai-organization'] = options.organization;
	if (options.project) headers['openai-project'] = options.project;
	const payload = body === undefined ? undefined : JSON.stringify(body);
	const request: SentRequest = {
		method,
		url,
		headers: { ...headers, authorization: `Bearer ${redactKey(key)}` },
		...(payload ? { body: payload } : {}),
	};
	const doFetch = options.fetch ?? ((r: Request) => globalThis.fetch(r));
	const start = Date.now();
	try {
		const res = await doFetch(
			new Request(url, { method, headers, body: payload, signal: options.signal }),
		);
		const text = scrubSecrets(await res.text(), [key]);
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON (an HTML gateway page): diagnose the text.
		}
		const kept: Record<string, string> = {};
		res.headers.forEach((value, name) => {
			if (KEPT_HEADERS.test(name)) kept[name] = value;
		});
		const inner = (parsed as { error?: unknown } | null)?.error;
		const error =
			typeof inner === 'object' && inner !== null
				? (inner as ReceivedResponse['error'])
				: typeof inner === 'string'
					? { message: inner }
					: undefined;
		const response: ReceivedResponse = {
			status: res.status,
			headers: kept,
			...(kept['x-request-id'] ? { requestId: kept['x-request-id'] } : {}),
			...(error ? { error } : {}),
		};
		return { request, response, body: parsed, ms: Date.now() - start };
	} catch (error) {
		if (options.signal?.aborted) throw error;
		return { request, error, ms: Date.now() - start };
	}
}
