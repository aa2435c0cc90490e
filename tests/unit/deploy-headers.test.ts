import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchesPattern, parseHeadersFile } from '../../scripts/serve-static.ts';
import { deployFiles } from '../../scripts/write-deploy-headers.ts';
import { FRAME_SCRIPT_HASH } from '../../sandbox/engines/worker/frame.ts';
import {
	astroCsp,
	cspHeaderDirectives,
	inlineScriptHashes,
	securityHeaders,
	serializeCsp,
} from '../../src/headers.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

function vercelValues(): Record<string, string> {
	const config = JSON.parse(read('vercel.json')) as {
		headers: { source: string; headers: { key: string; value: string }[] }[];
	};
	const all = config.headers.find((entry) => entry.source === '/(.*)');
	return Object.fromEntries((all?.headers ?? []).map(({ key, value }) => [key, value]));
}

function netlifyValues(): Record<string, string> {
	const values: Record<string, string> = {};
	const block = read('netlify.toml').split('[headers.values]')[1] ?? '';
	for (const match of block.matchAll(/^\s*([\w-]+)\s*=\s*"([^"]*)"/gm)) {
		if (match[1] && match[2] !== undefined) values[match[1]] = match[2];
	}
	return values;
}

const headersFileValues = () =>
	parseHeadersFile(read('public/_headers')).find((rule) => rule.pattern === '/*')?.headers ?? {};

describe('deploy header files', () => {
	it.each(Object.entries(deployFiles()))(
		'%s is what scripts/write-deploy-headers.ts writes from src/headers.ts',
		(path, expected) => {
			expect(read(path), `run: node scripts/write-deploy-headers.ts`).toBe(expected);
		},
	);

	it.each([
		['public/_headers', headersFileValues],
		['vercel.json', vercelValues],
		['netlify.toml', netlifyValues],
	])('%s sends every header the dev and preview servers send', (_name, values) => {
		const actual = values();
		for (const [name, value] of Object.entries(securityHeaders))
			expect(actual[name], name).toBe(value);
	});

	it('the astro config sends the same headers in dev and preview', () => {
		expect(read('astro.config.mjs')).toMatch(/server:\s*\{\s*headers:\s*securityHeaders\s*\}/);
		expect(read('astro.config.mjs')).toMatch(/security:\s*\{\s*csp:\s*astroCsp\(\)\s*\}/);
	});
});

describe('content security policy', () => {
	const header = securityHeaders['Content-Security-Policy'];

	it('sends the isolation, referrer, sniffing and feature headers', () => {
		expect(securityHeaders).toMatchObject({
			'Cross-Origin-Opener-Policy': 'same-origin',
			'Cross-Origin-Embedder-Policy': 'credentialless',
			'Referrer-Policy': 'no-referrer',
			'X-Content-Type-Options': 'nosniff',
		});
		expect(securityHeaders['Permissions-Policy']).toContain('camera=()');
	});

	it('never allows eval, any host, or plugins, and cannot be framed', () => {
		expect(header).not.toContain("'unsafe-eval'");
		expect(header).not.toMatch(/\s\*(\s|;|$)/);
		expect(header).not.toMatch(/\shttps?:(\s|;|$)/);
		expect(header).toContain("object-src 'none'");
		expect(header).toContain("frame-ancestors 'none'");
		expect(header).toBe(serializeCsp(cspHeaderDirectives));
	});

	it('lets the page reach only itself, api.openai.com and the WebContainer hosts', () => {
		const connect = cspHeaderDirectives['connect-src'] ?? [];
		for (const source of connect)
			expect(source).toMatch(
				/^('self'|https:\/\/api\.openai\.com|https:\/\/(\*\.)?(stackblitz\.com|staticblitz\.com|webcontainer\.io|webcontainer-api\.io))$/,
			);
		expect(connect).toContain('https://api.openai.com');
		expect(cspHeaderDirectives['frame-src']).toContain('https://stackblitz.com');
	});

	it('pins inline scripts to hashes on built pages, with no unsafe-inline there', () => {
		const csp = astroCsp();
		expect(csp.scriptDirective.resources).not.toContain("'unsafe-inline'");
		// A meta policy cannot carry frame-ancestors; Chromium logs an error if it tries.
		expect(csp.directives.join(';')).not.toContain('frame-ancestors');
		// The components' inline scripts, and the worker engine's sandboxed frame's one script.
		expect(csp.scriptDirective.hashes).toEqual([...inlineScriptHashes(), FRAME_SCRIPT_HASH]);
	});

	it("hashes Starlight's inline theme script, but nothing from lesson content", () => {
		const hashes = inlineScriptHashes();
		expect(hashes.length).toBeGreaterThan(2);
		for (const hash of hashes) expect(hash).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
		expect(inlineScriptHashes('/nonexistent')).toEqual([]);
	});
});

describe('_headers parsing (scripts/serve-static.ts)', () => {
	it('reads blocks and matches patterns the way static hosts do', () => {
		const rules = parseHeadersFile('# c\n/*\n  A: 1\n  B: x: y\n/_astro/*\n  C: 2\n');
		expect(rules).toEqual([
			{ pattern: '/*', headers: { A: '1', B: 'x: y' } },
			{ pattern: '/_astro/*', headers: { C: '2' } },
		]);
		expect(matchesPattern('/*', '/')).toBe(true);
		expect(matchesPattern('/_astro/*', '/_astro/a.js')).toBe(true);
		expect(matchesPattern('/_astro/*', '/lesson/')).toBe(false);
		expect(matchesPattern('/exact', '/exact')).toBe(true);
		expect(matchesPattern('/exact', '/exactly')).toBe(false);
	});
});
