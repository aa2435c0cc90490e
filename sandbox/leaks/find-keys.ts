/**
 * The one leak detector: finds OpenAI secret keys in text (a paste, a file, a diff line) and tells
 * a real-looking key from a practice key or a placeholder. Used by `keylab doctor` and the leak
 * check page. A finding carries the key's redacted form only; the whole key never leaves here.
 */
import { keyShapes, PLACEHOLDER, type KeyType } from '../keys/key-shapes.ts';
import { isPracticeKey, OPENAI_KEY_MARKER } from '../keys/practice-key.ts';
import { redactKey } from '../keys/redact.ts';

/** What a key-shaped string is: a real-looking key (a leak), a practice key, or placeholder text. */
export type KeyKind = 'leak' | 'practice' | 'placeholder';

/** One key-shaped string found in some text. */
export interface KeyFinding {
	/** File name (or "pasted text"), as the caller named it. */
	file: string;
	/** 1-based line and column. */
	line: number;
	column: number;
	keyType: Exclude<KeyType, 'not_openai_secret'>;
	kind: KeyKind;
	/** `sk-proj-abc…wxyz`: enough to recognise the key in the dashboard, never enough to use it. */
	masked: string;
	/** The commit that added the line, when the text came from git history. */
	commit?: string;
	/** That commit's date (ISO 8601). */
	date?: string;
}

// Any `sk-` token of key characters not glued to a longer word. 20+ body characters: shorter
// strings (`sk-...`, `sk-xxxx`, `sk-your-key`) are placeholders, never reported.
const CANDIDATE = /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g;

// Words that only placeholder text carries (a real key body is random base64url).
const PLACEHOLDER_WORDS =
	/x{4,}|\.{3}|your|example|placeholder|redacted|replace|insert|paste|change[-_]?me|dummy|fake|test[-_]?key|here|abcdef|12345|0{6,}/i;

/** Tells what a key-shaped token is, or undefined when it is no OpenAI key at all. */
export function classifyKey(
	token: string,
): { keyType: KeyFinding['keyType']; kind: KeyKind } | undefined {
	// Other providers use `sk-` too: Anthropic, OpenRouter, DeepSeek (32 hex).
	if (/^sk-(?:ant-|or-)/.test(token) || /^sk-[0-9a-f]{32}$/.test(token)) return undefined;
	const shape = keyShapes.find((s) => token.startsWith(s.prefix));
	if (!shape) return undefined;
	const keyType = shape.type;
	if (isPracticeKey(token)) return { keyType, kind: 'practice' };
	if (token.includes(OPENAI_KEY_MARKER)) return { keyType, kind: 'leak' };
	const body = token.slice(shape.prefix.length);
	if (PLACEHOLDER.test(token) || PLACEHOLDER_WORDS.test(body) || !looksRandom(body))
		return { keyType, kind: 'placeholder' };
	// Without the marker, only a body of the right length is a key (admin and sk-None- keys
	// carry no marker); anything else is a truncated copy or some other token.
	return shape.fits(token.length) ? { keyType, kind: 'leak' } : undefined;
}

/** Random base64url mixes cases and digits and hardly repeats itself. */
function looksRandom(body: string): boolean {
	if (!/[a-z]/.test(body) || !/[A-Z]/.test(body) || !/[0-9]/.test(body)) return false;
	return new Set(body).size >= Math.min(16, body.length / 2);
}

/** Options of {@link findKeys}. */
export interface FindOptions {
	file?: string;
	/** Line number of the text's first line (for a hunk of a diff). */
	firstLine?: number;
	/** Also return practice keys and placeholders (the default: leaks only). */
	all?: boolean;
}

/** Every OpenAI key in `text`, with its line and column. Linear in the text's length. */
export function findKeys(text: string, options: FindOptions = {}): KeyFinding[] {
	const findings: KeyFinding[] = [];
	if (!text.includes('sk-')) return findings;
	let line = options.firstLine ?? 1;
	let lineStart = 0;
	let scanned = 0;
	for (const match of text.matchAll(CANDIDATE)) {
		const index = match.index;
		// Count the line breaks between the previous match and this one, once.
		for (let at = text.indexOf('\n', scanned); at !== -1 && at < index;) {
			line++;
			lineStart = at + 1;
			at = text.indexOf('\n', at + 1);
		}
		scanned = index;
		const token = match[0];
		const verdict = classifyKey(token);
		if (!verdict || (verdict.kind !== 'leak' && !options.all)) continue;
		findings.push({
			file: options.file ?? 'pasted text',
			line,
			column: index - lineStart + 1,
			...verdict,
			masked: redactKey(token),
		});
	}
	return findings;
}
