import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
	collectOpenAiDeclarations,
	isMonacoCssImport,
} from '../../../../src/components/monaco/vite-plugin.ts';

describe('isMonacoCssImport', () => {
	it('matches CSS imported by Monaco’s ESM files only', () => {
		const importer = '/x/node_modules/monaco-editor/esm/vs/editor/browser/widget/codeEditor.js';
		expect(isMonacoCssImport('./editor.css', importer)).toBe(true);
		expect(isMonacoCssImport('../colorPicker.css?inline', importer)).toBe(true);
		expect(isMonacoCssImport('./editor.js', importer)).toBe(false);
		expect(isMonacoCssImport('./sandbox.css', '/x/src/components/Sandbox.astro')).toBe(false);
		expect(isMonacoCssImport('./editor.css', undefined)).toBe(false);
	});
});

describe('collectOpenAiDeclarations', () => {
	const packageDir = dirname(createRequire(import.meta.url).resolve('openai'));
	const files = collectOpenAiDeclarations(packageDir);

	it('starts at index.d.ts and follows relative imports to the resource types', () => {
		expect(files['index.d.ts']).toContain('OpenAI');
		expect(Object.keys(files)).toContain('client.d.ts');
		expect(Object.keys(files).some((path) => path.startsWith('resources/responses/'))).toBe(true);
	});

	it('resolves every relative import it keeps', () => {
		const missing: string[] = [];
		for (const [path, text] of Object.entries(files)) {
			for (const match of text.matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)) {
				const target = new URL(match[1].replace(/\.m?js$/, ''), `file:///${path}`).pathname.slice(
					1,
				);
				if (!(`${target}.d.ts` in files) && !(`${target}/index.d.ts` in files))
					missing.push(`${path} -> ${match[1]}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('drops source-map comments', () => {
		expect(Object.values(files).some((text) => text.includes('sourceMappingURL'))).toBe(false);
	});
});
