/**
 * Format feedback for the key field, as one line, from `inspectKey`. Loaded on the first
 * keystroke, so a page whose learner never types a key never pays for the inspector.
 */
import { inspectKey, type KeyType } from '../../../sandbox/keys/inspect-key.ts';
import type { KeyFeedback } from './key-field.ts';

const TYPE_NAMES: Record<KeyType, string> = {
	project: 'a project key (sk-proj-)',
	service_account: 'a service-account key (sk-svcacct-)',
	legacy_user: 'a legacy user key (sk-)',
	admin: 'an Admin key (sk-admin-)',
	unassociated: 'an OpenAI key',
	not_openai_secret: 'not an OpenAI secret key',
};

/** One line of feedback for what was typed; undefined for an empty field. */
export function feedbackFor(value: string): KeyFeedback | undefined {
	if (value.trim() === '') return undefined;
	const inspection = inspectKey(value);
	const errors = inspection.problems.filter((problem) => problem.severity === 'error');
	const warnings = inspection.problems.filter((problem) => problem.severity === 'warning');
	const more = (count: number) =>
		count > 1 ? ` (${count - 1} more problem${count > 2 ? 's' : ''})` : '';
	if (errors[0]) return { level: 'error', text: errors[0].message + more(errors.length) };
	if (inspection.practice) {
		return {
			level: 'warning',
			text: 'This is a practice key: it works in Practice mode, not against api.openai.com.',
		};
	}
	if (warnings[0]) return { level: 'warning', text: warnings[0].message + more(warnings.length) };
	return {
		level: 'ok',
		text: `Looks like ${TYPE_NAMES[inspection.type]}, ${inspection.length} characters. Not checked with OpenAI until you run.`,
	};
}
