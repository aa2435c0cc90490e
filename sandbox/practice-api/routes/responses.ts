/** POST /v1/responses, plain and streamed (typed events: response.created … response.completed). */
import { jsonReply, noteStreamError, streamReply } from '../call.ts';
import { collectText, countTokens, deltas } from '../generate.ts';
import { generate, openModelCall } from '../pipeline.ts';
import { HEX } from '../random.ts';
import * as wire from '../wire-errors.ts';
import type { Need } from '../auth.ts';
import type { PracticeState } from '../state.ts';

const NEED: Need = { resource: 'responses', access: 'write', scope: 'api.responses.write' };

/** Answers a Responses API call. */
export async function createResponse(
	state: PracticeState,
	request: Request,
	path: string,
): Promise<Response> {
	const opened = await openModelCall(state, request, path, NEED, ['chat', 'reasoning'], (id) =>
		wire.invalidParameter('model', `The model \`${id}\` is not supported with the Responses API.`),
	);
	if (!opened.ok) return opened.response;
	const mc = opened.value;
	const { call, body, model } = mc;
	const instructions = typeof body.instructions === 'string' ? body.instructions : null;
	const prompt = collectText(body.input ?? '');
	const input = countTokens(prompt) + countTokens(instructions ?? '') + 3;
	const max = body.max_output_tokens;
	const maxTokens = typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : undefined;
	const generated = generate(mc, prompt, input, maxTokens);
	if (generated instanceof Response) return generated;
	const { text, truncated, outputTokens: output } = generated;
	const r = state.random;
	const id = 'resp_' + r.string(48, HEX);
	const itemId = 'msg_' + r.string(48, HEX);
	const createdAt = Math.floor(state.clock.now() / 1000);
	const part = { type: 'output_text', annotations: [], logprobs: [], text };
	const item = {
		id: itemId,
		type: 'message',
		status: 'completed',
		content: [part],
		role: 'assistant',
	};
	const response = (status: string, done: boolean) => ({
		id,
		object: 'response',
		created_at: createdAt,
		status,
		background: false,
		error: null,
		incomplete_details: done && truncated ? { reason: 'max_output_tokens' } : null,
		instructions,
		max_output_tokens: maxTokens ?? null,
		model: model.snapshot ?? model.id,
		output: done ? [item] : [],
		parallel_tool_calls: true,
		previous_response_id: null,
		reasoning: { effort: null, summary: null },
		service_tier: 'default',
		store: body.store !== false,
		temperature: typeof body.temperature === 'number' ? body.temperature : 1,
		text: { format: { type: 'text' }, verbosity: 'medium' },
		tool_choice: 'auto',
		tools: [],
		top_p: typeof body.top_p === 'number' ? body.top_p : 1,
		truncation: 'disabled',
		usage: done
			? {
					input_tokens: input,
					// `cache_write_tokens` is required by the spec (v2.3.0, ResponseUsage) and sent by the API.
					input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
					output_tokens: output,
					output_tokens_details: { reasoning_tokens: 0 },
					total_tokens: input + output,
				}
			: null,
		user: null,
		metadata: {},
	});
	const finalStatus = truncated ? 'incomplete' : 'completed';
	if (body.stream !== true) return jsonReply(call, response(finalStatus, true));
	let sequence = 0;
	const event = (type: string, data: object) =>
		`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
	const at = { item_id: itemId, output_index: 0, content_index: 0 };
	const opening = [
		event('response.created', { response: response('in_progress', false) }),
		event('response.in_progress', { response: response('in_progress', false) }),
	];
	if (mc.failMidStream) {
		noteStreamError(call);
		return streamReply(call, [...opening, wire.streamErrorEvent(sequence)]);
	}
	const events = [
		...opening,
		event('response.output_item.added', {
			output_index: 0,
			item: { ...item, status: 'in_progress', content: [] },
		}),
		event('response.content_part.added', { ...at, part: { ...part, text: '' } }),
		...deltas(text).map((delta) =>
			event('response.output_text.delta', { ...at, delta, logprobs: [] }),
		),
		event('response.output_text.done', { ...at, text, logprobs: [] }),
		event('response.content_part.done', { ...at, part }),
		event('response.output_item.done', { output_index: 0, item }),
		event(truncated ? 'response.incomplete' : 'response.completed', {
			response: response(finalStatus, true),
		}),
	];
	return streamReply(call, events);
}
