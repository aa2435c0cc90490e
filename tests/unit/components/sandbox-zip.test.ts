import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sanitizeFiles, zipFiles } from '../../../src/components/sandbox-zip.ts';
import { getTemplate } from '../../../sandbox/templates/index.ts';

const key = `sk-proj-${'Q'.repeat(70)}${'T3Blbk'}${'FJ'}${'w'.repeat(70)}`;

describe('sanitizeFiles', () => {
	it('empties OPENAI_API_KEY in env files and cuts the held key from every file', () => {
		const files = sanitizeFiles(
			[
				{
					path: '.env',
					contents: `# mine\nOPENAI_API_KEY=${key}\nexport OPENAI_API_KEY="x"\nOTHER=1\n`,
				},
				{ path: 'index.js', contents: `const k = '${key}';\n` },
				{ path: '.env.local', contents: 'OPENAI_API_KEY=sk-something-else-entirely\n' },
			],
			key,
		);
		expect(files[0]?.contents).toBe('# mine\nOPENAI_API_KEY=\nexport OPENAI_API_KEY=\nOTHER=1\n');
		expect(files[1]?.contents).toBe("const k = '';\n");
		expect(files[2]?.contents).toBe('OPENAI_API_KEY=\n');
	});

	it('leaves files alone when no key is held', () => {
		const template = getTemplate('first-request');
		expect(sanitizeFiles(template.files, undefined)).toEqual(template.files.map((f) => ({ ...f })));
	});
});

describe('zipFiles', () => {
	it('round-trips every file of a template, .env included and key-free', () => {
		const template = getTemplate('first-request');
		const withKey = template.files.map((file) =>
			file.path === '.env' ? { ...file, contents: `OPENAI_API_KEY=${key}\n` } : file,
		);
		const entries = unzipSync(zipFiles(sanitizeFiles(withKey, key)));
		expect(Object.keys(entries).sort()).toEqual(template.files.map((file) => file.path).sort());
		for (const bytes of Object.values(entries)) expect(strFromU8(bytes)).not.toContain(key);
		expect(strFromU8(entries['.env'])).toBe('OPENAI_API_KEY=\n');
	});
});
