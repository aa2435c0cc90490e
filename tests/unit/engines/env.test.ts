import { describe, expect, it } from 'vitest';
import { buildRunEnv, envFilesFromScript, parseDotenv } from '../../../sandbox/engines/env.ts';

describe('parseDotenv', () => {
	it('reads values the way node --env-file does', () => {
		const text = [
			'# comment',
			'PLAIN=value',
			'SPACED = padded value  ',
			'export EXPORTED=yes',
			'DOUBLE="two\\nlines"',
			"SINGLE='  kept  '",
			'INLINE=abc # comment',
			'EMPTY=',
			'not a line',
		].join('\n');
		expect(parseDotenv(text)).toEqual({
			PLAIN: 'value',
			SPACED: 'padded value',
			EXPORTED: 'yes',
			DOUBLE: 'two\nlines',
			SINGLE: '  kept  ',
			INLINE: 'abc',
			EMPTY: '',
		});
	});
});

describe('envFilesFromScript', () => {
	it('finds --env-file and --env-file-if-exists in both spellings', () => {
		expect(
			envFilesFromScript('node --env-file=.env --env-file-if-exists .env.local index.js'),
		).toEqual([
			{ path: '.env', optional: false },
			{ path: '.env.local', optional: true },
		]);
	});
});

describe('buildRunEnv', () => {
	const pkg = (start: string) => ({
		path: 'package.json',
		contents: JSON.stringify({ scripts: { start } }),
	});
	const dotenv = { path: '.env', contents: 'OPENAI_API_KEY=\nFROM_FILE=1\n' };

	it('puts the run env over the .env values the start script loads', () => {
		const env = buildRunEnv([pkg('node --env-file=.env index.js'), dotenv], {
			OPENAI_API_KEY: 'sk-run',
		});
		expect(env).toEqual({ OPENAI_API_KEY: 'sk-run', FROM_FILE: '1' });
	});

	it('ignores .env when the start script does not load it, or package.json is broken', () => {
		expect(buildRunEnv([pkg('node index.js'), dotenv], { A: 'b' })).toEqual({ A: 'b' });
		expect(buildRunEnv([{ path: 'package.json', contents: '{' }, dotenv], { A: 'b' })).toEqual({
			A: 'b',
		});
	});
});
