/**
 * The one question the troubleshooter asks when the pasted text cannot decide between causes.
 *
 * About a third of the real reports the engine misses do not hold their cause at all: a bare 401
 * or 429, "An error occurred.", a key cut short that looks whole (tests/fixtures/diagnose/README.md).
 * Only the person can tell those apart, from something they can check: whether the account has
 * credit, whether a base URL is set. So when a diagnosis is not sure, it carries a question whose
 * choices are the causes the evidence and the status leave open, each phrased as such a fact
 * (the catalog's `sign`); the answer re-dresses the diagnosis for the chosen cause.
 */
import { buildDiagnosis } from './dress.ts';
import { catalog } from './catalog.ts';
import type { Diagnosis, DiagnosisId, FollowUp } from './types.ts';

/**
 * What each status can mean on the real API and the clients in front of it, likeliest first
 * (shared/reference/openai-errors.md, and the thread resolutions in tests/fixtures/diagnose).
 */
const STATUS_CAUSES: Record<number, readonly DiagnosisId[]> = {
	400: ['bad_request', 'wrong_base_url', 'organization_not_verified', 'model_not_found'],
	401: ['invalid_key', 'missing_key', 'malformed_key', 'wrong_base_url', 'wrong_organization'],
	403: ['unsupported_region', 'missing_scopes', 'organization_not_verified', 'model_not_found'],
	// A model OpenAI serves is also "not found" for an account that never bought credit (model.ts).
	404: ['model_not_found', 'wrong_base_url', 'insufficient_quota'],
	405: ['wrong_base_url'],
	429: ['rate_limit', 'insufficient_quota', 'billing_not_active'],
	500: ['server_error', 'wrong_base_url', 'overloaded'],
	502: ['server_error', 'overloaded', 'network_error', 'wrong_base_url'],
	503: ['overloaded', 'server_error', 'wrong_base_url'],
	504: ['network_error', 'server_error', 'overloaded'],
};

/**
 * With no status, nothing answered or an app hid the answer. Apps that hide it most often hid a
 * billing or key problem (the commonest causes of the corpus's reports that named nothing).
 */
const NO_STATUS_CAUSES: readonly DiagnosisId[] = [
	'network_error',
	'insufficient_quota',
	'wrong_base_url',
	'missing_key',
];

/** A question with more choices than this is a quiz, not a question. */
const MAX_CHOICES = 4;

/** Below this the text alone is not enough: a status only, or a cause named in passing. */
const SURE = 0.8;

/** The question to ask, or undefined when the evidence already decides. */
export function followUpFor(
	diagnosis: Diagnosis,
	status: number | undefined,
): FollowUp | undefined {
	// A rule that recognised a cause outside the catalog's ids (id "other", confidence high) is
	// as sure as any other.
	const open = diagnosis.confidence < SURE;
	const alternatives = (diagnosis.alternatives ?? []).map((alternative) => alternative.id);
	if (!open && alternatives.length === 0) return undefined;
	const candidates: DiagnosisId[] = [];
	const add = (id: DiagnosisId) => {
		if (id !== 'other' && !candidates.includes(id)) candidates.push(id);
	};
	add(diagnosis.id);
	alternatives.forEach(add);
	// A sure diagnosis with a named runner-up asks between those two only.
	if (open) {
		const byStatus = status === undefined ? NO_STATUS_CAUSES : (STATUS_CAUSES[status] ?? []);
		byStatus.forEach(add);
	}
	const choices = candidates.slice(0, MAX_CHOICES);
	if (choices.length < 2) return undefined;
	return {
		question: 'Which of these is true?',
		choices: choices.map((id) => ({ id, title: catalog[id].title, sign: catalog[id].sign })),
	};
}

/**
 * The diagnosis once the person has said which choice is true. Confirming the first cause keeps
 * it; choosing another makes that the cause, with the answer as evidence and the text's own
 * reading kept as the runner-up.
 */
export function answerFollowUp(
	diagnosis: Diagnosis,
	chosen: DiagnosisId,
	/** Who answered, when not the person: the live key check's finding (check-verdict.ts). */
	finding?: string,
): Diagnosis {
	const choice = diagnosis.followUp?.choices.find((candidate) => candidate.id === chosen);
	if (!choice) return diagnosis;
	const said = finding ?? `You said: ${choice.sign}`;
	if (chosen === diagnosis.id) {
		return { ...diagnosis, evidence: [...diagnosis.evidence, said], answered: chosen };
	}
	const answered = buildDiagnosis(
		chosen,
		{
			confidence: 0.7,
			evidence: [said, ...diagnosis.evidence],
			alternatives: [
				{
					id: diagnosis.id,
					why: `The error text alone pointed here first${diagnosis.evidence[0] ? ` (${diagnosis.evidence[0]})` : ''}.`,
				},
			],
		},
		diagnosis.provider ? { provider: diagnosis.provider } : {},
	);
	return { ...answered, followUp: diagnosis.followUp, answered: chosen };
}
