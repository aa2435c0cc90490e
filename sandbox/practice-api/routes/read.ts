/** Forced failures for reads: a key simulating an outage fails every request, not only model calls. */
import { errorReply, type Call } from '../call.ts';
import * as wire from '../wire-errors.ts';
import type { Caller } from '../auth.ts';

/** The forced failure a read meets, as a reply, or null. */
export function admitRead(call: Call, caller: Caller): Response | null {
	const state = call.state;
	const forced =
		caller.key.simulate === 'server_error' || caller.key.simulate === 'overloaded'
			? caller.key.simulate
			: (state.forcedFailures[caller.key.id]?.shift() ?? state.forcedFailures['*']?.shift());
	if (forced === 'server_error') return errorReply(call, wire.serverError(call.requestId));
	if (forced === 'overloaded') return errorReply(call, wire.overloaded());
	return null;
}
