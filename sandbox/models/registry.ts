/**
 * The one list of OpenAI model ids keylab names anywhere: samples, lessons and the practice API.
 * Each entry carries its lifecycle as OpenAI's deprecations page states it, so a test can fail
 * when a sample names a shut-down model and the build can warn before a shutdown arrives.
 *
 * Checked on 2026-12-01 against the stored copies of
 * https://developers.openai.com/api/docs/models and https://developers.openai.com/api/docs/deprecations
 * (the dated rows are copied from the deprecations page's tables).
 */

/** Where a model is in OpenAI's lifecycle. `shutdown` entries exist so their ids answer as the real API does. */
export type ModelStatus = 'active' | 'deprecated' | 'shutdown';

/** One model id and its lifecycle. */
export type RegistryEntry = {
	id: string;
	/** The marketing family, e.g. "GPT-6 Luna", "GPT-4o mini". */
	family: string;
	status: ModelStatus;
	/** YYYY-MM-DD, the day the model stops answering; absent when none is announced. */
	shutdownDate?: string;
	/** The replacement OpenAI recommends, for deprecated and shut-down models. */
	replacement?: string;
	/** The page the entry was checked against. */
	source: string;
};

const MODELS_PAGE = 'https://developers.openai.com/api/docs/models';
const DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';

/** The model every sample uses: the models page's pick "for cost-sensitive, high-volume workloads". */
export const RECOMMENDED_MODEL = 'gpt-6-luna';

const active = (id: string, family: string, source = MODELS_PAGE): RegistryEntry => ({
	id,
	family,
	status: 'active',
	source,
});

/** Models the deprecations page lists, before (`deprecated`) or after (`shutdown`) their date. */
const ending =
	(status: 'deprecated' | 'shutdown') =>
	(
		ids: readonly string[],
		family: string,
		shutdownDate: string,
		replacement: string,
	): RegistryEntry[] =>
		ids.map((id) => ({ id, family, status, shutdownDate, replacement, source: DEPRECATIONS }));
const retiring = ending('deprecated');
const gone = ending('shutdown');

/** Every model id keylab knows, newest first. */
export const MODEL_REGISTRY: readonly RegistryEntry[] = [
	active('gpt-6.2-astra', 'GPT-6.2 Astra'),
	active('gpt-6.2-sol', 'GPT-6.2 Sol'),
	active('gpt-6.1-sol', 'GPT-6.1 Sol', DEPRECATIONS),
	active('gpt-6.1-terra', 'GPT-6.1 Terra'),
	active('gpt-6-luna', 'GPT-6 Luna', `${MODELS_PAGE}/gpt-6-luna`),
	active('text-embedding-3-small', 'text-embedding-3'),
	active('text-embedding-3-large', 'text-embedding-3'),
	active('omni-moderation-latest', 'Moderation'),
	// Announced on 2026-06-11 (deprecations page, "GPT-5 and o3 model deprecations").
	...retiring(['gpt-5', 'gpt-5-2025-08-07'], 'GPT-5', '2026-12-11', 'gpt-6.1-sol'),
	...retiring(['gpt-5-mini', 'gpt-5-mini-2025-08-07'], 'GPT-5 mini', '2026-12-11', 'gpt-6.1-terra'),
	...retiring(['gpt-5-nano', 'gpt-5-nano-2025-08-07'], 'GPT-5 nano', '2026-12-11', 'gpt-6-luna'),
	...retiring(['o3', 'o3-2025-04-16'], 'o3', '2026-12-11', 'gpt-6.1-sol'),
	// Announced on 2026-10-14 ("GPT-4 series model deprecations"): all four go to gpt-6-luna.
	...retiring(['gpt-4o', 'gpt-4o-2024-08-06'], 'GPT-4o', '2027-01-14', 'gpt-6-luna'),
	...retiring(['gpt-4o-mini', 'gpt-4o-mini-2024-07-18'], 'GPT-4o mini', '2027-01-14', 'gpt-6-luna'),
	...retiring(['gpt-4.1', 'gpt-4.1-2025-04-14'], 'GPT-4.1', '2027-01-14', 'gpt-6-luna'),
	...retiring(
		['gpt-4.1-mini', 'gpt-4.1-mini-2025-04-14'],
		'GPT-4.1 mini',
		'2027-01-14',
		'gpt-6-luna',
	),
	...retiring(['tts-1'], 'TTS', '2027-01-06', 'gpt-4o-mini-tts'),
	...retiring(['whisper-1'], 'Whisper', '2027-02-26', 'gpt-4o-transcribe'),
	// Shut down on 2026-10-23: these answer 404 model_not_found "has been deprecated".
	...gone(['gpt-3.5-turbo', 'gpt-3.5-turbo-0125'], 'GPT-3.5 Turbo', '2026-10-23', 'gpt-5.6-terra'),
	...gone(
		['gpt-4', 'gpt-4-0613', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09'],
		'GPT-4',
		'2026-10-23',
		'gpt-5.6-sol',
	),
	...gone(
		['gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14'],
		'GPT-4.1 nano',
		'2026-10-23',
		'gpt-5.6-luna',
	),
	...gone(['o4-mini', 'o4-mini-2025-04-16'], 'o4-mini', '2026-10-23', 'gpt-5.6-terra'),
	...gone(['o1', 'o3-mini'], 'o-series', '2026-10-23', 'gpt-5.6-sol'),
	...gone(['gpt-image-1'], 'GPT Image 1', '2026-10-23', 'gpt-image-2'),
];

const byId = new Map(MODEL_REGISTRY.map((entry) => [entry.id, entry]));

/** The registry entry for `id`, if keylab knows the model. */
export function registryEntry(id: string): RegistryEntry | undefined {
	return byId.get(id);
}

/** `YYYY-MM-DD` of a timestamp, in UTC (the deprecations page's dates are UTC days). */
export function utcDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** True when the model no longer answers on `today` (its shutdown date has come). */
export function isShutDown(entry: RegistryEntry, today: string): boolean {
	return (
		entry.status === 'shutdown' || (entry.shutdownDate !== undefined && entry.shutdownDate <= today)
	);
}

/** Whole days from `today` to the entry's shutdown; undefined when none is announced. */
export function daysUntilShutdown(entry: RegistryEntry, today: string): number | undefined {
	if (!entry.shutdownDate) return undefined;
	return Math.round((Date.parse(entry.shutdownDate) - Date.parse(today)) / 86_400_000);
}

/** Entries still answering on `today` whose shutdown is fewer than `days` days away. */
export function shuttingDownWithin(
	ids: Iterable<string>,
	days: number,
	today: string,
): RegistryEntry[] {
	const found: RegistryEntry[] = [];
	for (const id of new Set(ids)) {
		const entry = byId.get(id);
		if (!entry || isShutDown(entry, today)) continue;
		const left = daysUntilShutdown(entry, today);
		if (left !== undefined && left < days) found.push(entry);
	}
	return found;
}

/**
 * Model ids named in a text: quoted or back-ticked tokens that look like an OpenAI model id.
 * Kept narrow on purpose (a quote or backtick on each side) so prose like "GPT-4o" is not a hit.
 */
export function modelIdsIn(text: string): string[] {
	const ids = new Set<string>();
	for (const match of text.matchAll(
		/["'`](gpt-[a-z0-9.-]+|o[1-9](?:-[a-z0-9-]+)?|text-embedding-[a-z0-9-]+|omni-moderation-[a-z]+|whisper-1|tts-1[a-z-]*)["'`]/g,
	)) {
		ids.add(match[1]);
	}
	return [...ids];
}
