import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepSdkEnvReads } from '../../../../src/components/monaco/vite-plugin.ts';

describe('keepSdkEnvReads', () => {
	const source = readFileSync(
		join(dirname(createRequire(import.meta.url).resolve('openai')), 'internal/utils/env.mjs'),
		'utf8',
	);

	it('leaves no `globalThis.process.env` for Vite to replace with {}', () => {
		expect(source).toContain('globalThis.process.env');
		expect(keepSdkEnvReads(source)).not.toContain('globalThis.process.env');
	});

	it('still reads the variable through process', async () => {
		const code = keepSdkEnvReads(source);
		const url = `data:text/javascript,${encodeURIComponent(code)}`;
		const { readEnv } = (await import(/* @vite-ignore */ url)) as {
			readEnv: (name: string) => string | undefined;
		};
		process.env.KEYLAB_SDK_ENV_TEST = ' value ';
		expect(readEnv('KEYLAB_SDK_ENV_TEST')).toBe('value');
	});

	it('leaves other code alone', () => {
		expect(keepSdkEnvReads('export const x = 1;')).toBe('export const x = 1;');
	});
});
