/**
 * The runaway-output guard both engines' runs go through: a program that prints in a loop is cut
 * off once its output passes a cap, so the page keeps a bounded log and stays responsive.
 */
import type { OutputChunk } from './types.ts';

/** How much output one run may show: 1 MB of UTF-8 or 10,000 lines, whichever comes first. */
export const OUTPUT_LIMITS = { bytes: 1_000_000, lines: 10_000 } as const;

const encoder = new TextEncoder();

/**
 * Wraps `onOutput`: passes chunks on until the limits are reached (the chunk that crosses one is
 * cut at the limit), then calls `onExceeded` once and drops everything after.
 */
export function capOutput(
	onOutput: (chunk: OutputChunk) => void,
	onExceeded: () => void,
	limits: { bytes: number; lines: number } = OUTPUT_LIMITS,
): (chunk: OutputChunk) => void {
	let bytes = 0;
	let lines = 0;
	let exceeded = false;
	return (chunk) => {
		if (exceeded) return;
		let text = chunk.text;
		let newlines = 0;
		// Anything after the last allowed line's newline is over the limit.
		let end = lines >= limits.lines ? 0 : -1;
		for (let at = text.indexOf('\n'); end === -1 && at !== -1; at = text.indexOf('\n', at + 1)) {
			if (++newlines === limits.lines - lines) end = at + 1;
		}
		if (end !== -1 && end < text.length) {
			text = text.slice(0, end);
			exceeded = true;
		}
		const size = encoder.encode(text).length;
		if (bytes + size > limits.bytes) {
			// Cut by characters: exact enough for a limit, and never splits a surrogate pair.
			text = [...text].slice(0, Math.max(0, limits.bytes - bytes)).join('');
			exceeded = true;
		}
		bytes += size;
		lines += newlines;
		if (text) onOutput({ stream: chunk.stream, text });
		if (exceeded) onExceeded();
	};
}
