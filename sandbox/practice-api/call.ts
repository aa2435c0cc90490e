/**
 * One /v1 request from arrival to reply: its id, the headers every reply carries, and the
 * request-log entry written when the reply is built.
 */
import { redactSecret } from './keys.ts';
import { HEX } from './random.ts';
import { errorBody, type WireError } from './wire-errors.ts';
import type { PracticeState, RequestLogEntry } from './state.ts';

/** The context of one request. */
export type Call = {
	state: PracticeState;
	request: Request;
	path: string;
	requestId: string;
	log: RequestLogEntry;
	/** Headers added to the reply (organization, project, rate limits). */
	headers: Record<string, string>;
};

/** Starts a call: assigns the request id and fills the log entry from the request. */
export function beginCall(state: PracticeState, request: Request, path: string): Call {
	const requestId = 'req_' + state.random.string(32, HEX);
	const h = request.headers;
	const retry = Number(h.get('x-stainless-retry-count'));
	const log: RequestLogEntry = {
		requestId,
		time: state.clock.now(),
		method: request.method,
		path,
		status: 0,
	};
	const project = h.get('openai-project');
	if (project) log.projectHeader = project;
	const organization = h.get('openai-organization');
	if (organization) log.organizationHeader = organization;
	if (Number.isInteger(retry) && retry > 0) log.retryCount = retry;
	return { state, request, path, requestId, log, headers: {} };
}

/** Records which key a request used, in redacted form only. */
export function noteKey(call: Call, secret: string | undefined, keyId?: string): void {
	if (secret !== undefined) call.log.keyMasked = redactSecret(secret);
	if (keyId !== undefined) call.log.keyId = keyId;
}

function baseHeaders(call: Call, contentType: string): Headers {
	const headers = new Headers(call.headers);
	headers.set('content-type', contentType);
	headers.set('access-control-allow-origin', '*');
	headers.set('openai-version', '2020-10-01');
	// Plausible server time; a real clock would make replies differ run to run.
	headers.set('openai-processing-ms', String(call.state.random.int(90, 900)));
	headers.set('x-request-id', call.requestId);
	return headers;
}

function finish(call: Call, status: number): void {
	call.log.status = status;
	const log = call.state.requestLog;
	log.push(call.log);
	if (log.length > call.state.requestLogLimit)
		log.splice(0, log.length - call.state.requestLogLimit);
}

/** A JSON reply (pretty-printed like the API's); a string body is sent as already serialised. */
export function jsonReply(call: Call, body: unknown, status = 200): Response {
	finish(call, status);
	return new Response(typeof body === 'string' ? body : JSON.stringify(body, null, 2), {
		status,
		headers: baseHeaders(call, 'application/json'),
	});
}

/** An error reply, worded and shaped like the real one. */
export function errorReply(call: Call, wire: WireError): Response {
	call.log.errorCode = wire.error.code === null ? null : String(wire.error.code);
	call.log.errorType = wire.error.type;
	if (wire.noRateLimitHeaders) {
		for (const name of Object.keys(call.headers)) {
			if (name.startsWith('x-ratelimit-')) delete call.headers[name];
		}
	}
	finish(call, wire.status);
	return new Response(errorBody(wire), {
		status: wire.status,
		headers: baseHeaders(call, 'application/json'),
	});
}

/** Logs an overload that breaks a stream off after its 200 status was sent. */
export function noteStreamError(call: Call): void {
	call.log.errorCode = 'server_is_overloaded';
	call.log.errorType = 'service_unavailable_error';
}

/** An SSE reply built from already-serialised events. */
export function streamReply(call: Call, events: string[]): Response {
	call.log.stream = true;
	finish(call, 200);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const event of events) controller.enqueue(encoder.encode(event));
			controller.close();
		},
	});
	const headers = baseHeaders(call, 'text/event-stream; charset=utf-8');
	headers.set('cache-control', 'no-cache');
	return new Response(body, { status: 200, headers });
}
