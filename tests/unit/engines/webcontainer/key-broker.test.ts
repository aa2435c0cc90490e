/**
 * A Live run in the WebContainer engine, with the local fake container (real Node processes): the
 * container is spawned with the broker's stand-in only, and the SDK's default api.openai.com call
 * still authenticates, because it comes back through the bridge to the page's key broker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../../sandbox/engines/types.ts';
import { createWebContainerEngine } from '../../../../sandbox/engines/webcontainer/index.ts';
import { createBroker, standInFor } from '../../../../sandbox/keys/broker.ts';
import { createKeyHolder } from '../../../../sandbox/keys/key-holder.ts';
import { createPracticeApi } from '../../../../sandbox/practice-api/index.ts';
import { linkedSnapshot as snapshot, localWebContainer } from './local-webcontainer.ts';

/** A real-looking key made at run time, so none is committed. */
function realLookingKey(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let body = '';
	while (body.length < 156) body += alphabet[Math.floor(Math.random() * 62)];
	return `sk-proj-${body}`;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A WebContainer engine on the local fake, with its own practice API; cleaned up after the test. */
function startEngine() {
	const local = localWebContainer();
	const api = createPracticeApi();
	const engine = createWebContainerEngine({
		practiceFetch: (request) => api.fetch(request),
		loadWebContainer: local.load,
		loadSnapshot: snapshot,
		bridgeEnv: { KEYLAB_BRIDGE_PORT: '0' },
	});
	cleanups.push(
		() => engine.dispose(),
		() => local.cleanup(),
	);
	return { local, engine };
}

describe('the WebContainer engine in Live mode', () => {
	it('never gives spawn the real key, and the SDK call still reaches api.openai.com with it', async () => {
		const { local, engine } = startEngine();
		const key = realLookingKey();
		const holder = createKeyHolder();
		holder.set(key);
		const standIn = standInFor(key);
		const upstream: { url: string; authorization: string | null }[] = [];
		const liveFetch = createBroker({
			holder,
			standIn,
			// Stands in for api.openai.com; the test machine has no internet.
			fetch: (request: RequestInfo | URL) => {
				const sent = request as Request;
				upstream.push({ url: sent.url, authorization: sent.headers.get('authorization') });
				return Promise.resolve(
					Response.json({ object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model' }] }),
				);
			},
		});
		const files = [
			{
				path: 'index.js',
				contents: [
					"import OpenAI from 'openai';",
					'const client = new OpenAI();',
					'const models = await client.models.list();',
					"console.log('models:', models.data.map((m) => m.id).join(','));",
					"console.log('env key:', process.env.OPENAI_API_KEY);",
					"console.log('bridge var:', process.env.KEYLAB_LIVE_BRIDGE ?? 'unset');",
				].join('\n'),
			},
		];
		const chunks: OutputChunk[] = [];
		const result = await engine.run({
			files,
			entry: 'index.js',
			env: { OPENAI_API_KEY: standIn },
			liveFetch,
			onOutput: (chunk) => chunks.push(chunk),
		});
		const output = chunks.map((chunk) => chunk.text).join('');
		expect(output).toContain('models: gpt-4.1-mini');
		expect(result).toMatchObject({ exitCode: 0, reason: 'exit' });
		expect(upstream).toEqual([
			{ url: 'https://api.openai.com/v1/models', authorization: `Bearer ${key}` },
		]);
		// What the program saw: the stand-in, not the key; the bridge address is gone from its env.
		expect(output).toContain(`env key: ${standIn}`);
		expect(output).toContain('bridge var: unset');
		expect(output).not.toContain(key);
		// What the container got: no spawn's env, args or written file holds the key.
		expect(local.record.spawns.length).toBeGreaterThan(1);
		for (const spawned of local.record.spawns)
			expect(JSON.stringify(spawned), spawned.args.join(' ')).not.toContain(key);
		expect(local.record.written.filter((file) => file.contents.includes(key))).toEqual([]);
	}, 30_000);

	it('gives a practice run no live preload and no bridge address', async () => {
		const { local, engine } = startEngine();
		const chunks: OutputChunk[] = [];
		await engine.run({
			files: [{ path: 'index.js', contents: "console.log('hi');\n" }],
			entry: 'index.js',
			env: {},
			onOutput: (chunk) => chunks.push(chunk),
		});
		// Practice runs get no live preload at all.
		expect(local.record.spawns.at(-1)?.args).not.toContain('../.keylab/live.mjs');
		expect(local.record.spawns.at(-1)?.env.KEYLAB_LIVE_BRIDGE).toBeUndefined();
	}, 30_000);
});
