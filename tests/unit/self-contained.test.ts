/**
 * The repository stands alone: a clone with nothing beside it must pass `npm test`. Our CI lays a
 * reference folder (`shared/`) next to the clone, which hid a test that read a fixture from it; so
 * every path written in a source, test, bench, script or config file must stay inside the repo.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const CODE = /\.(?:[cm]?[jt]s|astro|mdx|json|ya?ml|sh|toml)$|(?:^|\/)\.ci\/run$/;

function repoFiles(): string[] {
	const listed = execFileSync(
		'git',
		['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
		{ cwd: root, encoding: 'utf8' },
	);
	return listed
		.split('\0')
		.filter((file) => file && CODE.test(file) && !file.endsWith('package-lock.json'));
}

/** Relative path literals (`'../x'`) in `text`; a template's `${…}` part ends the path. */
function relativePaths(text: string): string[] {
	return (
		[...text.matchAll(/(['"`])((?:\.\.\/)+[^'"`\s$]*)\1?/g)]
			.map((match) => match[2] ?? '')
			// Globs (lint rules' import patterns) name no file.
			.filter((path) => !path.includes('*'))
	);
}

function escapes(path: string): boolean {
	const rel = relative(root, path);
	return rel.startsWith('..') || isAbsolute(rel);
}

describe('the repository is self-contained', () => {
	const files = repoFiles();

	it('finds the files it checks', () => {
		expect(files.length).toBeGreaterThan(100);
		expect(files).toContain('package.json');
	});

	it('no relative path in any file climbs out of the repository', () => {
		const outside: string[] = [];
		for (const file of files) {
			const text = readFileSync(resolve(root, file), 'utf8');
			for (const path of relativePaths(text)) {
				if (escapes(resolve(root, dirname(file), path))) outside.push(`${file}: ${path}`);
			}
		}
		expect(outside).toEqual([]);
	});

	it('nothing names the reference shelf beside the clone or an absolute workspace path', () => {
		const named: string[] = [];
		for (const file of files) {
			if (file === 'tests/unit/self-contained.test.ts') continue;
			const text = readFileSync(resolve(root, file), 'utf8');
			for (const line of text.split('\n')) {
				// Comments may say where a copied file came from; code may not read from there.
				if (/^\s*(\/\/|\*|#)/.test(line)) continue;
				if (/\.\.\/shared\/|\/work\/(shared|main)\b/.test(line))
					named.push(`${file}: ${line.trim()}`);
			}
		}
		expect(named).toEqual([]);
	});
});
