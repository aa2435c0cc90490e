import { describe, expect, it } from 'vitest';
import { judgeMaskedKey } from '../../../sandbox/diagnose/masked-key.ts';
import { maskKey } from '../../../sandbox/keys/mask-key.ts';

const tail = 'Ab3dEf6hIj9kLm2nOp5q';
const legacy = 'sk-' + tail + 'T3Blbk' + 'FJ' + tail;
const project = 'sk-proj-' + tail.repeat(3) + 'T3Blbk' + 'FJ' + tail.repeat(4) + 'abcdef-_';
const svcacct = 'sk-svcacct-' + tail.repeat(3) + 'T3Blbk' + 'FJ' + tail.repeat(4) + 'abcdefghijk';

describe('judgeMaskedKey', () => {
	it.each([
		['legacy key', legacy],
		['project key', project],
		['service-account key', svcacct],
		['2024 project key', 'sk-proj-' + tail + 'T3Blbk' + 'FJ' + tail],
	])('a well-formed %s is invalid, not malformed', (_name, key) => {
		expect(judgeMaskedKey(maskKey(key)).kind).toBe('invalid');
	});

	it.each([
		['quotes', `"${project}"`],
		['single quotes', `'${legacy}'`],
		['Bearer prefix', `Bearer ${project}`],
		['variable prefix', `OPENAI_API_KEY=${project}`],
		['apiKey prefix', `apiKey: ${legacy}`],
		['unexpanded variable', '${OPENAI_API_KEY}'],
		['URL', 'https://api.openai.com/v1/chat/completions'],
		['placeholder', 'YOUR_API_KEY'],
		['placeholder sk-xxx', 'sk-xxxxxxxxxxxxxxxxxxxxxxxx'],
		['publishable key', 'domain_pk_' + tail],
		['short value', 'sk jj'],
	])('%s is malformed', (_name, value) => {
		expect(judgeMaskedKey(maskKey(value)).kind).toBe('malformed');
	});

	it('an empty value is missing', () => expect(judgeMaskedKey('').kind).toBe('missing'));
	it('"undefined" and friends are missing: the variable was never loaded', () => {
		for (const value of ['undefined', 'null', 'None', "''"]) {
			expect(judgeMaskedKey(value).kind).toBe('missing');
		}
	});
	it.each([
		['Azure hex key', '0123456789abcdef0123456789abcdef'],
		['OpenRouter key', 'sk-or-v1-' + '0123456789abcdef'.repeat(4)],
		['35-character sk-<hex> key', 'sk-' + '0123456789abcdef'.repeat(2)],
		['relay key with its own prefix', 'kod-' + '0123456789abcdef'.repeat(6)],
	])('%s is another service’s key (wrong base URL)', (_name, value) => {
		expect(judgeMaskedKey(maskKey(value)).kind).toBe('foreign');
	});
	it.each([
		['truncated legacy', legacy.slice(0, 40)],
		['truncated project', project.slice(0, 100)],
	])(
		'a %s is unknown to OpenAI first and damaged second: echoes are often shortened by hand',
		(_name, value) => {
			const verdict = judgeMaskedKey(maskKey(value));
			expect(verdict.kind).toBe('invalid');
			expect(verdict.runnerUp?.kind).toBe('malformed');
			expect(verdict.runnerUp?.why).toMatch(/cut short/);
		},
	);
	it('a whole key has no length doubt', () => {
		expect(judgeMaskedKey(maskKey(legacy)).runnerUp).toBeUndefined();
	});
	it('newer masks without a length are invalid', () => {
		expect(judgeMaskedKey('sk-...1JMA').kind).toBe('invalid');
		expect(judgeMaskedKey('sk-svcac…').kind).toBe('invalid');
	});
});
