/**
 * The steps every model call shares, in the real API's order: authenticate, check scopes,
 * parse the body, check the model (exists, right kind, allowed by the project), billing and
 * quota, rate limits, forced failures. Endpoints add their own validation and reply.
 */
import { authenticate, missingScope, type Caller, type Need } from './auth.ts';
import { beginCall, errorReply, noteKey, type Call } from './call.ts';
import {
	findModel,
	shutDownError,
	unverifiedError,
	type ModelInfo,
	type ModelKind,
} from './models.ts';
import {
	limitsFor,
	rateLimitHeaders,
	settleTokens,
	takeBudget,
	type Limits,
} from './rate-limit.ts';
import { countTokens, reply } from './generate.ts';
import { forcedReply, takeForced } from './routes/read.ts';
import * as wire from './wire-errors.ts';
import type { PracticeState } from './state.ts';

/** An authenticated call whose model is known. */
export type ModelCall = {
	call: Call;
	caller: Caller;
	body: Record<string, unknown>;
	model: ModelInfo;
	limits: Limits;
	/** Set when a stream must break off with an error event after it starts. */
	failMidStream?: boolean;
};

/** Either the call may go on, or the reply is already decided. */
export type Step<T> = { ok: true; value: T } | { ok: false; response: Response };

const stop = (call: Call, w: wire.WireError): { ok: false; response: Response } => ({
	ok: false,
	response: errorReply(call, w),
});

/** Authenticates and checks the scope `need`; used by every /v1 route. */
export function authorize(
	state: PracticeState,
	request: Request,
	path: string,
	need: Need,
): Step<{ call: Call; caller: Caller }> {
	const call = beginCall(state, request, path);
	const auth = authenticate(state, request, path);
	noteKey(call, auth.secret, auth.ok ? auth.caller.key.id : undefined);
	if (!auth.ok) return stop(call, auth.wire);
	const { key, org, project } = auth.caller;
	key.lastUsedAt = state.clock.now();
	call.headers['openai-organization'] = org.slug;
	if (project) call.headers['openai-project'] = project.id;
	const scope = missingScope(key, need);
	if (scope) return stop(call, wire.missingScopes([scope]));
	return { ok: true, value: { call, caller: auth.caller } };
}

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false }> {
	try {
		const text = await request.text();
		return { ok: true, body: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/** Everything up to (not including) the endpoint's own validation. */
export async function openModelCall(
	state: PracticeState,
	request: Request,
	path: string,
	need: Need,
	kinds: readonly ModelKind[],
	wrongKind: (model: string) => wire.WireError,
): Promise<Step<ModelCall>> {
	const auth = authorize(state, request, path, need);
	if (!auth.ok) return auth;
	const { call, caller } = auth.value;
	const parsed = await readJson(request);
	if (!parsed.ok) return stop(call, wire.invalidJson());
	const body = parsed.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return stop(call, wire.invalidJson());
	}
	const b = body as Record<string, unknown>;
	if (b.stream === true) call.log.stream = true;
	if (b.model === undefined || b.model === null || b.model === '') {
		return stop(call, wire.missingModel());
	}
	if (typeof b.model !== 'string') {
		return stop(
			call,
			wire.invalidParameter('model', "Invalid type for 'model': expected a string."),
		);
	}
	call.log.model = b.model;
	const now = state.clock.now();
	const model = findModel(b.model, now);
	if (!model) return stop(call, shutDownError(b.model, now) ?? wire.modelNotFound(b.model));
	if (!kinds.includes(model.kind)) return stop(call, wrongKind(model.id));
	const { project, org, key } = caller;
	if (key.simulate === 'org_not_verified') {
		const unverified = unverifiedError(model, b.stream === true);
		if (unverified) return stop(call, unverified);
	}
	if (project?.allowedModels && !project.allowedModels.includes(model.id)) {
		return stop(call, wire.projectModelDenied(project.id, model.id));
	}
	if (org.billing !== 'active') return stop(call, wire.billingNotActive());
	const overBudget =
		project?.monthlyBudgetUsd != null && project.spendUsd >= project.monthlyBudgetUsd;
	if ((org.creditsUsd !== null && org.creditsUsd <= 0) || overBudget) {
		return stop(call, wire.insufficientQuota());
	}
	const limits = limitsFor(key, project, model.id);
	return { ok: true, value: { call, caller, body: b, model, limits } };
}

/** Rate limits and forced failures; null when the call may be answered. */
export function admit(mc: ModelCall, estimatedTokens: number): Response | null {
	const { call, caller, model, limits } = mc;
	const state = call.state;
	const limited = takeBudget(state, caller.key, model.id, estimatedTokens, limits);
	// On success `account` sets these headers once the reply's tokens are known.
	if (limited) {
		Object.assign(call.headers, rateLimitHeaders(state, caller.key.id, model.id, limits));
		return errorReply(call, limited);
	}
	const forced = takeForced(call, caller);
	if (forced === 'stream_error' && mc.body.stream === true) {
		mc.failMidStream = true;
		return null;
	}
	return forced ? forcedReply(call, forced) : null;
}

/** Books the reply's tokens to the key's usage, the project's spend and the org's credits. */
export function account(mc: ModelCall, estimated: number, input: number, output: number): void {
	const { call, caller, model } = mc;
	const state = call.state;
	const total = input + output;
	settleTokens(state, caller.key.id, model.id, estimated, total);
	const cost = (input * model.price.input + output * model.price.output) / 1e6;
	const usage = (state.usage[caller.key.id] ??= {
		requests: 0,
		inputTokens: 0,
		outputTokens: 0,
		costUsd: 0,
	});
	usage.requests += 1;
	usage.inputTokens += input;
	usage.outputTokens += output;
	usage.costUsd += cost;
	// The Admin API's usage and costs reports are built from these, per key, project and model.
	const events = state.usageEvents;
	events.push({
		time: state.clock.now(),
		keyId: caller.key.id,
		projectId: caller.project?.id ?? caller.key.projectId,
		model: model.id,
		kind: model.kind === 'embedding' ? 'embeddings' : 'completions',
		inputTokens: input,
		outputTokens: output,
		costUsd: cost,
	});
	if (events.length > state.requestLogLimit)
		events.splice(0, events.length - state.requestLogLimit);
	if (caller.project) caller.project.spendUsd += cost;
	if (caller.org.creditsUsd !== null)
		caller.org.creditsUsd = Math.max(0, caller.org.creditsUsd - cost);
	call.log.totalTokens = total;
	Object.assign(call.headers, rateLimitHeaders(state, caller.key.id, model.id, mc.limits));
}

/** A generated answer with its token counts, once the call was admitted and accounted for. */
export interface Generated {
	text: string;
	truncated: boolean;
	inputTokens: number;
	outputTokens: number;
}

/**
 * The shared middle of every text-generating endpoint: admit the call against the limits with
 * its worst-case token count, write the reply, and account for the tokens it really used.
 */
export function generate(
	mc: ModelCall,
	prompt: string,
	inputTokens: number,
	maxTokens: number | undefined,
): Response | Generated {
	const estimated = inputTokens + (maxTokens ?? 0);
	const refused = admit(mc, estimated);
	if (refused) return refused;
	const { text, truncated } = reply(prompt, maxTokens);
	const outputTokens = countTokens(text);
	account(mc, estimated, inputTokens, outputTokens);
	return { text, truncated, inputTokens, outputTokens };
}
