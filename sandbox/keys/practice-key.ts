/**
 * Practice keys have the prefixes, lengths and alphabet of real keys, but carry `PRACTICE` where a
 * real key carries `T3BlbkFJ` (base64 of "OpenAI"). Secret scanners, the key inspector and learners
 * can all tell them apart at a glance, and no practice key can ever be mistaken for a live one.
 */
export const PRACTICE_MARKER = 'PRACTICE';

/** The marker in every real OpenAI secret key. */
export const OPENAI_KEY_MARKER = 'T3BlbkFJ';

/** True for a key minted by the practice API. */
export function isPracticeKey(value: string): boolean {
	return /^sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]*PRACTICE[A-Za-z0-9_-]*$/.test(value);
}
