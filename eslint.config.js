// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default defineConfig(
	{
		ignores: [
			'dist/**',
			'dist-*/**',
			'.astro/**',
			'.tools/**',
			'node_modules/**',
			'test-results/**',
			'playwright-report/**',
			'bench/results/**',
			'public/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			globals: { ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		// sandbox/ is the framework-free core: it must never reach into the site (src/) or Astro.
		files: ['sandbox/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/src/**', '../src/*', '../../src/*'],
							message: 'sandbox/ must not import from src/.',
						},
						{
							group: ['astro', 'astro:*', 'astro/*', '@astrojs/*'],
							message: 'sandbox/ is framework-free.',
						},
					],
				},
			],
		},
	},
	...astro.configs.recommended,
	{
		// Astro files and plain JS config files are not part of the TS project service.
		files: ['**/*.astro', '**/*.js', '**/*.mjs', '**/*.cjs'],
		...tseslint.configs.disableTypeChecked,
	},
	{
		// CommonJS on purpose: the Node version check must run on any old Node to say it is too old.
		files: ['**/*.cjs'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
