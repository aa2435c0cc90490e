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

function refine(signals: Signals) {
	const model = signals.model;
	const suggestion = model ? suggestModel(model) : undefined;
	const allowlist = /does not have access to model/i.test(signals.text);
	const fixes: string[] = [];
	if (suggestion) fixes.push(`"${model}" looks like a typo: did you mean "${suggestion}"?`);
	if (allowlist) {
		fixes.push(
			'The project blocks this model: allow it in the project settings (Limits → Model usage) or use a key from a project that allows it.',
		);
	}
	return fixes.length > 0 ? { fixes } : {};
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
	regex:
		/\bmodel[:`'" ]{1,4}[\w.:/-]{1,80}[`'"]? (?:does not exist|has been deprecated|not found|is not (?:not )?(?:yet )?supported|is not available)/i,
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
