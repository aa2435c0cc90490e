/** The model is unknown, misspelled, retired, or not allowed for this project (403 or 404). */
import { MODEL_REGISTRY } from '../../models/registry.ts';
import type { Rule, Signals } from '../types.ts';
import { textRule } from './text-rule.ts';

// Ids to suggest a fix for typos such as `gtp-4`: every model the registry knows (current and
// retired, since a typo of a retired id is still what the learner meant) and a few older ones.
const KNOWN_MODELS = [
	...new Set([
		...MODEL_REGISTRY.map((entry) => entry.id),
		'gpt-4o',
		'gpt-4o-mini',
		'gpt-4.1',
		'gpt-4.1-mini',
		'gpt-4',
		'gpt-3.5-turbo',
		'o1',
		'o3',
		'dall-e-3',
		'whisper-1',
		'tts-1',
	]),
];

/** Edit distance between two short strings; 9 when their lengths differ by more than 3. */
export function distance(a: string, b: string): number {
	if (Math.abs(a.length - b.length) > 3) return 9;
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
		}
		previous = current;
	}
	return previous[b.length];
}

/** A known model id one or two edits away from `model`, if any. */
export function suggestModel(model: string): string | undefined {
	const lower = model.toLowerCase();
	if (KNOWN_MODELS.includes(lower)) return undefined;
	let best: string | undefined;
	let bestDistance = 3;
	for (const known of KNOWN_MODELS) {
		const d = distance(lower, known);
		if (d < bestDistance) [best, bestDistance] = [known, d];
	}
	return best;
}

// OpenAI's own "does not exist or you do not have access to it" for a model it does serve: an
// account that has never bought API credit is on the free usage tier, which leaves out most models
// (developers.openai.com/api/docs/guides/rate-limits, "Usage tiers"; the message links Help Center
// 7102672, "How can I access GPT-4…?"). In rounds 1 to 16 of the corpus 4 of 39 such reports were
// fixed by buying credit; the person knows which it is.
const MODEL_DOES_NOT_EXIST = /\bmodel:?\s*[`'"]?([\w.:-]{2,60})[`'"]? does not exist\b/i;
const SERVED_FAMILY = /^(?:gpt-[4-9](?:o|\.\d)?|o[1-9])(?:-|$)/i;

function unfunded(signals: Signals) {
	const model = MODEL_DOES_NOT_EXIST.exec(signals.text)?.[1];
	if (!model || !SERVED_FAMILY.test(model)) return [];
	const why =
		'OpenAI gives the same answer when the account has not bought API credit: the free usage tier cannot use most models.';
	return [
		{ id: 'billing_not_active' as const, why },
		{ id: 'insufficient_quota' as const, why },
	];
}

function refine(signals: Signals) {
	const model = signals.model;
	const suggestion = model ? suggestModel(model) : undefined;
	const allowlist = /does not have access to model/i.test(signals.text);
	const alternatives = suggestion ? [] : unfunded(signals);
	const fixes: string[] = [];
	if (suggestion) fixes.push(`"${model}" looks like a typo: did you mean "${suggestion}"?`);
	if (/model requires a newer version/i.test(signals.text)) {
		fixes.push(
			'Update the client (app, CLI or SDK) to its latest version, or choose a model this version knows.',
		);
	}
	if (allowlist) {
		fixes.push(
			'The project blocks this model: allow it in the project settings (Limits → Model usage) or use a key from a project that allows it.',
		);
	}
	if (alternatives.length > 0) {
		fixes.push(
			'If the account has never bought API credit, buy some on https://platform.openai.com/settings/organization/billing: the free usage tier cannot use this model.',
		);
	}
	return {
		...(fixes.length > 0 ? { fixes } : {}),
		...(alternatives.length > 0 ? { alternatives } : {}),
	};
}

export const modelRule: Rule = textRule('model_not_found', 'model', {
	codes: ['model_not_found', 'deploymentnotfound', 'model_not_available'],
	phrases: [
		'does not exist or you do not have access to it',
		'does not have access to model',
		'not allowed to sample from this model',
		'try pulling it first',
		// OpenRouter: "x is not a valid model ID"; other gateways: "Invalid model ID".
		'is not a valid model id',
		'invalid model id',
		'the api deployment for this resource does not exist',
		'deploymentnotfound',
		'model_not_found',
		// Servers and gateways in their own words: Xinference, vLLM, OpenRouter.
		'model not found',
		'no such model',
		'unknown model',
		'model does not exist',
		'model not exist',
		'no endpoints found for',
		// one-api / new-api relays: no channel of this key's group serves the model (503 or 500).
		'no available channels for model',
		'no available channel for model',
		'无可用渠道',
	],
	// A client too old for the model its shared settings name ("The 'x' model requires a newer
	// version of Codex"): the model exists, this client cannot serve it. A model named before the
	// word ("The 'gpt-5.5' model is not supported when using Codex with a ChatGPT account") is one
	// this plan does not serve. "Not supported in transcription mode" is the request's (request.ts).
	regex:
		/\bmodel[:`'" ]{1,4}[\w.:/-]{1,80}[`'"]? (?:does not exist|has been deprecated|not found|is not (?:not )?(?:yet )?supported(?! in\b)|is not available)|[`'"][\w.:/<>-]{0,80}[`'"] model is not\s+(?:yet\s+)?supported\b(?! in\b)|\bmodel requires a newer version\b/i,
	refine,
});

// A model setting that holds a display name ("GPT-3.5 Turbo"): ids have no spaces.
const MODEL_SETTING = /\b\w*model["']?\s*[:=]\s*["']([^"'\n]{1,60})["']/i;

/** A rejected call whose printed settings name the model by its display name. */
export const modelValueRule: Rule = {
	id: 'model_not_found',
	name: 'model-value',
	match(signals) {
		if (signals.status !== undefined && ![400, 404].includes(signals.status)) return undefined;
		const match = MODEL_SETTING.exec(signals.text);
		const value = match?.[1].trim();
		if (!match || !value || !/\s/.test(value)) return undefined;
		return {
			confidence: 0.6,
			evidence: [match[0]],
			explanation: `The model is set to "${value}", a display name: the API takes the model id, which has no spaces (for example gpt-3.5-turbo, not "GPT-3.5 Turbo").`,
			fixes: ['Use the model id exactly as the models page or GET /v1/models lists it.'],
		};
	},
};
