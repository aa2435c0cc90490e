import { describe, expect, it } from 'vitest';
import { findKeys, classifyKey } from '../../../sandbox/leaks/find-keys.ts';
import { DiffScanner, COMMIT_MARK } from '../../../sandbox/leaks/scan-diff.ts';
import { redactKey } from '../../../sandbox/keys/redact.ts';
import { scenarioKey } from '../../../sandbox/practice-api/index.ts';
import { fakeKeys, randomBody } from './fake-keys.ts';

describe('findKeys', () => {
	it('finds every OpenAI key format with its line, column and type, redacted', () => {
		const keys = fakeKeys();
		const text = Object.values(keys)
			.map((key, i) => `${' '.repeat(i)}KEY_${i}="${key}"`)
			.join('\n');
		const findings = findKeys(text, { file: '.env' });
		expect(findings.map((f) => f.keyType)).toEqual(Object.keys(keys));
		findings.forEach((finding, i) => {
			expect(finding).toMatchObject({ file: '.env', line: i + 1, column: i + 8, kind: 'leak' });
			const key = Object.values(keys)[i] ?? '';
			expect(finding.masked.endsWith(key.slice(-4))).toBe(true);
			expect(JSON.stringify(finding)).not.toContain(key.slice(12, 40));
		});
	});

	it('never reports placeholders or practice keys as leaks', () => {
		const placeholders = [
			'sk-...',
			'sk-xxxx',
			'sk-your-key-here',
			'sk-your-openai-api-key-goes-here-1234',
			'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			'sk-proj-' + 'a'.repeat(156),
			'sk-proj-REDACTED' + randomBody(40),
		];
		const practice = scenarioKey('valid');
		const text = [...placeholders, practice].map((p) => `key = "${p}"`).join('\n');
		expect(findKeys(text)).toEqual([]);
		const all = findKeys(text, { all: true });
		expect(all.every((f) => f.kind !== 'leak')).toBe(true);
		expect(all.find((f) => f.masked === redactKey(practice))?.kind).toBe('practice');
	});

	it('ignores other providers and keys glued inside longer words', () => {
		const body = randomBody(90);
		expect(classifyKey('sk-ant-api03-' + body)).toBeUndefined();
		expect(classifyKey('sk-or-v1-' + body)).toBeUndefined();
		expect(findKeys(`task-${fakeKeys().legacy_user.slice(3)}`)).toEqual([]);
	});

	it('scans 5 MB in well under a second', () => {
		const line =
			'const answer = await client.responses.create({ model: "gpt-4o-mini" }); // sk-...\n';
		const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)) + fakeKeys().project;
		const start = performance.now();
		const findings = findKeys(big);
		expect(performance.now() - start).toBeLessThan(1000);
		expect(findings).toHaveLength(1);
		expect(findings[0]?.line).toBe(big.split('\n').length);
	});
});

describe('DiffScanner', () => {
	it('reports keys in added lines only, with the commit, file and new line number', () => {
		const key = fakeKeys().project;
		const log = [
			`${COMMIT_MARK}bbbb 2026-11-02T00:00:00Z`,
			'diff --git a/.env b/.env',
			'deleted file mode 100644',
			'--- a/.env',
			'+++ /dev/null',
			'@@ -1 +0,0 @@',
			`-OPENAI_API_KEY=${key}`,
			`${COMMIT_MARK}aaaa 2026-11-01T00:00:00Z`,
			'diff --git a/.env b/.env',
			'new file mode 100644',
			'--- /dev/null',
			'+++ b/.env',
			'@@ -0,0 +1,3 @@',
			'+# keys',
			'+',
			`+OPENAI_API_KEY=${key}`,
		].join('\n');
		const scanner = new DiffScanner();
		// Fed in odd chunks, as a pipe delivers it.
		for (let i = 0; i < log.length; i += 7) scanner.push(log.slice(i, i + 7));
		const findings = scanner.end();
		expect(findings).toHaveLength(1);
		expect(findings[0]).toMatchObject({ commit: 'aaaa', file: '.env', line: 3, column: 16 });
	});
});
