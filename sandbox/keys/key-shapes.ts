/**
 * What real OpenAI secret keys look like (observed, see reference/openai-errors.md §4): prefixes,
 * lengths, alphabet, and the characters that sneak into copied keys.
 */

export type KeyType =
	'project' | 'service_account' | 'legacy_user' | 'admin' | 'unassociated' | 'not_openai_secret';

export interface KeyShape {
	type: Exclude<KeyType, 'not_openai_secret'>;
	prefix: string;
	/** Human description of the expected length. */
	expected: string;
	fits(length: number): boolean;
}

// Longest prefix first: `sk-` alone must be tried last.
export const keyShapes: readonly KeyShape[] = [
	{
		type: 'service_account',
		prefix: 'sk-svcacct-',
		expected: 'about 164–170 characters',
		fits: (n) => n >= 120 && n <= 220,
	},
	{
		type: 'admin',
		prefix: 'sk-admin-',
		expected: 'at least 40 characters',
		fits: (n) => n >= 40 && n <= 220,
	},
	{
		type: 'project',
		prefix: 'sk-proj-',
		expected: '164 characters (56 for keys made in early 2024)',
		fits: (n) => n === 56 || (n >= 120 && n <= 220),
	},
	{
		type: 'unassociated',
		prefix: 'sk-None-',
		expected: 'about 164 characters',
		fits: (n) => n >= 50 && n <= 220,
	},
	{ type: 'legacy_user', prefix: 'sk-', expected: '51 characters', fits: (n) => n === 51 },
];

/** Invisible characters that survive copy and paste. */
export const ZERO_WIDTH = new Set([
	'\u200b',
	'\u200c',
	'\u200d',
	'\u2060',
	'\ufeff',
	'\u00ad',
	'\u180e',
]);

/** Characters that look like ASCII key characters but are not. */
export const LOOKALIKES: Record<string, string> = {
	'\u0430': 'a', // Cyrillic а
	'\u0435': 'e',
	'\u043e': 'o',
	'\u0440': 'p',
	'\u0441': 'c',
	'\u0443': 'y',
	'\u0445': 'x',
	'\u0455': 's', // Cyrillic ѕ
	'\u0456': 'i',
	'\u0458': 'j',
	'\u043a': 'k',
	'\u0410': 'A',
	'\u0412': 'B',
	'\u0415': 'E',
	'\u041a': 'K',
	'\u041c': 'M',
	'\u041d': 'H',
	'\u041e': 'O',
	'\u0420': 'P',
	'\u0421': 'C',
	'\u0422': 'T',
	'\u0425': 'X',
	'\u03bf': 'o', // Greek ο
	'\u0391': 'A',
	'\u0392': 'B',
	'\u2010': '-', // hyphen
	'\u2011': '-',
	'\u2012': '-',
	'\u2013': '-', // en dash (auto-corrected by word processors)
	'\u2014': '-',
	'\u2212': '-', // minus sign
	'\u00a0': ' ', // no-break space
};

export const QUOTES = new Set([
	'"',
	"'",
	'`',
	'\u201c',
	'\u201d',
	'\u2018',
	'\u2019',
	'\u00ab',
	'\u00bb',
]);

/** Matches placeholder text left where a key should be. */
export const PLACEHOLDER =
	/^(?:<.*>|\[.*\]|your[\s_-]?(?:openai[\s_-]?)?(?:api[\s_-]?)?key.*|(?:sk-)?x{4,}|sk-\.{3}|sk-\*+|sk-your.*|.*(?:insert|replace|paste|enter)[\s_-]?(?:your|key|here).*|api[_-]?key|openai[_-]?api[_-]?key|changeme|placeholder|dummy|undefined|null|none|todo|\.\.\.)$/i;

/** True when `value` starts like an unexpanded variable or template. */
export function isUnexpanded(value: string): boolean {
	return /^(?:\$\{|\$[A-Z_]|%[A-Z_]+%|\{\{|<%|process\.env|os\.environ|import\.meta\.env|env\()/i.test(
		value,
	);
}
