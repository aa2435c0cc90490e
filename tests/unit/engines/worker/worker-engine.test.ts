/**
 * The worker engine's page side with a fake Worker: what counts against a run's time limit.
 * Chromium runs the real worker in tests/e2e/engines.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerEngine } from '../../../../sandbox/engines/worker/index.ts';
import type { OutputChunk, RunResult } from '../../../../sandbox/engines/types.ts';

/** A Worker that does nothing until the test says it has loaded. */
class FakeWorker extends EventTarget {
	terminated = false;
	loaded(): void {
		this.dispatchEvent(new MessageEvent('message', { data: { type: 'ready' } }));
	}
	postMessage(): void {}
	terminate(): void {
		this.terminated = true;
	}
}

function setup() {
	const workers: FakeWorker[] = [];
	const engine = createWorkerEngine({
		practiceFetch: () => Promise.resolve(new Response('{}')),
		createWorker: () => {
			const worker = new FakeWorker();
			workers.push(worker);
			return worker as unknown as Worker;
		},
	});
	const output: OutputChunk[] = [];
	let result: RunResult | undefined;
	const start = (timeoutMs: number) =>
		void engine
			.run({
				files: [{ path: 'index.js', contents: 'while (true) {}' }],
				entry: 'index.js',
				env: {},
				timeoutMs,
				onOutput: (chunk) => output.push(chunk),
			})
			.then((settled) => (result = settled));
	return { workers, output, start, result: () => result };
}

describe('createWorkerEngine time limit', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('starts once the worker has loaded, so a slow start does not use it up', async () => {
		const { workers, start, result } = setup();
		start(1_000);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(result()).toBeUndefined();
		workers[0].loaded();
		await vi.advanceTimersByTimeAsync(999);
		expect(result()).toBeUndefined();
		await vi.advanceTimersByTimeAsync(1);
		expect(result()).toMatchObject({ exitCode: 124, reason: 'timeout' });
		expect(workers[0].terminated).toBe(true);
	});

	it('ends a run whose worker never loads, and says so', async () => {
		const { workers, output, start, result } = setup();
		start(1_000);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(result()).toMatchObject({ exitCode: 1, reason: 'error' });
		expect(output.map((chunk) => chunk.text).join('')).toMatch(/did not start within 60 s/);
		expect(workers[0].terminated).toBe(true);
	});
});
