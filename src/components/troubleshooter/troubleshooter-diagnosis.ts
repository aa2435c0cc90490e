/**
 * The pasted-error half of the troubleshooter, loaded on the error box's first focus or when the
 * page goes idle (so a paste still works once the network is gone), not with the page.
 */
import {
	answerFollowUp,
	diagnose,
	type Diagnosis,
	type DiagnosisId,
	type FollowUp,
} from '../../../sandbox/diagnose/index.ts';
import { scrubSecrets } from '../../../sandbox/keys/redact.ts';
import { announcementOf, renderDiagnosis, renderFollowUp } from './troubleshooter-render.ts';

/** A diagnosis ready to show and to speak. */
export interface DiagnosisView {
	/** Equal for two views that would look the same: an unchanged one need not be redrawn. */
	signature: string;
	/** What the live region says. */
	announcement: string;
	/** Builds the article shown under the error box. */
	render(): HTMLElement;
	/** Builds the follow-up question, when the text leaves more than one cause open. */
	renderFollowUp?(): HTMLElement;
	/** The question the text leaves open, when it leaves one. */
	followUp?: FollowUp;
	/**
	 * The view once a choice is said to be true ('' for "not sure"): by the person, or by the key
	 * check with its `finding` as evidence.
	 */
	answer(choice: DiagnosisId | '', finding?: string): DiagnosisView;
}

/** Every text of a diagnosis with `secrets` scrubbed out. */
function scrubbed(diagnosis: Diagnosis, scrub: (value: string) => string): Diagnosis {
	return {
		...diagnosis,
		explanation: scrub(diagnosis.explanation),
		evidence: diagnosis.evidence.map(scrub),
		fixes: diagnosis.fixes.map(scrub),
		...(diagnosis.provider
			? { provider: { ...diagnosis.provider, evidence: scrub(diagnosis.provider.evidence) } }
			: {}),
		...(diagnosis.alternatives
			? {
					alternatives: diagnosis.alternatives.map((alternative) => ({
						...alternative,
						why: scrub(alternative.why),
					})),
				}
			: {}),
	};
}

/** Diagnoses `text`; `secrets` (a pasted error may quote the failing key) are never shown. */
export function diagnosisView(text: string, secrets: (string | undefined)[]): DiagnosisView {
	const diagnosis = diagnose(text);
	const scrub = (value: string) => scrubSecrets(value, secrets);
	const fromText = scrubbed(diagnosis, scrub);
	const followUp = diagnosis.followUp;
	// The text's own view and each answer's share the question; "not sure" goes back to the first.
	const viewOf = (shown: Diagnosis): DiagnosisView => ({
		signature: JSON.stringify(shown),
		announcement: announcementOf(shown),
		render: () => renderDiagnosis(shown),
		...(followUp ? { followUp, renderFollowUp: () => renderFollowUp(followUp) } : {}),
		answer: (choice, finding) =>
			viewOf(
				choice === '' ? fromText : scrubbed(answerFollowUp(diagnosis, choice, finding), scrub),
			),
	});
	return viewOf(fromText);
}
