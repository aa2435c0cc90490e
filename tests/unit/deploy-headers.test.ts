import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isolationHeaders } from '../../src/headers.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Parses the `/*` block of a Netlify/Cloudflare `_headers` file. */
function headersFileValues(text: string): Record<string, string> {
	const values: Record<string, string> = {};
	let inAll = false;
	for (const line of text.split('\n')) {
		if (line.startsWith('#') || !line.trim()) continue;
		if (!/^\s/.test(line)) {
			inAll = line.trim() === '/*';
			continue;
		}
		const match = /^\s+([\w-]+):\s*(.+)$/.exec(line);
		if (inAll && match?.[1] && match[2]) values[match[1]] = match[2].trim();
	}
	return values;
}

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

describe('deploy header files', () => {
	const expected = Object.entries(isolationHeaders);

	it.each([
		['public/_headers', () => headersFileValues(read('public/_headers'))],
		['vercel.json', vercelValues],
		['netlify.toml', netlifyValues],
	])('%s sends every header the dev and preview servers send', (_name, values) => {
		const actual = values();
		for (const [name, value] of expected) expect(actual[name], name).toBe(value);
	});
});
