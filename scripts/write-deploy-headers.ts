/**
 * Writes the deploy hosts' header files from src/headers.ts, so dev, preview and every host send
 * the same headers: public/_headers (Netlify, Cloudflare Pages, scripts/serve-static.ts),
 * vercel.json and netlify.toml. tests/unit/deploy-headers.test.ts fails when they are stale.
 *
 *   node scripts/write-deploy-headers.ts          # rewrite the three files
 *   node scripts/write-deploy-headers.ts --check  # exit 1 if any is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
	cacheHeaders,
	sandboxWorkerDir,
	sandboxWorkerHeaders,
	securityHeaders,
} from '../src/headers.ts';

type Rules = Record<string, Record<string, string>>;

/** Every path pattern (in `_headers` syntax) with its headers; later rules win on a shared name. */
export const deployRules: Rules = {
	'/*': { ...securityHeaders },
	[`${sandboxWorkerDir}*`]: { ...sandboxWorkerHeaders },
	...cacheHeaders,
};

const GENERATED = 'Generated from src/headers.ts by scripts/write-deploy-headers.ts: do not edit.';

/** public/_headers: Netlify/Cloudflare syntax. */
export function renderHeadersFile(rules: Rules = deployRules): string {
	const blocks = Object.entries(rules).map(
		([pattern, headers]) =>
			`${pattern}\n${Object.entries(headers)
				.map(([name, value]) => `  ${name}: ${value}`)
				.join('\n')}`,
	);
	return `# ${GENERATED}\n# Read by Netlify and Cloudflare Pages (copied to the build output).\n${blocks.join('\n')}\n`;
}

/** vercel.json: `source` uses path-to-regexp, so `/*` becomes `/(.*)`. */
export function renderVercel(rules: Rules = deployRules): string {
	const config = {
		$schema: 'https://openapi.vercel.sh/vercel.json',
		buildCommand: 'npm run build',
		outputDirectory: 'dist',
		headers: Object.entries(rules).map(([pattern, headers]) => ({
			source: pattern.replace(/\*$/, '(.*)'),
			headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
		})),
	};
	return `${JSON.stringify(config, null, 2)}\n`;
}

/** netlify.toml: build settings plus one `[[headers]]` table per pattern. */
export function renderNetlify(rules: Rules = deployRules): string {
	const tables = Object.entries(rules).map(
		([pattern, headers]) =>
			`[[headers]]\n  for = "${pattern}"\n  [headers.values]\n${Object.entries(headers)
				.map(([name, value]) => `    ${name} = ${JSON.stringify(value)}`)
				.join('\n')}`,
	);
	return `# ${GENERATED}\n[build]\n  command = "npm run build"\n  publish = "dist"\n\n[build.environment]\n  NODE_VERSION = "22"\n\n${tables.join('\n\n')}\n`;
}

/** Each deploy file (relative to the repo root) with the text it should hold. */
export function deployFiles(): Record<string, string> {
	return {
		'public/_headers': renderHeadersFile(),
		'vercel.json': renderVercel(),
		'netlify.toml': renderNetlify(),
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const root = new URL('../', import.meta.url);
	const check = process.argv.includes('--check');
	let stale = 0;
	for (const [path, text] of Object.entries(deployFiles())) {
		const url = new URL(path, root);
		let current = '';
		try {
			current = readFileSync(url, 'utf8');
		} catch {
			// A missing file is simply stale.
		}
		if (current === text) continue;
		stale++;
		if (check) console.error(`${path} is out of date: run node scripts/write-deploy-headers.ts`);
		else {
			writeFileSync(url, text);
			console.log(`wrote ${path}`);
		}
	}
	if (check && stale) process.exit(1);
}
