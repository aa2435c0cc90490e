/**
 * Format feedback for the key field, as one line. Loaded on the first keystroke.
 *
 * INTEGRATION POINT: `inspectKey` (sandbox/keys/inspect-key.ts, engineer "diagnose") is the real
 * source of these findings; until it lands this module applies the few checks below.
 */
import { isPracticeKey } from '../../sandbox/keys/practice-key.ts';
import type { KeyFeedback } from './key-field.ts';

/** One line of feedback for what was typed; undefined for an empty field. */
export function feedbackFor(value: string): KeyFeedback | undefined {
	if (value === '') return undefined;
	const trimmed = value.trim();
	if (trimmed !== value) {
		return { level: 'warning', text: 'There is a space or line break around the key; it is ignored here, but check where you copied it from.' };
	}
	if (isPracticeKey(trimmed)) {
		return { level: 'warning', text: 'This is a practice key: it works only in Practice mode, not against api.openai.com.' };
	}
	if (!trimmed.startsWith('sk-')) {
		return { level: 'error', text: 'OpenAI secret keys start with "sk-". This does not look like one.' };
	}
	if (/\s/.test(trimmed)) return { level: 'error', text: 'The key contains a space or line break; copy it again.' };
	if (trimmed.length < 40) return { level: 'error', text: `This is too short for an OpenAI key (${trimmed.length} characters); it may be cut off.` };
	return { level: 'ok', text: `Looks like an OpenAI key (${trimmed.length} characters).` };
}
