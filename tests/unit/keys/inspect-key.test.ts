import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectKey, type KeyProblemCode } from '../../../sandbox/keys/inspect-key.ts';
import { maskKey } from '../../../sandbox/keys/mask-key.ts';

// Real-shaped keys are assembled at run time; none is committed.
const t = 'Ab3dEf6hIj9kLm2nOp5q';
const marker = 'T3Blbk' + 'FJ';
const project = 'sk-proj-' + t.repeat(3) + marker + t.repeat(4) + 'abcdef-_';
const project2024 = 'sk-proj-' + t + marker + t;
const legacy = 'sk-' + t + marker + t;
const svcacct = 'sk-svcacct-' + t.repeat(3) + marker + t.repeat(4) + 'abcde';
const admin = 'sk-admin-' + t.repeat(2) + 'xyz';
const practice = 'sk-proj-' + t.repeat(3) + 'PRACTICE' + t.repeat(4) + 'abcdef-_';

const codes = (value: string) => inspectKey(value).problems.map((p) => p.code);

describe('inspectKey: key types', () => {
	it.each([
		[project, 'project'],
		[project2024, 'project'],
		[legacy, 'legacy_user'],
		[svcacct, 'service_account'],
		[admin, 'admin'],
		['0123456789abcdef0123456789abcdef', 'not_openai_secret'],
		['domain_pk_' + t, 'not_openai_secret'],
	])('%s is %s', (value, type) => {
		expect(inspectKey(value).type).toBe(type);
	});

	it('well-formed keys have no errors', () => {
		for (const key of [project, project2024, legacy, svcacct]) {
			expect(inspectKey(key)).toMatchObject({ ok: true, problems: [] });
		}
	});

	it('recognises practice keys', () => {
		expect(inspectKey(practice)).toMatchObject({ type: 'project', practice: true, ok: true });
		expect(inspectKey(project).practice).toBe(false);
	});

	it('an admin key is flagged as unable to call models', () => {
		expect(codes(admin)).toContain('admin_key');
		expect(inspectKey(admin).ok).toBe(true);
	});

	it('masks the cleaned value like the API', () => {
		expect(inspectKey(` "${project}"\n`).masked).toBe(maskKey(project));
	});
});

describe('inspectKey: hidden problems, with their position', () => {
	const cases: [string, string, KeyProblemCode, number | undefined][] = [
		['leading space', ' ' + project, 'leading_whitespace', 0],
		['trailing space', project + ' ', 'trailing_whitespace', project.length],
		['trailing newline', project + '\n', 'newline', project.length],
		['CRLF', project + '\r\n', 'newline', project.length],
		['double quotes', `"${project}"`, 'quotes', 0],
		['smart quotes', `\u201c${project}\u201d`, 'quotes', 0],
		['Bearer prefix', 'Bearer ' + project, 'bearer_prefix', 0],
		['env prefix', 'OPENAI_API_KEY=' + project, 'name_prefix', 0],
		['export line', `export OPENAI_API_KEY='${project}'`, 'name_prefix', 0],
		['apiKey: prefix', 'apiKey: ' + legacy, 'name_prefix', 0],
		['unexpanded ${}', '${OPENAI_API_KEY}', 'unexpanded_variable', 0],
		['unexpanded $VAR', '$OPENAI_API_KEY', 'unexpanded_variable', 0],
		['URL', 'https://api.openai.com/v1', 'url', 0],
		['placeholder', 'YOUR_API_KEY', 'placeholder', 0],
		['placeholder sk-xxx', 'sk-xxxxxxxxxxxxxxxx', 'placeholder', 0],
		['placeholder <>', '<your-openai-key>', 'placeholder', 0],
		['zero-width space', project.slice(0, 20) + '\u200b' + project.slice(20), 'zero_width', 20],
		['BOM', '\ufeff' + project, 'zero_width', 0],
		['Cyrillic a', project.slice(0, 30) + '\u0430' + project.slice(31), 'lookalike', 30],
		['en dash', 'sk\u2013proj-' + project.slice(8), 'lookalike', 2],
		['inner space', project.slice(0, 50) + ' ' + project.slice(50), 'inner_whitespace', 50],
		['bad character', project.slice(0, 40) + '!' + project.slice(41), 'invalid_character', 40],
		['truncated', project.slice(0, 90), 'wrong_length', undefined],
		['truncated legacy', legacy.slice(0, 45), 'wrong_length', undefined],
		['two keys', legacy + legacy, 'several_keys', 51],
		['Azure key', '0123456789abcdef0123456789abcdef', 'not_a_secret_key', 0],
		['publishable key', 'domain_pk_' + t, 'publishable_key', 0],
		['Anthropic key', 'sk-ant-api03-' + t.repeat(4), 'other_provider', 0],
		['empty', '', 'empty', undefined],
		['blank', '  \n', 'empty', undefined],
	];
	for (const [name, value, code, index] of cases) {
		it(name, () => {
			const result = inspectKey(value);
			const found = result.problems.find((p) => p.code === code);
			expect(found, JSON.stringify(result.problems)).toBeDefined();
			expect(found?.index).toBe(index);
			expect(found?.message.length).toBeGreaterThan(10);
			expect(result.ok).toBe(false);
		});
	}

	it('reports every problem at once', () => {
		const value = ` "Bearer ${project.slice(0, 9)}\u200b${project.slice(9)}"\n`;
		expect(codes(value)).toEqual(
			expect.arrayContaining([
				'leading_whitespace',
				'quotes',
				'bearer_prefix',
				'zero_width',
				'newline',
			]),
		);
	});

	it('never puts the key into a message', () => {
		for (const value of [' ' + project, `"${project}"`, project.slice(0, 90), 'Bearer ' + legacy]) {
			const text = JSON.stringify(inspectKey(value).problems);
			expect(text).not.toContain(project.slice(8, 40));
			expect(text).not.toContain(legacy.slice(3, 30));
		}
	});
});

// Fuzzing is CPU-bound; the shared two-core machine can be slow.
describe('inspectKey: fuzz', { timeout: 60_000 }, () => {
	it('never throws and always answers with a known type', () => {
		const types = [
			'project',
			'service_account',
			'legacy_user',
			'admin',
			'unassociated',
			'not_openai_secret',
		];
		const piece = fc.oneof(
			fc.constantFrom(
				'sk-',
				'sk-proj-',
				'Bearer ',
				'"',
				'\u200b',
				'\u0430',
				'\n',
				' ',
				'${',
				'https://',
				'=',
				marker,
			),
			fc.string({ unit: 'grapheme', maxLength: 40 }),
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
				const result = inspectKey(parts.join(''));
				expect(types).toContain(result.type);
				expect(result.ok).toBe(!result.problems.some((p) => p.severity === 'error'));
				for (const p of result.problems) {
					if (p.index !== undefined) expect(p.index).toBeGreaterThanOrEqual(0);
				}
			}),
			{ numRuns: 1000 },
		);
	});

	it('is fast on huge values', () => {
		for (const value of [
			'sk-proj-' + 'a'.repeat(1024 * 1024),
			' '.repeat(1024 * 1024) + 'x',
			'a '.repeat(500_000),
		]) {
			inspectKey(value); // warm-up
			let best = Infinity;
			for (let i = 0; i < 3; i++) {
				const start = performance.now();
				inspectKey(value);
				best = Math.min(best, performance.now() - start);
			}
			expect(best).toBeLessThan(20);
		}
	});
});
