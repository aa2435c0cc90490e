/**
 * The model catalog: ids, `created` and `owned_by` as GET /v1/models returns them, plus what the
 * simulation needs (kind, the dated snapshot a completion reports, default tier-1 limits, price).
 * Which ids still answer comes from the one model registry (sandbox/models/registry.ts): a model
 * past its shutdown date leaves the list and answers 404 as api.openai.com does.
 */
import { isShutDown, registryEntry, utcDay } from '../models/registry.ts';
import type { WireError } from './wire-errors.ts';

export type ModelKind = 'chat' | 'reasoning' | 'embedding' | 'image' | 'audio' | 'moderation';

/** One catalog entry. */
export type ModelInfo = {
	id: string;
	created: number;
	owned_by: string;
	kind: ModelKind;
	/** The id a completion reports in `model` (requests name the alias, replies the snapshot). */
	snapshot?: string;
	/** Embedding width. */
	dimensions?: number;
	/** Default limits for a tier-1 organization. */
	rpm: number;
	tpm: number;
	/** USD per million input / output tokens. */
	price: { input: number; output: number };
	/**
	 * What an unverified organization may not do with the model: call it at all, or stream it.
	 * Which real models need verification differs by organization (help.openai.com/en/articles/
	 * 10910291); the practice API gates two current models so the error can be met.
	 */
	verification?: 'use' | 'stream';
};

const m = (
	id: string,
	created: number,
	kind: ModelKind,
	rpm: number,
	tpm: number,
	price: [number, number],
	extra: Partial<ModelInfo> = {},
): ModelInfo => ({
	id,
	created,
	owned_by: 'system',
	kind,
	rpm,
	tpm,
	price: { input: price[0], output: price[1] },
	...extra,
});

// GPT-6 models: released 2026-09-22 (Luna) and later; prices from each model's page on
// https://developers.openai.com/api/docs/models. Their tier-1 limits are not published in the
// stored pages, so they take the same defaults as the GPT-5 family they replace.
const GPT6 = Date.UTC(2026, 8, 22) / 1000;

/** Every model the practice API knows, in the order GET /v1/models lists them. */
export const MODELS: readonly ModelInfo[] = [
	m('gpt-6-luna', GPT6, 'reasoning', 500, 500000, [0.1, 0.5]),
	m('gpt-6.1-terra', GPT6 + 86400 * 30, 'reasoning', 500, 500000, [1, 5]),
	m('gpt-6.2-sol', GPT6 + 86400 * 60, 'reasoning', 500, 30000, [2, 10], { verification: 'stream' }),
	m('gpt-6.2-astra', GPT6 + 86400 * 61, 'reasoning', 500, 30000, [8, 40], {
		verification: 'use',
	}),
	m('gpt-4.1', 1744316542, 'chat', 500, 30000, [2, 8], { snapshot: 'gpt-4.1-2025-04-14' }),
	m('gpt-4.1-2025-04-14', 1744315746, 'chat', 500, 30000, [2, 8]),
	m('gpt-4.1-mini', 1744318173, 'chat', 500, 200000, [0.4, 1.6], {
		snapshot: 'gpt-4.1-mini-2025-04-14',
	}),
	m('gpt-4.1-mini-2025-04-14', 1744317547, 'chat', 500, 200000, [0.4, 1.6]),
	m('gpt-4o', 1715367049, 'chat', 500, 30000, [2.5, 10], { snapshot: 'gpt-4o-2024-08-06' }),
	m('gpt-4o-2024-08-06', 1722814719, 'chat', 500, 30000, [2.5, 10]),
	m('gpt-4o-mini', 1721172741, 'chat', 500, 200000, [0.15, 0.6], {
		snapshot: 'gpt-4o-mini-2024-07-18',
	}),
	m('gpt-4o-mini-2024-07-18', 1721172717, 'chat', 500, 200000, [0.15, 0.6]),
	m('gpt-5', 1754425777, 'reasoning', 500, 30000, [1.25, 10], { snapshot: 'gpt-5-2025-08-07' }),
	m('gpt-5-mini', 1754425928, 'reasoning', 500, 200000, [0.25, 2], {
		snapshot: 'gpt-5-mini-2025-08-07',
	}),
	m('gpt-5-nano', 1754426384, 'reasoning', 500, 200000, [0.05, 0.4], {
		snapshot: 'gpt-5-nano-2025-08-07',
	}),
	m('o3', 1744225308, 'reasoning', 500, 30000, [2, 8], { snapshot: 'o3-2025-04-16' }),
	m('text-embedding-3-small', 1705948997, 'embedding', 3000, 1000000, [0.02, 0], {
		dimensions: 1536,
	}),
	m('text-embedding-3-large', 1705953180, 'embedding', 3000, 1000000, [0.13, 0], {
		dimensions: 3072,
	}),
	m('omni-moderation-latest', 1731689265, 'moderation', 500, 10000, [0, 0]),
	m('whisper-1', 1677532384, 'audio', 50, 100000, [6, 0], { owned_by: 'openai-internal' }),
	m('tts-1', 1681940951, 'audio', 50, 100000, [15, 0]),
];

