/**
 * The practice API as a real HTTP server (node:http), converting to and from web
 * Request/Response. SSE bodies are written chunk by chunk so streaming clients see them live.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPracticeApi, type PracticeApi } from './index.ts';

/** Options of `startPracticeServer`. */
export type PracticeServerOptions = { port?: number; host?: string; api?: PracticeApi };

/** A running server: `url` is the base URL to give the SDK (`http://host:port/v1`). */
export type PracticeServer = {
	url: string;
	origin: string;
	api: PracticeApi;
	close(): Promise<void>;
};

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
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
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
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

function fallback(res: ServerResponse, status: number, message: string): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const error = { message, type: 'invalid_request_error', param: null, code: null };
	res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
	res.end(JSON.stringify({ error }, null, 2) + '\n');
}

/** Starts the server; port 0 picks a free one. Default: localhost:4010. */
export function startPracticeServer(options: PracticeServerOptions = {}): Promise<PracticeServer> {
	const api = options.api ?? createPracticeApi();
	const host = options.host ?? 'localhost';
	let origin = '';
	const server = createServer((req, res) => {
		toRequest(req, origin)
			.then(
				(request) =>
					api.fetch(request).then(
						(response) => send(res, response),
						() => fallback(res, 500, 'The server had an error processing your request.'),
					),
				() => fallback(res, 400, 'Malformed HTTP request.'),
			)
			.catch(() => fallback(res, 500, 'The server had an error processing your request.'));
	});
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
