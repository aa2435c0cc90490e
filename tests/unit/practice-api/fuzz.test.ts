import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPracticeApi, scenarioKeys } from '../../../sandbox/practice-api/index.ts';

const api = createPracticeApi({ clock: { now: () => 1_800_000_000_000 } });
// Keys that would fail on purpose with 500/503 are left out: any 500 here is then a crash.
const keys = scenarioKeys()
	.filter((k) => k.behavior !== 'server_error' && k.behavior !== 'overloaded')
	.map((k) => k.key);

const paths = fc.oneof(
	fc.constantFrom(
		'/v1/models',
		'/v1/models/gpt-4o',
		'/v1/chat/completions',
		'/v1/responses',
		'/v1/embeddings',
		'/v1/',
		'/',
		'/__practice/keys',
		'/__practice/projects',
		'/__practice/failures',
		'/__practice/log',
		'/__practice/keys/x/rotate',
		'/v1/models/%E0%A4%A',
		'/v1/chat/completions/chat/completions',
	),
	fc
		.array(fc.oneof(fc.webSegment(), fc.string({ maxLength: 12 }).map(encodeURIComponent)), {
			maxLength: 5,
		})
		.map((segments) => '/' + segments.join('/')),
	fc.webPath(),
);

const json = fc.oneof(
	fc.jsonValue().map((v) => JSON.stringify(v)),
	fc
		.record(
			{
				model: fc.oneof(
					fc.constantFrom('gpt-4o-mini', 'gpt-4.1', 'text-embedding-3-small', 'o4-mini', ''),
					fc.jsonValue(),
				),
				messages: fc.oneof(
					fc.array(
						fc.record({
							role: fc.constantFrom('user', 'system', 'assistant'),
							content: fc.oneof(fc.string(), fc.jsonValue()),
						}),
					),
					fc.jsonValue(),
				),
				input: fc.oneof(fc.string(), fc.array(fc.string()), fc.array(fc.integer()), fc.jsonValue()),
				stream: fc.oneof(fc.boolean(), fc.jsonValue()),
				max_tokens: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
				encoding_format: fc.oneof(fc.constantFrom('float', 'base64'), fc.string()),
				dimensions: fc.oneof(fc.integer({ min: -5, max: 4000 }), fc.jsonValue()),
				stream_options: fc.jsonValue(),
				n: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.jsonValue()),
				permissions: fc.jsonValue(),
				name: fc.jsonValue(),
				rpm: fc.jsonValue(),
				kind: fc.oneof(fc.constantFrom('server_error', 'overloaded'), fc.jsonValue()),
				count: fc.jsonValue(),
			},
			{ requiredKeys: [] },
		)
		.map((v) => JSON.stringify(v)),
	fc.string(),
	fc.constant(''),
);

const headerValue = fc.oneof(
	fc.constantFrom(...keys).map((k) => `Bearer ${k}`),
	fc.string().map((s) => `Bearer ${s}`),
	fc.string().map((s) => `Basic ${s}`),
	fc.string(),
);

function safeHeaders(entries: Array<[string, string]>): Headers {
	const headers = new Headers();
	for (const [name, value] of entries) {
		try {
			headers.set(name, value);
		} catch {
			// Values fetch itself refuses never reach a server.
		}
	}
	return headers;
}

describe('fuzz: bad input never crashes the practice API', () => {
	it('answers every random request with a well-formed reply, never a crash', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
				paths,
				json,
				fc.option(headerValue),
				fc.array(
					fc.tuple(
						fc.constantFrom(
							'openai-project',
							'openai-organization',
							'content-type',
							'x-stainless-retry-count',
							'access-control-request-headers',
						),
						fc.string(),
					),
					{ maxLength: 3 },
				),
				async (method, path, body, auth, extra) => {
					const headers = safeHeaders(auth === null ? extra : [['authorization', auth], ...extra]);
					let request: Request;
					try {
						request = new Request('http://localhost:4010' + path, {
							method,
							headers,
							body: method === 'GET' ? undefined : body,
						});
					} catch {
						return; // not a request a client could send
					}
					const response = await api.fetch(request);
					const text = await response.text();
					expect(response.status, `${method} ${path} ${text}`).not.toBe(500);
					expect(api.state.crashes).toBe(0);
					if (response.status >= 400) {
						const parsed = JSON.parse(text) as { error: { message: unknown } };
						expect(typeof parsed.error.message).toBe('string');
					}
				},
			),
			{ numRuns: 1000 },
		);
	}, 60_000);

	it('answers any credential with 200 or a 4xx auth error', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 300 }), async (value) => {
				const headers = safeHeaders([['authorization', 'Bearer ' + value]]);
				const res = await api.fetch(new Request('http://localhost:4010/v1/models', { headers }));
				expect([200, 401]).toContain(res.status);
			}),
			{ numRuns: 300 },
		);
	});
});
