/**
 * The static server the bench and the static-host tests use must serve what a CDN serves:
 * compressed text when the browser accepts it, plain bytes otherwise, headers from `_headers`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../../scripts/serve-static.ts';

const page = `<!doctype html><title>t</title>${'<p>lesson text</p>'.repeat(500)}`;
let server: StaticServer;

beforeAll(async () => {
	const root = mkdtempSync(join(tmpdir(), 'keylab-static-'));
	writeFileSync(join(root, 'index.html'), page);
	writeFileSync(join(root, 'logo.png'), Buffer.alloc(4096, 7));
	writeFileSync(join(root, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n');
	server = await serveStatic({ root });
});
afterAll(() => server.close());

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(path: string, acceptEncoding?: string) {
	return new Promise<{ status?: number; headers: Record<string, unknown>; body: Buffer }>(
		(resolve, reject) => {
			const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
			request(server.url + path, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode,
						headers: response.headers,
						body: Buffer.concat(chunks),
					}),
				);
			})
				.on('error', reject)
				.end();
		},
	);
}

describe('serveStatic', () => {
	it('sends brotli when accepted, and the body decodes to the file', async () => {
		const { headers, body } = await get('/', 'gzip, deflate, br');
		expect(headers['content-encoding']).toBe('br');
		expect(headers.vary).toBe('Accept-Encoding');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(body.length).toBeLessThan(page.length / 10);
		expect(brotliDecompressSync(body).toString()).toBe(page);
	});

	it('falls back to gzip, and to plain bytes when nothing is accepted', async () => {
		const gzip = await get('/', 'gzip, br;q=0');
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gzip.body).toString()).toBe(page);
		const plain = await get('/');
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(page);
	});

	it('leaves images that are already compressed alone', async () => {
		const { headers, body } = await get('/logo.png', 'br');
		expect(headers['content-encoding']).toBeUndefined();
		expect(body.length).toBe(4096);
	});

	it('answers a bad percent-escape with a 404 and keeps serving', async () => {
		expect((await get('/%E0%A4%A')).status).toBe(404);
		expect((await get('/%')).status).toBe(404);
		expect((await get('/')).status).toBe(200);
	});
});
