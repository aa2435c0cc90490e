import { spawn } from 'node:child_process';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPracticeApi, scenarioKey } from '../../../sandbox/practice-api/index.ts';
import {
	isLoopback,
	startPracticeServer,
	type PracticeServer,
} from '../../../sandbox/practice-api/node-server.ts';
import { caught, chatBody, manualClock } from './helpers.ts';

describe('Node server (real openai SDK over HTTP)', () => {
	let server: PracticeServer;
	const clock = manualClock();
	beforeAll(async () => {
		server = await startPracticeServer({
			port: 0,
			host: '127.0.0.1',
			api: createPracticeApi({ clock }),
		});
	});
	afterAll(() => server.close());
	const client = (
		behavior: string,
		options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {},
	) =>
		new OpenAI({ apiKey: scenarioKey(behavior), baseURL: server.url, maxRetries: 0, ...options });

	it('serves models and chat with real headers', async () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		const { data, response } = await client('valid')
			.chat.completions.create(chatBody)
			.withResponse();
		expect(data.choices[0].message.role).toBe('assistant');
		expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('200000');
		expect((await client('valid').models.list()).data.length).toBeGreaterThan(5);
	});

	it('streams chat and responses over HTTP', async () => {
		let text = '';
		for await (const chunk of await client('valid').chat.completions.create({
			...chatBody,
			stream: true,
		})) {
			text += chunk.choices[0]?.delta.content ?? '';
		}
		expect(text.length).toBeGreaterThan(10);
		const res = await fetch(server.url + '/chat/completions', {
			method: 'POST',
			headers: {
				authorization: `Bearer ${scenarioKey('valid')}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ ...chatBody, stream: true }),
		});
		expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect((await res.text()).endsWith('data: [DONE]\n\n')).toBe(true);
		const types: string[] = [];
		for await (const event of await client('valid').responses.create({
			model: 'gpt-4o',
			input: 'x',
			stream: true,
		})) {
			types.push(event.type);
		}
		expect(types.at(-1)).toBe('response.completed');
	});

	it('raises the same SDK errors and retries 5xx over HTTP', async () => {
		const before = server.api.state.requestLog.length;
		const error = await caught(() =>
			client('overloaded', { maxRetries: 1 }).chat.completions.create(chatBody),
		);
		expect(error).toBeInstanceOf(OpenAI.InternalServerError);
		expect(error.status).toBe(503);
		expect(server.api.state.requestLog.length - before).toBe(2);
		const denied = await caught(() => client('missing_scopes').chat.completions.create(chatBody));
		expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);
		const bad = await fetch(server.url + '/embeddings', {
			method: 'POST',
			headers: { authorization: `Bearer ${scenarioKey('valid')}` },
			body: 'not json',
		});
		expect(bad.status).toBe(400);
	});

	it('answers a CORS preflight', async () => {
		const res = await fetch(server.url + '/responses', {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:4321',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization',
			},
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
	});
});

describe('keylab practice-api (CLI)', () => {
	it('prints its base URL and stops on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			['cli/keylab.js', 'practice-api', '--port', '0', '--host', '127.0.0.1'],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				const match = /listening on (http:\/\/\S+\/v1)/.exec(out);
				if (match) resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
		});
		const res = await fetch(url + '/models', {
			headers: { authorization: `Bearer ${scenarioKey('valid')}` },
		});
		expect(res.status).toBe(200);
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	}, 30_000);

	it('explains its flags and rejects bad ones', async () => {
		const { run, parseArgs } = await import('../../../cli/commands/practice-api.ts');
		expect(parseArgs(['--port', '5000', '--host=0.0.0.0'])).toEqual({
			port: 5000,
			host: '0.0.0.0',
		});
		expect(parseArgs([])).toEqual({ port: 4010, host: 'localhost' });
		expect(parseArgs(['--port', 'x'])).toMatch(/--port must be/);
		expect(parseArgs(['--nope'])).toMatch(/unknown option/);
		const log = console.log;
		const lines: string[] = [];
		console.log = (line: string) => lines.push(line);
		try {
			expect(await run(['--help'])).toBe(0);
		} finally {
			console.log = log;
		}
		expect(lines.join('\n')).toContain('Usage: keylab practice-api');
	});
});

describe('Node server safety', () => {
	let server: PracticeServer;
	const warnings: string[] = [];
	beforeAll(async () => {
		server = await startPracticeServer({
			port: 0,
			host: '127.0.0.1',
			maxBodyBytes: 64 * 1024,
			warn: (message) => warnings.push(message),
		});
	});
	afterAll(() => server.close());

	it('answers /__practice/* to no other origin', async () => {
		const own = await fetch(server.origin + '/__practice/keys');
		expect(own.status).toBe(200);
		expect(own.headers.get('access-control-allow-origin')).toBeNull();
		const foreign = await fetch(server.origin + '/__practice/keys', {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
			body: JSON.stringify({ name: 'planted' }),
		});
		expect(foreign.status).toBe(403);
		expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
		expect(Object.values(server.api.state.keys).some((k) => k.name === 'planted')).toBe(false);
		const preflight = await fetch(server.origin + '/__practice/reset', {
			method: 'OPTIONS',
			headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
		// The public API keeps answering every origin, as api.openai.com does.
		const models = await fetch(server.url + '/models', {
			headers: { origin: 'https://any.example', authorization: `Bearer ${scenarioKey('valid')}` },
		});
		expect(models.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('caps request bodies with a 413 in OpenAI’s error shape', async () => {
		const big = JSON.stringify({
			...chatBody,
			messages: [{ role: 'user', content: 'x'.repeat(70_000) }],
		});
		const res = await fetch(server.url + '/chat/completions', {
			method: 'POST',
			headers: {
				authorization: `Bearer ${scenarioKey('valid')}`,
				'content-type': 'application/json',
			},
			body: big,
		});
		expect(res.status).toBe(413);
		const body = (await res.json()) as { error: Record<string, unknown> };
		expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
		expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large' });
		const small = await client().chat.completions.create(chatBody);
		expect(small.choices).toHaveLength(1);
	});

	it('warns when bound to a non-loopback address, and only then', async () => {
		expect(warnings).toEqual([]);
		const seen: string[] = [];
		const open = await startPracticeServer({ port: 0, host: '0.0.0.0', warn: (m) => seen.push(m) });
		await open.close();
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatch(/listening on 0\.0\.0\.0.*other machines/);
		expect(isLoopback('localhost') && isLoopback('::1') && isLoopback('127.0.0.2')).toBe(true);
		expect(isLoopback('0.0.0.0') || isLoopback('192.168.1.4') || isLoopback('::')).toBe(false);
	});

	const client = () =>
		new OpenAI({ apiKey: scenarioKey('valid'), baseURL: server.url, maxRetries: 0 });
});
