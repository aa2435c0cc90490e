/**
 * The single source of keylab's response headers. astro.config.mjs sends them in `astro dev` and
 * `astro preview`; `scripts/write-deploy-headers.ts` writes them to public/_headers, vercel.json and
 * netlify.toml; tests/unit/deploy-headers.test.ts fails when a deploy file is out of step.
 *
 * The Content-Security-Policy comes in two layers, because static files cannot carry per-page
 * hashes in a header: the header policy below (every page, every worker script), and a `<meta>`
 * policy Astro writes into each built page (`astroCsp`) that pins inline scripts to their hashes.
 * Browsers enforce both, so an inline script runs only if both allow it: the meta's hashes decide.
 */

/** Hosts the WebContainer engine frames and talks to (`@webcontainer/api` frames stackblitz.com/headless). */
export const webContainerOrigins = [
	'https://stackblitz.com',
	'https://*.stackblitz.com',
	'https://*.staticblitz.com',
	'https://*.webcontainer.io',
	'https://*.webcontainer-api.io',
] as const;

/** Where live calls go (the sandbox's worker fetch and the troubleshooter's key check). */
export const liveApiOrigin = 'https://api.openai.com';

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAME_SCRIPT_HASH } from '../sandbox/engines/worker/frame.ts';

type Directives = Record<string, readonly string[]>;

/** Directives both layers share: everything except script-src and style-src. */
const sharedDirectives: Directives = {
	'default-src': ["'self'"],
	// Live calls, plus the WebContainer hosts (preview servers answer on webcontainer-api.io).
	'connect-src': ["'self'", liveApiOrigin, ...webContainerOrigins],
	'frame-src': ["'self'", ...webContainerOrigins],
	// Monaco's two workers are same-origin; the worker engine's starts from a blob: URL in its
	// sandboxed frame, which inherits this policy.
	'worker-src': ["'self'", 'blob:'],
	// Monaco's stylesheet inlines its icon font and a few images as data: URLs.
	'img-src': ["'self'", 'data:', 'blob:'],
	'font-src': ["'self'", 'data:'],
	'object-src': ["'none'"],
	'base-uri': ["'self'"],
	'form-action': ["'self'"],
};

/**
 * Script sources. `'wasm-unsafe-eval'`: es-module-lexer (the worker engine's import rewriter) is
 * Wasm. `blob:`: the worker engine runs the learner's modules as blob: URLs.
 */
const scriptSources = ["'self'", "'wasm-unsafe-eval'", 'blob:'] as const;

/** Monaco and Starlight set inline styles; styles cannot run code, so inline styles stay allowed. */
const styleSources = ["'self'", "'unsafe-inline'"] as const;

/**
 * Header policy. Its script-src allows inline scripts only because a header cannot list the
 * hashes of every page; on built pages the meta policy (hashes, no 'unsafe-inline') then blocks
 * any inline script Astro did not emit. `frame-ancestors` works only in a header.
 */
export const cspHeaderDirectives: Directives = {
	...sharedDirectives,
	'script-src': [...scriptSources, "'unsafe-inline'"],
	'style-src': styleSources,
	'frame-ancestors': ["'none'"],
};

/** Serializes directives to a policy string: `default-src 'self'; connect-src ...`. */
export function serializeCsp(directives: Directives): string {
	return Object.entries(directives)
		.map(([name, sources]) => [name, ...sources].join(' '))
		.join('; ');
}

/** Where `<script is:inline>` can come from: Starlight's components and our own. */
const inlineScriptRoots = [
	'node_modules/@astrojs/starlight/dist/components',
	'node_modules/@astrojs/starlight/dist/user-components',
	'src',
];

function astroFiles(dir: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return [];
	}
	return entries.flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'content' ? [] : astroFiles(path);
		return entry.name.endsWith('.astro') ? [path] : [];
	});
}

/**
 * SHA-256 hashes of every `<script is:inline>` body in Starlight's and our components. Astro
 * hashes the scripts it bundles but emits inline ones verbatim and unhashed, so the meta policy
 * would block Starlight's theme and sidebar scripts. Lesson content (src/content) is never
 * scanned: a script there is exactly what the policy must block.
 */
