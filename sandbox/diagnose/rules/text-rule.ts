/**
 * Builds a rule from data: error codes, error types, phrases and an optional regex. Fields come
 * first: a code, type, or a phrase inside an `error.message` the normaliser extracted; the phrase
 * anywhere in the text is the fallback, with a little less confidence.
 */
import type { DiagnosisId, Rule, RuleMatch, Signals } from '../types.ts';
import { evidence, field, message, pattern, phrase, statusEvidence } from './helpers.ts';

export interface TextRuleSpec {
	/** Lower-case phrases searched in error messages, then anywhere in the input. */
	phrases?: readonly string[];
	/** `error.code` values. */
	codes?: readonly string[];
	/** `error.type` values. */
	types?: readonly string[];
	/** A bounded regex over the original text. */
	regex?: RegExp;
	/** Default 0.9 from fields, 0.85 from free text: a message or code that names the cause. */
	confidence?: number;
	/** Extra condition, e.g. a status range. */
	when?: (signals: Signals) => boolean;
	/** Case-specific title, fixes, etc. */
	refine?: (signals: Signals) => Partial<RuleMatch>;
}

/** A rule that matches when any of the spec's clues is present. */
export function textRule(id: DiagnosisId, name: string, spec: TextRuleSpec): Rule {
	return {
		id,
		name,
		match(signals) {
			if (spec.when && !spec.when(signals)) return undefined;
			const structured = evidence(
				spec.codes && field(signals, 'code', spec.codes),
				spec.types && field(signals, 'type', spec.types),
				spec.phrases && message(signals, spec.phrases),
			);
			const found =
				structured ??
				evidence(
					spec.phrases && phrase(signals, spec.phrases),
					spec.regex && pattern(signals, spec.regex),
				);
			if (!found) return undefined;
			const status = statusEvidence(signals);
			return {
				confidence: spec.confidence ?? (structured ? 0.9 : 0.85),
				evidence: status ? [...found, status] : found,
				...spec.refine?.(signals),
			};
		},
	};
}
