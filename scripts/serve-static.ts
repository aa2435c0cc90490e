/**
 * A plain static file server that behaves like a CDN serving `npm run build` output: files from a
 * folder, `/path/` → `/path/index.html`, `404.html` for misses, and the headers the folder's
 * `_headers` file (copied from public/_headers) asks for, compressed (brotli or gzip) as every
 * host in docs/deploy.md compresses text. The static-host tests and the bench use it so they see
 * what a deploy sees, not what `astro preview` adds.
 *
 *   node scripts/serve-static.ts [dir=dist] [--port 4321] [--host 127.0.0.1]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const MIME: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.pf_meta': 'application/octet-stream',
	'.pf_fragment': 'application/octet-stream',
	'.pf_index': 'application/octet-stream',
};

/** One `_headers` block: a path pattern and the headers for paths it matches. */
export interface HeaderRule {
	pattern: string;
	headers: Record<string, string>;
}

/** Parses a Netlify/Cloudflare `_headers` file (`/path/*` lines, then indented `Name: value`). */
export function parseHeadersFile(text: string): HeaderRule[] {
	const rules: HeaderRule[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim() || line.trimStart().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			rules.push({ pattern: line.trim(), headers: {} });
			continue;
		}
		const match = /^\s+([\w-]+):\s*(.*)$/.exec(line);
		const rule = rules.at(-1);
		if (match?.[1] && rule) rule.headers[match[1]] = (match[2] ?? '').trim();
	}
	return rules;
}

/** Whether a `_headers` pattern (`/*`, `/docs/*`, `/exact`) matches a URL path. */
export function matchesPattern(pattern: string, path: string): boolean {
	const regex = new RegExp(
		'^' +
			pattern
				.split('*')
				.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
				.join('.*') +
			'$',
	);
	return regex.test(path);
}

/** Options for {@link serveStatic}. */
export interface ServeOptions {
	root: string;
	port?: number;
	host?: string;
	/** Rewrites HTML before it is sent (tests use it to plant hostile markup in a built page). */
	transformHtml?: (path: string, html: string) => string;
}

/** A running server: its base URL and how to stop it. */
export interface StaticServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

function resolveFile(root: string, path: string): string | undefined {
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		// A bad percent-escape (`/%E0%A4%A`) names no file: a 404, not a crash.
		return undefined;
	}
	const clean = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
	const candidate = join(root, clean);
	// Never serve outside the root, whatever the URL says.
	if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
	if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	const index = join(candidate, 'index.html');
	if (existsSync(index)) return index;
	const html = `${candidate}.html`;
	return existsSync(html) ? html : undefined;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|wasm)|image\/svg)/;

/** Brotli or gzip for text the client accepts it for, as a CDN negotiates it; else nothing. */
function compress(
	type: string,
	body: Buffer | string,
	acceptEncoding: string,
): { encoding: 'br' | 'gzip'; body: Buffer } | undefined {
	if (!COMPRESSIBLE.test(type) || Buffer.byteLength(body) < 1024) return undefined;
	const accepts = (name: string) =>
		new RegExp(`\\b${name}\\b(?!;q=0(\\.0*)?\\b)`).test(acceptEncoding);
	if (accepts('br'))
		return {
			encoding: 'br',
			body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
		};
	if (accepts('gzip')) return { encoding: 'gzip', body: gzipSync(body) };
	return undefined;
}

/** Serves `root` like a static host, applying `root/_headers`. Resolves once listening. */
export function serveStatic(options: ServeOptions): Promise<StaticServer> {
	const root = resolve(options.root);
	if (!existsSync(join(root, 'index.html')))
		throw new Error(`${root} has no index.html: run \`npm run build\` first.`);
	const headersPath = join(root, '_headers');
	const rules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : [];

	const compressed = new Map<string, ReturnType<typeof compress>>();
	const server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		// `_headers` is configuration, never content, as on Netlify and Cloudflare.
		const found = path === '/_headers' ? undefined : resolveFile(root, path);
		const file = found ?? join(root, '404.html');
		const status = found ? 200 : 404;
		for (const rule of rules) {
			if (!matchesPattern(rule.pattern, path)) continue;
			for (const [name, value] of Object.entries(rule.headers)) response.setHeader(name, value);
		}
		const type = MIME[extname(file)] ?? 'application/octet-stream';
		let body: Buffer | string = existsSync(file) ? readFileSync(file) : 'Not found';
		if (type.startsWith('text/html') && options.transformHtml)
			body = options.transformHtml(path, body.toString('utf8'));
		const accept = String(request.headers['accept-encoding'] ?? '');
		// Files never change while serving: compress each once (a Monaco chunk takes a while).
		const cacheKey = `${file}\0${accept}`;
		if (typeof body === 'string') compressed.delete(cacheKey);
		if (!compressed.has(cacheKey)) compressed.set(cacheKey, compress(type, body, accept));
		const encoded = compressed.get(cacheKey);
		if (encoded) {
			response.setHeader('Content-Encoding', encoded.encoding);
			response.setHeader('Vary', 'Accept-Encoding');
			body = encoded.body;
		}
		response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
		response.end(request.method === 'HEAD' ? undefined : body);
	});

	return new Promise((resolvePromise, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolvePromise({
				url: `http://${options.host ?? '127.0.0.1'}:${port}`,
				server,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const args = process.argv.slice(2);
	const flag = (name: string) => {
		const index = args.indexOf(name);
		return index >= 0 ? args.splice(index, 2)[1] : undefined;
	};
	const port = Number(flag('--port') ?? 4321);
	const host = flag('--host') ?? '127.0.0.1';
	const { url } = await serveStatic({ root: args[0] ?? 'dist', port, host });
	console.log(`Serving ${args[0] ?? 'dist'} at ${url}`);
}
