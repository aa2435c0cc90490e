/** POST /v1/embeddings, with `encoding_format` float or base64 (the SDK asks for base64). */
import { errorReply, jsonReply } from '../call.ts';
import { countTokens, embed, toBase64 } from '../generate.ts';
import { account, admit, openModelCall } from '../pipeline.ts';
import * as wire from '../wire-errors.ts';
import type { Need } from '../auth.ts';
import type { PracticeState } from '../state.ts';

const NEED: Need = { resource: 'model_capabilities', access: 'write', scope: 'model.request' };

function inputs(value: unknown): string[] | null {
	if (typeof value === 'string') return [value];
	if (!Array.isArray(value) || value.length === 0 || value.length > 2048) return null;
	if (value.every((v) => typeof v === 'string')) return value;
	// Token arrays: one array of integers, or an array of them.
	const isTokens = (v: unknown) => Array.isArray(v) && v.every((t) => Number.isInteger(t));
	if (isTokens(value)) return [(value as number[]).join(' ')];
	if (value.every(isTokens)) return (value as number[][]).map((t) => t.join(' '));
	return null;
}

/** Answers an embeddings call. */
export async function createEmbeddings(
	state: PracticeState,
	request: Request,
	path: string,
): Promise<Response> {
	const opened = await openModelCall(state, request, path, NEED, ['embedding'], (id) =>
		wire.invalidParameter('model', `The model \`${id}\` does not support embeddings.`),
	);
	if (!opened.ok) return opened.response;
	const mc = opened.value;
	const { call, body, model } = mc;
	if (body.input === undefined) return errorReply(call, wire.missingParameter('input'));
	const texts = inputs(body.input);
	if (!texts) {
		return errorReply(
			call,
			wire.invalidParameter(
				'input',
				"'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
			),
		);
	}
	const format = body.encoding_format ?? 'float';
	if (format !== 'float' && format !== 'base64') {
		return errorReply(
			call,
			wire.invalidParameter(
				'encoding_format',
				`Invalid value for 'encoding_format': expected one of 'float' or 'base64'.`,
			),
		);
	}
	let dimensions = model.dimensions ?? 1536;
	if (body.dimensions !== undefined) {
		const d = body.dimensions;
		if (
			model.id === 'text-embedding-ada-002' ||
			typeof d !== 'number' ||
			!Number.isInteger(d) ||
			d < 1 ||
			d > dimensions
		) {
			return errorReply(
				call,
				wire.invalidParameter('dimensions', 'This model does not support specifying dimensions.'),
			);
		}
		dimensions = d;
	}
	const input = texts.reduce((sum, text) => sum + countTokens(text), 0);
	const refused = admit(mc, input);
	if (refused) return refused;
	account(mc, input, input, 0);
	const data = texts.map((text, index) => {
		const vector = embed(text, dimensions);
		return {
			object: 'embedding',
			index,
			embedding: format === 'base64' ? toBase64(vector) : vector,
		};
	});
	return jsonReply(call, {
		object: 'list',
		data,
		model: model.id,
		usage: { prompt_tokens: input, total_tokens: input },
	});
}
