import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../sandbox/diagnose/dotenv.ts';

describe('parseDotenv reads values as dotenv would', () => {
	it.each([
		['OPENAI_API_KEY=abc', 'abc'],
		['OPENAI_API_KEY = abc  ', 'abc'],
		['export OPENAI_API_KEY=abc', 'abc'],
		['OPENAI_API_KEY="abc"', 'abc'],
		["OPENAI_API_KEY='abc' # comment", 'abc'],
		['OPENAI_API_KEY=abc # comment', 'abc'],
		['OPENAI_API_KEY="abc\\n"', 'abc\n'],
		['OPENAI_API_KEY=“abc”', '“abc”'],
		['OPENAI_API_KEY=abc\r', 'abc'],
	])('%s', (line, value) => {
		expect(parseDotenv(line).get('OPENAI_API_KEY')?.value).toBe(value);
	});

	it('keeps the last definition and its line', () => {
		const entries = parseDotenv('# keys\nOPENAI_API_KEY=one\nOTHER=x\nOPENAI_API_KEY=two\n');
		expect(entries.get('OPENAI_API_KEY')).toEqual({ value: 'two', line: 4 });
		expect(entries.get('OTHER')?.value).toBe('x');
	});
});
