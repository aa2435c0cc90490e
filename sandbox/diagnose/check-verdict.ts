/**
 * What the live key check says about the follow-up question's choices (follow-up.ts).
 *
 * The check tries the key the person typed, which is the key their app sent only if they checked
 * the same one. So its word is an answer the person can still change, never more: a step that
 * failed for one of the offered causes answers with that cause, a step that passed marks the
 * causes it rules out for that key, and when it rules out all choices but one, that one answers.
 */
import type { CheckStepId, KeyCheck } from './check-types.ts';
import type { DiagnosisId, FollowUp } from './types.ts';

export interface CheckVerdict {
	/** The choice the check points to, when it points to one. */
	choice?: DiagnosisId;
	/** Why, in a sentence that can stand as evidence ("The key check: …"). */
	finding?: string;
	/** Offered choices a passing step rules out for the key that was checked. */
	ruledOut: DiagnosisId[];
}

/**
 * Causes a passing step rules out. Model access is left out: the check asks about the model in
 * its own field, which need not be the one the failing request named.
 */
const RULED_OUT_BY: Record<CheckStepId, readonly DiagnosisId[]> = {
	format: ['malformed_key'],
	authentication: ['malformed_key', 'invalid_key', 'revoked_key'],
	model_access: [],
	// The tiny request went through: the account has credit and the key may call the model.
	quota: ['insufficient_quota', 'billing_not_active', 'missing_scopes'],
};

/** Each step as the findings name it. */
const STEP_NAME: Record<CheckStepId, string> = {
	format: 'the format check',
	authentication: 'authentication',
	model_access: 'model access',
	quota: 'one tiny billable request',
};

/** The check's word on `followUp`'s choices. */
export function checkVerdict(followUp: FollowUp, check: KeyCheck): CheckVerdict {
	const offered = followUp.choices.map((choice) => choice.id);
	const ruledOut = offered.filter((id) =>
		check.steps.some((step) => step.status === 'pass' && RULED_OUT_BY[step.id].includes(id)),
	);
	const failed = check.steps.find((step) => step.status === 'fail');
	const named = failed?.diagnosis?.id;
	if (failed && named && offered.includes(named))
		return {
			choice: named,
			finding: `The key check: ${STEP_NAME[failed.id]} failed with "${failed.summary}".`,
			ruledOut,
		};
	const left = offered.filter((id) => !ruledOut.includes(id));
	const [only] = left;
	if (!failed && left.length === 1 && only !== undefined) {
		const passed = check.steps.filter((step) => step.status === 'pass');
		return {
			choice: only,
			finding: `The key check: the key you checked passed ${passed.map((step) => STEP_NAME[step.id]).join(', ')}, which rules out the other causes.`,
			ruledOut,
		};
	}
	return { ruledOut };
}
