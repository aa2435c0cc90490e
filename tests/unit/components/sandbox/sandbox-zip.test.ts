import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	REMOVED,
	removalNote,
	sanitizeFiles,
	zipFiles,
} from '../../../../src/components/sandbox/sandbox-zip.ts';
import { KEY_SHAPED } from '../../../../src/components/sandbox/sandbox-edits.ts';
import { getTemplate } from '../../../../sandbox/templates/index.ts';

const key = `sk-proj-${'Q'.repeat(70)}${'T3Blbk'}${'FJ'}${'w'.repeat(70)}`;

describe('sanitizeFiles', () => {
	it('empties OPENAI_API_KEY in env files and cuts the held key from every file', () => {
		const { files, removedFrom } = sanitizeFiles(
			[
				{
					path: '.env',
					contents: `# mine\nOPENAI_API_KEY=${key}\nexport OPENAI_API_KEY="x"\nOTHER=1\n`,
				},
				{ path: 'index.js', contents: `const k = '${key}';\n` },
				{ path: '.env.local', contents: 'OPENAI_API_KEY=sk-something-else-entirely\n' },
				{ path: 'README.md', contents: 'nothing secret\n' },
			],
			key,
		);
		expect(files[0]?.contents).toBe('# mine\nOPENAI_API_KEY=\nexport OPENAI_API_KEY=\nOTHER=1\n');
		expect(files[1]?.contents).toBe(`const k = '${REMOVED}';\n`);
		expect(files[2]?.contents).toBe('OPENAI_API_KEY=\n');
		expect(removedFrom).toEqual(['.env', 'index.js', '.env.local']);
		expect(removalNote(removedFrom)).toContain('removed from .env, index.js, .env.local');
	});

	it('removes key-shaped values that are not the held key, in any file (as saved edits do)', () => {
		const other = `sk-svcacct-${'a1'.repeat(40)}`;
		const { files, removedFrom } = sanitizeFiles(
			[
				{ path: 'lib/client.js', contents: `new OpenAI({ apiKey: "${other}" });\n` },
				{ path: 'notes.txt', contents: `backup: ${other.split('').reverse().join('')}\n` },
			],
			undefined,
		);
		for (const file of files) expect(KEY_SHAPED.test(file.contents), file.path).toBe(false);
		expect(files[0]?.contents).toBe(`new OpenAI({ apiKey: "${REMOVED}" });\n`);
		// A reversed key is not key-shaped; it stays (the held key itself is cut wherever it is).
		expect(removedFrom).toEqual(['lib/client.js']);
	});

	it('leaves files alone and says nothing when there is no key', () => {
		const template = getTemplate('first-request');
		const { files, removedFrom } = sanitizeFiles(template.files, undefined);
		expect(files).toEqual(template.files.map((f) => ({ ...f })));
		expect(removedFrom).toEqual([]);
		expect(removalNote(removedFrom)).toBeUndefined();
	});
});

describe('zipFiles', () => {
	it('round-trips every file of a template, .env included and key-free', () => {
		const template = getTemplate('first-request');
		const withKey = template.files.map((file) =>
			file.path === '.env' ? { ...file, contents: `OPENAI_API_KEY=${key}\n` } : file,
		);
		const entries = unzipSync(zipFiles(sanitizeFiles(withKey, key).files));
		expect(Object.keys(entries).sort()).toEqual(template.files.map((file) => file.path).sort());
		for (const bytes of Object.values(entries)) {
			expect(strFromU8(bytes)).not.toContain(key);
			expect(KEY_SHAPED.test(strFromU8(bytes))).toBe(false);
		}
		expect(strFromU8(entries['.env'])).toBe('OPENAI_API_KEY=\n');
	});
});
