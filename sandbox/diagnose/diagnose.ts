/**
 * The diagnosis pipeline: normalise any input into signals, try the rules in order of
 * specificity, and dress the winner with the catalog's text. Never throws.
 */
import { catalog } from './catalog.ts';
import { rules } from './rules/index.ts';
import { readSignals } from './signals.ts';
import type { DiagnoseInput, Diagnosis, DiagnosisId, RuleMatch, Signals } from './types.ts';

/** Dresses a cause with the catalog's text; for callers that already know the cause. */
export function buildDiagnosis(
	id: DiagnosisId,
	match: RuleMatch,
	signals: Pick<Signals, 'requestId'> = {},
): Diagnosis {
	const entry = catalog[id];
	const extras: string[] = [];
	if (signals.requestId) extras.push(`Request id: ${signals.requestId}.`);
	const explanation = [match.explanation ?? entry.explanation];
	if (match.explanation && match.explanation !== entry.explanation)
		explanation.push(entry.explanation);
	return {
		id,
		title: match.title ?? entry.title,
		confidence: match.confidence,
		explanation: [...explanation, ...extras].join(' '),
		evidence: match.evidence,
		fixes: [...new Set([...(match.fixes ?? []), ...entry.fixes])],
		retryable: match.retryable ?? entry.retryable,
		lesson: match.lesson ?? entry.lesson,
	};
}

/** Explains an OpenAI API failure from pasted text or a structured response/error. */
export function diagnose(input: DiagnoseInput): Diagnosis {
	let signals: Signals;
	try {
		signals = readSignals(input);
	} catch {
		signals = { text: '', lower: '', types: [], codes: [], messages: [], classes: [], headers: {} };
	}
	for (const rule of rules) {
		const match = rule.match(signals);
		if (match) return buildDiagnosis(match.id ?? rule.id, match, signals);
	}
	const nothing = signals.text.trim() === '';
	return buildDiagnosis(
		'other',
		{
			confidence: nothing ? 0 : 0.2,
			evidence: [],
			...(nothing ? { explanation: 'Nothing to diagnose: the input is empty.' } : {}),
		},
		signals,
	);
}
