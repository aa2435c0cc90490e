/**
 * The problems a key value can hide, and the first pass that finds them: invisible and lookalike
 * characters anywhere, then what wraps the key (whitespace, quotes, `Bearer `, `NAME=`).
 */
import { LOOKALIKES, QUOTES, ZERO_WIDTH } from './key-shapes.ts';

export type KeyProblemCode =
	| 'empty'
	| 'leading_whitespace'
	| 'trailing_whitespace'
	| 'newline'
	| 'inner_whitespace'
	| 'quotes'
	| 'bearer_prefix'
	| 'name_prefix'
	| 'unexpanded_variable'
	| 'url'
	| 'placeholder'
	| 'zero_width'
	| 'lookalike'
	| 'invalid_character'
	| 'wrong_length'
	| 'missing_marker'
	| 'publishable_key'
	| 'other_provider'
	| 'not_a_secret_key'
	| 'several_keys'
	| 'admin_key';

export interface KeyProblem {
	code: KeyProblemCode;
	/** One sentence for a person. */
	message: string;
	/** Where in the original value (UTF-16 index), when it is one place. */
	index?: number;
	/** `error` makes the key fail; `warning` may be fine. */
	severity: 'error' | 'warning';
}

/** Builds a problem; `index` is omitted when the problem is not at one place. */
export const problem = (
	code: KeyProblemCode,
	message: string,
	index?: number,
	severity: KeyProblem['severity'] = 'error',
): KeyProblem =>
	index === undefined ? { code, message, severity } : { code, message, index, severity };

/** Flags invisible and lookalike characters anywhere in the value. */
export function scanCharacters(value: string, problems: KeyProblem[]): void {
	let zeroWidth = 0;
	let lookalike = 0;
	for (let i = 0; i < value.length && zeroWidth + lookalike < 5; i++) {
		const char = value[i];
		if (ZERO_WIDTH.has(char)) {
			zeroWidth++;
			problems.push(
				problem(
					'zero_width',
					`An invisible character (U+${code(char)}) is at position ${i + 1}.`,
					i,
				),
			);
		} else if (LOOKALIKES[char] !== undefined) {
			lookalike++;
			problems.push(
				problem(
					'lookalike',
					`"${char}" (U+${code(char)}) at position ${i + 1} looks like "${LOOKALIKES[char]}" but is a different character.`,
					i,
				),
			);
		}
	}
}

function code(char: string): string {
	return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** Strips what surrounds a key (whitespace, quotes, `Bearer `, `NAME=`), reporting each. */
export function unwrap(value: string, problems: KeyProblem[]): { core: string; offset: number } {
	let start = 0;
	let end = value.length;
	const isSpace = (c: string) => /\s/.test(c) || c === '\u00a0';
	const lead = value.match(/^\s+/)?.[0] ?? '';
	if (lead)
		problems.push(
			problem(
				lead.includes('\n') ? 'newline' : 'leading_whitespace',
				lead.includes('\n')
					? 'There is a line break before the key.'
					: 'There is whitespace before the key.',
				0,
			),
		);
	const trail = value.match(/\s+$/)?.[0] ?? '';
	if (trail && trail.length < value.length) {
		const at = value.length - trail.length;
		problems.push(
			problem(
				/[\r\n]/.test(trail) ? 'newline' : 'trailing_whitespace',
				/[\r\n]/.test(trail)
					? 'The key ends with a line break (common when read from a file or copied with the line).'
					: 'There is whitespace after the key.',
				at,
			),
		);
	}
	for (let guard = 0; guard < 6 && start < end; guard++) {
		while (start < end && isSpace(value[start])) start++;
		while (end > start && isSpace(value[end - 1])) end--;
		const rest = value.slice(start, end);
		const name = /^(?:export\s+)?(?:[A-Za-z_][\w.]*)\s*(?:=|:)\s*/.exec(rest);
		if (QUOTES.has(value[start]) || (end - start > 1 && QUOTES.has(value[end - 1]))) {
			const at = QUOTES.has(value[start]) ? start : end - 1;
			if (!problems.some((p) => p.code === 'quotes'))
				problems.push(
					problem(
						'quotes',
						'The key is wrapped in quotes; the quotes would be sent as part of it.',
						at,
					),
				);
			if (QUOTES.has(value[start])) start++;
			if (end > start && QUOTES.has(value[end - 1])) end--;
		} else if (/^bearer\s+/i.test(rest)) {
			problems.push(
				problem(
					'bearer_prefix',
					'The value starts with "Bearer ": the SDK adds that itself, so it would be sent twice.',
					start,
				),
			);
			start += /^bearer\s+/i.exec(rest)?.[0].length ?? 0;
		} else if (name && !/^https?$/i.test(name[0].replace(/\W/g, '')) && !rest.startsWith('sk-')) {
			problems.push(
				problem(
					'name_prefix',
					`The value starts with "${name[0].trim()}": paste only the key, without the variable name.`,
					start,
				),
			);
			start += name[0].length;
		} else break;
	}
	return { core: value.slice(start, end), offset: start };
}