export function inlineScriptHashes(root = process.cwd()): string[] {
	const hashes = new Set<string>();
	for (const dir of inlineScriptRoots) {
		for (const file of astroFiles(join(root, dir))) {
			const source = readFileSync(file, 'utf8');
			for (const match of source.matchAll(/<script is:inline([^>]*)>([\s\S]*?)<\/script>/g)) {
				// `define:vars` prepends per-page values, so such a body cannot be pinned here.
				if (match[1]?.includes('define:vars')) continue;
				hashes.add(
					`sha256-${createHash('sha256')
						.update(match[2] ?? '')
						.digest('base64')}`,
				);
			}
		}
	}
	return [...hashes].sort();
}

/**
 * The `security.csp` option for astro.config.mjs: the meta policy Astro adds to every built page.
 * Its hashes include the worker engine's sandboxed frame's one script (sandbox/engines/worker/frame.ts):
 * a srcdoc frame inherits the page's policies, so the page must allow that script too.
 */
export function astroCsp(root = process.cwd()) {
	return {
		algorithm: 'SHA-256' as const,
		directives: Object.entries(sharedDirectives).map(([name, sources]) =>
			[name, ...sources].join(' '),
		),
		scriptDirective: {
			resources: [...scriptSources],
			hashes: [...inlineScriptHashes(root), FRAME_SCRIPT_HASH] as `sha256-${string}`[],
		},
		styleDirective: { resources: [...styleSources] },
	};
}

/** Cross-origin isolation: WebContainers need SharedArrayBuffer, which needs an isolated page. */
export const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	// `credentialless` isolates the page without asking every cross-origin asset to opt in.
	'Cross-Origin-Embedder-Policy': 'credentialless',
} as const;

/** Powerful features keylab never uses, switched off for the page and every frame in it. */
const disabledFeatures = [
	'accelerometer',
	'camera',
	'geolocation',
	'gyroscope',
	'magnetometer',
	'microphone',
	'payment',
	'usb',
] as const;

/** Every header every response gets, in dev, preview and on the deploy hosts. */
export const securityHeaders = {
	...isolationHeaders,
	'Content-Security-Policy': serializeCsp(cspHeaderDirectives),
	// A learner's URL never leaks to api.openai.com or anywhere else.
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'Permissions-Policy': disabledFeatures.map((feature) => `${feature}=()`).join(', '),
} as const;

/**
 * Where the build puts the worker engine's script (astro.config.mjs names the file), so that one
 * path can carry its own, much stricter policy. Learner code runs in that worker. The page fetches
 * the script and starts it from a blob: URL inside a sandboxed frame, whose own policy
 * (sandbox/engines/worker/frame.ts) the worker inherits wherever the site is served, `astro
 * preview` included; this header is the second line, for the script loaded from its URL.
 */
export const sandboxWorkerDir = '/_astro/sandbox/';

/**
 * The worker engine script's own Content-Security-Policy, for the script loaded from its URL (a
 * worker is governed by the policy its script is served with, not the page's). The site starts it
 * from a blob: URL in a sandboxed frame instead, under the frame's policy (frame.ts), which says
 * the same but for `worker-src blob:`, which the frame needs. Learner code gets no network at all (`connect-src 'none'`: its
 * fetch goes to the page over postMessage, and the page's key broker decides), no nested workers,
 * and scripts only from the blob: URLs the runtime makes of the learner's files. `'wasm-unsafe-eval'`:
 * es-module-lexer, which rewrites the learner's imports, is Wasm. Hosts that also apply the page
 * policy to this path (Netlify adds both) enforce both, which leaves this one.
 */
export const sandboxWorkerDirectives: Directives = {
	'default-src': ["'none'"],
	'script-src': ["'wasm-unsafe-eval'", 'blob:'],
	'connect-src': ["'none'"],
	'worker-src': ["'none'"],
	'base-uri': ["'none'"],
	'form-action': ["'none'"],
};

/** Headers of the worker engine's script, on top of `securityHeaders`. */
export const sandboxWorkerHeaders = {
	'Content-Security-Policy': serializeCsp(sandboxWorkerDirectives),
} as const;

/**
 * Deploy-only caching: Astro fingerprints everything under /_astro/, so a host may cache it
 * forever. (Dev and preview serve unhashed or changing files there, so they do not send it.)
 */
export const cacheHeaders = {
	'/_astro/*': { 'Cache-Control': 'public, max-age=31536000, immutable' },
} as const;
