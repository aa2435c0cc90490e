/** Builds a rule from data: phrases, error codes, error types and an optional regex. */
import type { DiagnosisId, Rule, RuleMatch, Signals } from '../types.ts';
import { evidence, field, pattern, phrase, statusEvidence } from './helpers.ts';

export interface TextRuleSpec {
	/** Lower-case phrases searched anywhere in the input. */
	phrases?: readonly string[];
	/** `error.code` values. */
	codes?: readonly string[];
	/** `error.type` values. */
	types?: readonly string[];
	/** A bounded regex over the original text. */
	regex?: RegExp;
	/** Default 0.9: a message or code that names the cause. */
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
			const found = evidence(
				spec.codes && field(signals, 'code', spec.codes),
				spec.types && field(signals, 'type', spec.types),
				spec.phrases && phrase(signals, spec.phrases),
				spec.regex && pattern(signals, spec.regex),
			);
			if (!found) return undefined;
			const status = statusEvidence(signals);
			return {
				confidence: spec.confidence ?? 0.9,
				evidence: status ? [...found, status] : found,
				...spec.refine?.(signals),
			};
		},
	};
}
