/**
 * The model catalog: ids, `created` and `owned_by` as GET /v1/models returns them, plus what the
 * simulation needs (kind, the dated snapshot a completion reports, default tier-1 limits, price).
 */
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

/** Every model the practice API knows, in the order GET /v1/models lists them. */
export const MODELS: readonly ModelInfo[] = [
	m('gpt-4.1', 1744316542, 'chat', 500, 30000, [2, 8], { snapshot: 'gpt-4.1-2025-04-14' }),
	m('gpt-4.1-2025-04-14', 1744315746, 'chat', 500, 30000, [2, 8]),
	m('gpt-4.1-mini', 1744318173, 'chat', 500, 200000, [0.4, 1.6], {
		snapshot: 'gpt-4.1-mini-2025-04-14',
	}),
	m('gpt-4.1-mini-2025-04-14', 1744317547, 'chat', 500, 200000, [0.4, 1.6]),
	m('gpt-4.1-nano', 1744321707, 'chat', 500, 200000, [0.1, 0.4], {
		snapshot: 'gpt-4.1-nano-2025-04-14',
	}),
	m('gpt-4.1-nano-2025-04-14', 1744321025, 'chat', 500, 200000, [0.1, 0.4]),
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
	m('o4-mini', 1744225351, 'reasoning', 1000, 100000, [1.1, 4.4], {
		snapshot: 'o4-mini-2025-04-16',
	}),
	m('gpt-3.5-turbo', 1677610602, 'chat', 3500, 200000, [0.5, 1.5], {
		owned_by: 'openai',
		snapshot: 'gpt-3.5-turbo-0125',
	}),
	m('text-embedding-3-small', 1705948997, 'embedding', 3000, 1000000, [0.02, 0], {
		dimensions: 1536,
	}),
	m('text-embedding-3-large', 1705953180, 'embedding', 3000, 1000000, [0.13, 0], {
		dimensions: 3072,
	}),
	m('text-embedding-ada-002', 1671217299, 'embedding', 3000, 1000000, [0.1, 0], {
		owned_by: 'openai-internal',
		dimensions: 1536,
	}),
	m('omni-moderation-latest', 1731689265, 'moderation', 500, 10000, [0, 0]),
	m('gpt-image-1', 1745517030, 'image', 5, 100000, [5, 40]),
	m('dall-e-3', 1698785189, 'image', 5, 100000, [40, 0]),
	m('whisper-1', 1677532384, 'audio', 50, 100000, [6, 0], { owned_by: 'openai-internal' }),
	m('tts-1', 1681940951, 'audio', 50, 100000, [15, 0]),
];

const byId = new Map(MODELS.map((model) => [model.id, model]));

/** The catalog entry for `id`, if the model exists. */
export function findModel(id: string): ModelInfo | undefined {
	return byId.get(id);
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
