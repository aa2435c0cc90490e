/** Forced failures: a key simulating an outage fails every request, not only model calls. */
import { errorReply, type Call } from '../call.ts';
import * as wire from '../wire-errors.ts';
import type { Caller } from '../auth.ts';
import type { ForcedFailure } from '../state.ts';

/** The failure this request must meet, if any (consuming one queued failure). */
export function takeForced(call: Call, caller: Caller): ForcedFailure | undefined {
	const { simulate, id } = caller.key;
	if (simulate === 'server_error' || simulate === 'overloaded') return simulate;
	const queues = call.state.forcedFailures;
	return queues[id]?.shift() ?? queues['*']?.shift();
}

/** The reply for a forced failure; a mid-stream failure outside a stream is a plain 503. */
export function forcedReply(call: Call, forced: ForcedFailure): Response {
	if (forced === 'server_error') return errorReply(call, wire.serverError(call.requestId));
	return errorReply(call, wire.overloaded());
}

/** The forced failure a read meets, as a reply, or null. */
export function admitRead(call: Call, caller: Caller): Response | null {
	const forced = takeForced(call, caller);
	return forced ? forcedReply(call, forced) : null;
}
