/**
 * Tells what a pasted key is and every hidden problem in it, without sending it anywhere.
 * Problems carry the index in the original value, so a UI can point at the exact character.
 */
import { maskKey } from './mask-key.ts';
import { isPracticeKey, OPENAI_KEY_MARKER } from './practice-key.ts';
import {
	isUnexpanded,
	keyShapes,
	LOOKALIKES,
	PLACEHOLDER,
	ZERO_WIDTH,
	type KeyType,
} from './key-shapes.ts';
import { problem, scanCharacters, unwrap, type KeyProblem } from './key-problems.ts';

export type { KeyProblem, KeyProblemCode } from './key-problems.ts';

export type { KeyType } from './key-shapes.ts';

export interface KeyInspection {
	type: KeyType;
	/** A practice-API key (carries PRACTICE where real keys carry T3BlbkFJ). */
	practice: boolean;
	/** Length of the value once surrounding whitespace, quotes and prefixes are removed. */
	length: number;
	/** The cleaned value masked the way api.openai.com would echo it. */
	masked: string;
	problems: KeyProblem[];
	/** True when no problem has severity `error`. */
	ok: boolean;
}

function classify(core: string, offset: number, problems: KeyProblem[]): KeyType {
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(core) || /^www\./i.test(core)) {
		problems.push(
			problem(
				'url',
				'This is a URL, not a key (the base URL may have been pasted into the key setting).',
				offset,
			),
		);
		return 'not_openai_secret';
	}
	if (isUnexpanded(core)) {
		problems.push(
			problem(
				'unexpanded_variable',
				`"${core.slice(0, 40)}" is a variable reference that was never replaced by its value.`,
				offset,
			),
		);
		return 'not_openai_secret';
	}
	// Placeholders are short; bounding also keeps the pattern's `.*` from going quadratic.
	if (core.length <= 120 && PLACEHOLDER.test(core)) {
		problems.push(
			problem('placeholder', 'This is placeholder text from an example, not a real key.', offset),
		);
		return 'not_openai_secret';
	}
	if (core.startsWith('domain_pk_')) {
		problems.push(
			problem(
				'publishable_key',
				'This is a publishable domain key (ChatKit), not a secret key: the API rejects it.',
				offset,
			),
		);
		return 'not_openai_secret';
	}
	if (/^sk-(?:ant-|or-)/.test(core) || /^sk-[0-9a-f]{32}$/.test(core)) {
		problems.push(
			problem(
				'other_provider',
				'This looks like a key from another provider (Anthropic, OpenRouter, DeepSeek…): it only works with that provider’s base URL.',
				offset,
			),
		);
		return 'not_openai_secret';
	}
	const normalised = [...core].map((c) => LOOKALIKES[c] ?? c).join('');
	const shape = keyShapes.find((s) => normalised.startsWith(s.prefix));
	if (!shape) {
		const hint = /^[0-9a-f]{32}$/i.test(core)
			? ' A 32-character hex value is usually an Azure OpenAI key.'
			: '';
		problems.push(
			problem(
				'not_a_secret_key',
				`OpenAI secret keys start with "sk-"; this value does not.${hint}`,
				offset,
			),
		);
		return 'not_openai_secret';
	}
	return shape.type;
}

/** Inspects a key value: its type and every hidden problem. Never throws; never logs. */
export function inspectKey(value: string): KeyInspection {
	const input = typeof value === 'string' ? value : '';
	const problems: KeyProblem[] = [];
	if (input.trim() === '') {
		problems.push(
			problem('empty', input === '' ? 'No key was given.' : 'The value is only whitespace.'),
		);
		return {
			type: 'not_openai_secret',
			practice: false,
			length: 0,
			masked: '',
			problems,
			ok: false,
		};
	}
	// Bound the work: no key is longer than a few hundred characters.
	const bounded = input.length > 4096 ? input.slice(0, 4096) : input;
	scanCharacters(bounded, problems);
	const { core, offset } = unwrap(bounded, problems);
	const type = classify(core, offset, problems);
	const practice = isPracticeKey(core);
	if (type !== 'not_openai_secret') checkBody(core, offset, type, practice, problems);
	const sorted = problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
	return {
		type,
		practice,
		length: core.length,
		masked: maskKey(core),
		problems: sorted,
		ok: !sorted.some((p) => p.severity === 'error'),
	};
}

function checkBody(
	core: string,
	offset: number,
	type: KeyType,
	practice: boolean,
	problems: KeyProblem[],
): void {
	const space = core.search(/\s/);
	if (space >= 0)
		problems.push(
			problem(
				'inner_whitespace',
				'There is a space or line break inside the key: it was split or joined when copied.',
				offset + space,
			),
		);
	const bad = core.search(/[^A-Za-z0-9_\-\s]/);
	if (bad >= 0 && !ZERO_WIDTH.has(core[bad]) && LOOKALIKES[core[bad]] === undefined) {
		problems.push(
			problem(
				'invalid_character',
				`"${core[bad]}" at position ${offset + bad + 1} cannot be part of a key.`,
				offset + bad,
			),
		);
	}
	if (core.indexOf('sk-', 3) > 0)
		problems.push(
			problem(
				'several_keys',
				'The value holds more than one key (pasted twice?).',
				offset + core.indexOf('sk-', 3),
			),
		);
	const shape = keyShapes.find((s) => s.type === type);
	if (shape && !shape.fits(core.length)) {
		problems.push(
			problem(
				'wrong_length',
				`The key is ${core.length} characters; a ${shape.prefix}… key is ${shape.expected}. It was cut short or has extra characters.`,
			),
		);
	}
	if (
		(type === 'project' || type === 'service_account' || type === 'legacy_user') &&
		!practice &&
		!core.includes(OPENAI_KEY_MARKER)
	) {
		problems.push(
			problem(
				'missing_marker',
				`Real OpenAI keys contain "${OPENAI_KEY_MARKER}"; this one does not, so it is cut or not from OpenAI.`,
				undefined,
				'warning',
			),
		);
	}
	if (type === 'admin') {
		problems.push(
			problem(
				'admin_key',
				'This is an Admin key: it manages the organization (keys, projects, usage) and cannot call models.',
				undefined,
				'warning',
			),
		);
	}
}
