/**
 * The worker engine's script carries its own strict CSP on every host: its rule is in each deploy
 * file, after the site-wide one (hosts that apply both enforce both; others let the later win),
 * and the path it names is where the build puts the worker (astro.config.mjs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchesPattern, parseHeadersFile } from '../../scripts/serve-static.ts';
import { deployRules } from '../../scripts/write-deploy-headers.ts';
import { sandboxWorkerDir, sandboxWorkerHeaders, securityHeaders } from '../../src/headers.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const policy = sandboxWorkerHeaders['Content-Security-Policy'];

describe('the worker engine script’s policy', () => {
	it('allows no network, no nested workers and only blob: scripts', () => {
		expect(policy).toContain("connect-src 'none'");
		expect(policy).toContain("worker-src 'none'");
		expect(policy).toContain("default-src 'none'");
		expect(/script-src ([^;]*)/.exec(policy)?.[1]?.split(' ').sort()).toEqual([
			"'wasm-unsafe-eval'",
			'blob:',
		]);
	});

	it('is in every deploy file, after the site-wide rule, for the worker folder', () => {
		const patterns = Object.keys(deployRules);
		expect(patterns.indexOf(`${sandboxWorkerDir}*`)).toBeGreaterThan(patterns.indexOf('/*'));
		const rules = parseHeadersFile(read('public/_headers'));
		const worker = `${sandboxWorkerDir}worker-main-AbC123.js`;
		const applied: Record<string, string> = {};
		for (const rule of rules)
			if (matchesPattern(rule.pattern, worker)) Object.assign(applied, rule.headers);
		expect(applied['Content-Security-Policy']).toBe(policy);
		// The isolation headers still reach the worker: an isolated page only starts a worker that has them.
		expect(applied['Cross-Origin-Embedder-Policy']).toBe(
			securityHeaders['Cross-Origin-Embedder-Policy'],
		);
		const vercel = JSON.parse(read('vercel.json')) as { headers: { source: string }[] };
		const sources = vercel.headers.map((entry) => entry.source);
		expect(sources.indexOf(`${sandboxWorkerDir}(.*)`)).toBeGreaterThan(sources.indexOf('/(.*)'));
		expect(read('netlify.toml')).toContain(`for = "${sandboxWorkerDir}*"`);
	});

	it('names the folder the build puts the worker in', () => {
		expect(read('astro.config.mjs')).toContain("chunk.name === 'worker-main'");
		expect(read('sandbox/engines/worker/worker-script.ts')).toContain(
			"import('./worker-main.ts?worker&url')",
		);
	});
});
