/**
 * Keeps diagnosis fast on huge pastes (whole log files): beyond a size, only the head, the tail
 * (where tracebacks end) and windows around error-looking words are scanned. Every later regex
 * then runs over at most ~`MAX_SCAN` characters.
 */

/** Texts up to this size are scanned whole. */
export const MAX_SCAN = 128 * 1024;
const EDGE = 24 * 1024;
const WINDOW = 1200;
const MAX_WINDOWS = 30;

// One regex pass over the middle (literal alternation: linear, ~1-5 ms per MB), instead of one
// indexOf per word, which costs a full scan each.
const ANCHOR =
	/API key|api[ _]key|quota|[Rr]ate limit|CORS|cors|ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|overloaded|scopes|["']error["']|Error code|Exception|status code/g;

/** Returns `text` itself, or a bounded excerpt of it joined by newlines. */
export function boundText(text: string): string {
	if (text.length <= MAX_SCAN) return text;
	const middleEnd = text.length - EDGE;
	const parts = [text.slice(0, EDGE)];
	const anchor = new RegExp(ANCHOR.source, 'g');
	anchor.lastIndex = EDGE;
	let last = EDGE;
	for (let n = 0; n < MAX_WINDOWS; n++) {
		const match = anchor.exec(text);
		if (!match || match.index >= middleEnd) break;
		const start = Math.max(last, match.index - WINDOW);
		const end = Math.min(middleEnd, match.index + WINDOW);
		if (end > start) parts.push(text.slice(start, end));
		last = end;
		// Skip past this window: a noisy log repeats the same word on every line.
		anchor.lastIndex = Math.max(anchor.lastIndex, end);
	}
	parts.push(text.slice(middleEnd));
	return parts.join('\n');
}
