/**
 * The practice API as a real HTTP server (node:http), converting to and from web
 * Request/Response. SSE bodies are written chunk by chunk so streaming clients see them live.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPracticeApi, type PracticeApi } from './index.ts';

/** Options of `startPracticeServer`. */
export type PracticeServerOptions = {
	port?: number;
	host?: string;
	api?: PracticeApi;
	/** Largest request body accepted, in bytes (default 4 MiB); larger ones get a 413. */
	maxBodyBytes?: number;
	/** Where the non-loopback warning goes (default `console.warn`). */
	warn?: (message: string) => void;
};

/** The default cap on request bodies: far above any lesson's request, far below a memory risk. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** A body over the cap: the request is answered before the rest is read. */
class TooLarge extends Error {}

/** A running server: `url` is the base URL to give the SDK (`http://host:port/v1`). */
export type PracticeServer = {
	url: string;
	origin: string;
	api: PracticeApi;
	close(): Promise<void>;
};

async function toRequest(req: IncomingMessage, origin: string, cap: number): Promise<Request> {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		// A header Node accepted but fetch's Headers rejects must not take the server down.
		try {
			headers.set(name, Array.isArray(value) ? value.join(', ') : value);
		} catch {
			/* dropped */
		}
	}
	const method = req.method ?? 'GET';
	let body: Uint8Array<ArrayBuffer> | undefined;
	if (method !== 'GET' && method !== 'HEAD') {
		if (Number(req.headers['content-length'] ?? 0) > cap) throw new TooLarge();
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > cap) throw new TooLarge();
			chunks.push(chunk as Buffer);
		}
		body = new Uint8Array(Buffer.concat(chunks));
	}
	const target = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : '/' + (req.url ?? '');
	return new Request(new URL(target, origin), { method, headers, body });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => {
		headers[name] = value;
	});
	res.writeHead(response.status, headers);
	if (!response.body) {
		res.end();
		return;
	}
	// Only event streams need chunk-by-chunk writes; one write is much cheaper for JSON.
	if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
		res.end(new Uint8Array(await response.arrayBuffer()));
		return;
	}
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		res.write(value);
	}
	res.end();
}

function fallback(
	res: ServerResponse,
	status: number,
	message: string,
	code: string | null = null,
	cors = true,
): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const error = { message, type: 'invalid_request_error', param: null, code };
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (cors) headers['access-control-allow-origin'] = '*';
	// A 413 is answered before the body was read; closing keeps the client from sending the rest.
	if (status === 413) headers.connection = 'close';
	res.writeHead(status, headers);
	res.end(JSON.stringify({ error }, null, 2) + '\n');
}

const isPrivate = (url: string | undefined) => (url ?? '/').startsWith('/__practice/');

/**
 * The private `/__practice/*` routes change the practice state (keys, credits, failures), so a
 * web page of another origin must not drive them: no CORS header, and a request that names a
 * foreign Origin (which a cross-site form or fetch always does) is refused.
 */
function foreignOrigin(req: IncomingMessage, origin: string): boolean {
	const from = req.headers.origin;
	return from !== undefined && from !== origin;
}

/** Starts the server; port 0 picks a free one. Default: localhost:4010. */
export function startPracticeServer(options: PracticeServerOptions = {}): Promise<PracticeServer> {
	const api = options.api ?? createPracticeApi();
	const host = options.host ?? 'localhost';
	const cap = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	let origin = '';
	const server = createServer((req, res) => {
		const privateRoute = isPrivate(req.url);
		if (privateRoute && foreignOrigin(req, origin)) {
			fallback(res, 403, 'The practice admin routes answer only their own origin.', null, false);
			return;
		}
		toRequest(req, origin, cap)
			.then(
				(request) =>
					api.fetch(request).then(
						(response) => {
							if (privateRoute) response.headers.delete('access-control-allow-origin');
							return send(res, response);
						},
						() => fallback(res, 500, 'The server had an error processing your request.'),
					),
				(error: unknown) =>
					error instanceof TooLarge
						? fallback(
								res,
								413,
								`The request body is too large: the practice API accepts at most ${cap} bytes.`,
								'request_too_large',
								!privateRoute,
							)
						: fallback(res, 400, 'Malformed HTTP request.'),
			)
			.catch(() => fallback(res, 500, 'The server had an error processing your request.'));
	});
	if (!isLoopback(host)) {
		(options.warn ?? console.warn)(
			`Warning: the practice API is listening on ${host}, so other machines can reach it. Its admin routes can create keys and change every practice setting; bind to localhost unless you mean to share it.`,
		);
	}
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 4010, host, () => {
			server.off('error', reject);
			const { port } = server.address() as AddressInfo;
			const shownHost = host.includes(':') ? `[${host}]` : host;
			origin = `http://${shownHost}:${port}`;
			resolve({
				url: `${origin}/v1`,
				origin,
				api,
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						server.closeAllConnections();
					}),
			});
		});
	});
}
