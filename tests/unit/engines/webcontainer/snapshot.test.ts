import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../../scripts/build-webcontainer-snapshot.ts';
import type { FileSystemTree } from '../../../../sandbox/engines/webcontainer/index.ts';
import { createWebContainerEngine } from '../../../../sandbox/engines/webcontainer/index.ts';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../../sandbox/practice-api/index.ts';
import { getTemplate } from '../../../../sandbox/templates/index.ts';
import { localWebContainer } from './local-webcontainer.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function paths(tree: FileSystemTree, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([name, node]) =>
		'directory' in node ? paths(node.directory, `${prefix}${name}/`) : [`${prefix}${name}`],
	);
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('the WebContainer snapshot', async () => {
	const snapshot = await buildSnapshot(root);
	const files = paths(snapshot);

	it('holds the openai package for Node 22 and nothing the loader never reads', () => {
		expect(files).toContain('node_modules/openai/package.json');
		expect(files).toContain('node_modules/openai/index.mjs');
		expect(files).toContain('.nvmrc');
		expect(files.filter((path) => /\.(d\.m?ts|map|ts)$|\/src\//.test(path))).toEqual([]);
		const pkg = snapshot['package.json'] as { file: { contents: string } };
		expect(JSON.parse(pkg.file.contents)).toMatchObject({
			type: 'module',
			engines: { node: '>=22' },
		});
	});

	it('is all a sample needs: a lesson runs on it in Node with nothing else installed', async () => {
		const local = localWebContainer();
		const api = createPracticeApi();
		const engine = createWebContainerEngine({
			practiceFetch: (request) => api.fetch(request),
			loadWebContainer: local.load,
			loadSnapshot: () => Promise.resolve(snapshot),
			bridgeEnv: { KEYLAB_BRIDGE_PORT: '0' },
		});
		cleanups.push(
			() => engine.dispose(),
			() => local.cleanup(),
		);
		const chunks: string[] = [];
		const result = await engine.run({
			files: getTemplate('key-smoke-test').files.map((file) => ({ ...file })),
			entry: 'index.js',
			env: { OPENAI_API_KEY: scenarioKey('valid'), OPENAI_BASE_URL: PRACTICE_BASE_URL },
			onOutput: (chunk) => chunks.push(chunk.text),
		});
		expect(chunks.join('')).toMatch(
			/The key is accepted\. It can see \d+ models\.\nA model call works: /,
		);
		expect(result.exitCode).toBe(0);
	}, 30_000);
});