const byId = new Map(MODELS.map((model) => [model.id, model]));

/**
 * The catalog entry for `id`, if the model exists; given `now` (ms), only if it has not shut down
 * on that day.
 */
export function findModel(id: string, now?: number): ModelInfo | undefined {
	const model = byId.get(id);
	const entry = registryEntry(id);
	if (model && entry && now !== undefined && isShutDown(entry, utcDay(now))) return undefined;
	return model;
}

/** The models GET /v1/models lists on `now` (ms): the catalog minus what has shut down. */
export function servedModels(now = Date.now()): ModelInfo[] {
	return MODELS.filter((model) => findModel(model.id, now));
}

/**
 * The real API's answer to a model past its shutdown date: 404 model_not_found, "has been
 * deprecated" (captured bodies: github.com/seratch/ChatGPT-in-Slack/issues/103,
 * github.com/eduardconstantin/storybook-gpt/issues/22). Undefined for a model that still answers.
 */
export function shutDownError(id: string, now = Date.now()): WireError | undefined {
	const entry = registryEntry(id);
	if (!entry || !isShutDown(entry, utcDay(now))) return undefined;
	return {
		status: 404,
		error: {
			message: `The model \`${id}\` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations`,
			type: 'invalid_request_error',
			param: null,
			code: 'model_not_found',
		},
	};
}

/** The wire object of GET /v1/models and GET /v1/models/{id}. */
export function modelObject(model: ModelInfo): {
	id: string;
	object: 'model';
	created: number;
	owned_by: string;
} {
	return { id: model.id, object: 'model', created: model.created, owned_by: model.owned_by };
}

const VERIFY =
	'Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.';

/**
 * What an unverified organization gets for `model`, or undefined when the call may go on.
 * Wording from captured replies: 403 "must be verified to use the model" (openai/openai-go#565)
 * and 400 on `stream`, code unsupported_value (continuedev/continue#8209; the same shape as the
 * captured reasoning.summary body in dyad-sh/dyad#2236). No source shows the 403's `code`; null.
 */
export function unverifiedError(model: ModelInfo, stream: boolean): WireError | undefined {
	if (model.verification === 'use') {
		return {
			status: 403,
			error: {
				message: `Your organization must be verified to use the model \`${model.id}\`. ${VERIFY}`,
				type: 'invalid_request_error',
				param: null,
				code: null,
			},
		};
	}
	if (model.verification === 'stream' && stream) {
		return {
			status: 400,
			error: {
				message: `Your organization must be verified to stream this model. ${VERIFY}`,
				type: 'invalid_request_error',
				param: 'stream',
				code: 'unsupported_value',
			},
		};
	}
	return undefined;
}
