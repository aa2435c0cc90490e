/** POST /v1/chat/completions, plain and streamed (`data: {...}` chunks, then `data: [DONE]`). */
import { jsonReply, errorReply, noteStreamError, streamReply } from '../call.ts';
import { collectText, countTokens, deltas } from '../generate.ts';
import { generate, openModelCall } from '../pipeline.ts';
import { ALNUM, HEX } from '../random.ts';
import * as wire from '../wire-errors.ts';
import type { Need } from '../auth.ts';
import type { PracticeState } from '../state.ts';

const NEED: Need = { resource: 'model_capabilities', access: 'write', scope: 'model.request' };

function maxTokensOf(body: Record<string, unknown>): number | undefined {
	const v = body.max_completion_tokens ?? body.max_tokens;
	return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** Answers a chat completion. */
export async function chatCompletions(
	state: PracticeState,
	request: Request,
	path: string,
): Promise<Response> {
	const opened = await openModelCall(state, request, path, NEED, ['chat', 'reasoning'], () =>
		wire.notAChatModel(),
	);
	if (!opened.ok) return opened.response;
	const mc = opened.value;
	const { call, body, model } = mc;
	const messages = body.messages;
	if (messages === undefined) return errorReply(call, wire.missingParameter('messages'));
	if (!Array.isArray(messages)) {
		return errorReply(
			call,
			wire.invalidParameter('messages', "Invalid type for 'messages': expected an array."),
		);
	}
	if (messages.length === 0) {
		return errorReply(call, wire.invalidParameter('messages', "[] is too short - 'messages'"));
	}
	const prompt = collectText(messages);
	const input = countTokens(prompt) + 3 * messages.length + 3;
	const maxTokens = maxTokensOf(body);
	const generated = generate(mc, prompt, input, maxTokens);
	if (generated instanceof Response) return generated;
	const { text, truncated, outputTokens: output } = generated;
	const r = state.random;
	const id = 'chatcmpl-' + r.string(29, ALNUM);
	const created = Math.floor(state.clock.now() / 1000);
	const fingerprint = 'fp_' + r.string(10, HEX);
	const modelName = model.snapshot ?? model.id;
	const finish = truncated ? 'length' : 'stop';
	const usage = {
		prompt_tokens: input,
		completion_tokens: output,
		total_tokens: input + output,
		prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
		completion_tokens_details: {
			reasoning_tokens: 0,
			audio_tokens: 0,
			accepted_prediction_tokens: 0,
			rejected_prediction_tokens: 0,
		},
	};
	if (body.stream === true) {
		const options = body.stream_options as { include_usage?: unknown } | undefined;
		const withUsage = typeof options === 'object' && options?.include_usage === true;
		const head = { id, object: 'chat.completion.chunk', created, model: modelName };
		const tail = { service_tier: 'default', system_fingerprint: fingerprint };
		const chunk = (delta: object, reason: string | null) => ({
			...head,
			...tail,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: reason }],
			...(withUsage ? { usage: null } : {}),
		});
		const events = [
			chunk({ role: 'assistant', content: '', refusal: null }, null),
			...deltas(text).map((content) => chunk({ content }, null)),
			chunk({}, finish),
			...(withUsage ? [{ ...head, ...tail, choices: [], usage }] : []),
		].map((event) => `data: ${JSON.stringify(event)}\n\n`);
		if (mc.failMidStream) {
			// The role chunk and two deltas arrive, then the error; no [DONE] follows.
			noteStreamError(call);
			return streamReply(call, [...events.slice(0, 3), wire.chatStreamErrorChunk()]);
		}
		events.push('data: [DONE]\n\n');
		return streamReply(call, events);
	}
	const n =
		typeof body.n === 'number' && Number.isInteger(body.n) && body.n > 1 ? Math.min(body.n, 8) : 1;
	const choices = Array.from({ length: n }, (_, index) => ({
		index,
		message: { role: 'assistant', content: text, refusal: null, annotations: [] },
		logprobs: null,
		finish_reason: finish,
	}));
	return jsonReply(call, {
		id,
		object: 'chat.completion',
		created,
		model: modelName,
		choices,
		usage,
		service_tier: 'default',
		system_fingerprint: fingerprint,
	});
}
