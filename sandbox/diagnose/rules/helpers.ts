/** Small matchers shared by the rule families; each returns evidence quoted from the input. */
import { redactKey } from '../../keys/redact.ts';
import type { Signals } from '../types.ts';

const RAW_KEY = /\bsk-[A-Za-z0-9_-]{20,}/g;
const SNIPPET = 160;

/** The line around `index`, at most ~160 characters, with any raw key redacted. */
export function snippet(text: string, index: number, length = 0): string {
	const lineStart = text.lastIndexOf('\n', index) + 1;
	let lineEnd = text.indexOf('\n', index + length);
	if (lineEnd < 0) lineEnd = text.length;
	let start = lineStart;
	let end = lineEnd;
	if (end - start > SNIPPET) {
		start = Math.max(start, index - 60);
		end = Math.min(end, Math.max(index + length, start) + SNIPPET - 60);
		// Cut at word boundaries so a quote never starts mid-word.
		const space = text.indexOf(' ', start);
		if (start > lineStart && space >= 0 && space < index) start = space + 1;
		const back = text.lastIndexOf(' ', end);
		if (end < lineEnd && back > index + length) end = back;
	}
	const line = text.slice(start, end).trim();
	const quote = (start > lineStart ? '…' : '') + line + (end < lineEnd ? '…' : '');
	return quote.replace(RAW_KEY, (key) => redactKey(key));
}

/** First of `phrases` (lower-case) found in the input, as evidence. */
export function phrase(signals: Signals, phrases: readonly string[]): string | undefined {
	for (const needle of phrases) {
		const at = signals.lower.indexOf(needle);
		if (at >= 0) return snippet(signals.text, at, needle.length);
	}
	return undefined;
}

/** First match of a bounded regex in the input, as evidence. */
export function pattern(signals: Signals, regex: RegExp): string | undefined {
	const match = regex.exec(signals.text);
	return match ? snippet(signals.text, match.index, match[0].length) : undefined;
}

/** Evidence that `error.code` (or `error.type`) is one of `values`. */
export function field(
	signals: Signals,
	name: 'code' | 'type',
	values: readonly string[],
): string | undefined {
	const list = name === 'code' ? signals.codes : signals.types;
	const found = list.find((value) => values.includes(value));
	return found === undefined ? undefined : `error.${name}: ${found}`;
}

/** Evidence that a message field contains one of `phrases` (lower-case). */
export function message(signals: Signals, phrases: readonly string[]): string | undefined {
	for (const text of signals.messages) {
		const lower = text.toLowerCase();
		if (phrases.some((needle) => lower.includes(needle))) return snippet(text, 0);
	}
	return undefined;
}

/** Collects the defined pieces of evidence; undefined when there are none. */
export function evidence(...pieces: (string | undefined)[]): string[] | undefined {
	const found = pieces.filter((piece): piece is string => piece !== undefined);
	return found.length > 0 ? [...new Set(found)] : undefined;
}

/** Evidence for the HTTP status, when known. */
export function statusEvidence(signals: Signals): string | undefined {
	return signals.status === undefined ? undefined : `HTTP status ${signals.status}`;
}
