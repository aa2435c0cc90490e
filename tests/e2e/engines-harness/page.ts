/**
 * A bare page for testing the worker engine itself in Chromium (bundled by esbuild in the spec):
 * the engine, the real practice API, and a `window.harness` the spec drives.
 */
import { createBroker, standInFor } from '../../../sandbox/keys/broker.ts';
import { createKeyHolder } from '../../../sandbox/keys/key-holder.ts';
import { createPracticeApi } from '../../../sandbox/practice-api/index.ts';
import { createWorkerEngine } from '../../../sandbox/engines/worker/index.ts';
import type { OutputChunk, RunResult, SandboxFile } from '../../../sandbox/engines/types.ts';
import { runScenario, runTemplate } from './parity.ts';

// `let`: parity runs start each scenario on a fresh practice API (see `resetPractice`).
let api = createPracticeApi();
const engine = createWorkerEngine({
	practiceFetch: (request) => api.fetch(request),
	// The site's path: a sandboxed frame starts the script from a blob: URL (isolated-worker.ts).
	workerScript: () => Promise.resolve({ url: '/worker.js' }),
});

/** What one run printed and how it ended, with the time from Run to first output. */
export interface RunReport {
	result: RunResult;
	chunks: OutputChunk[];
	stdout: string;
	stderr: string;
	firstOutputMs: number | null;
}

let controller: AbortController | undefined;

const harness = {
	boot: () => engine.boot(),
	async run(
		files: SandboxFile[],
		env: Record<string, string>,
		timeoutMs?: number,
		/** A Live run: the page holds this key, the program gets its stand-in (as the site does). */
		liveKey?: string,
	): Promise<RunReport> {
		controller = new AbortController();
		let liveFetch: ((request: Request) => Promise<Response>) | undefined;
		if (liveKey) {
			const holder = createKeyHolder();
			holder.set(liveKey);
			const standIn = standInFor(liveKey);
			env = { ...env, OPENAI_API_KEY: standIn };
			liveFetch = createBroker({ holder, standIn });
		}
		const chunks: OutputChunk[] = [];
		const started = performance.now();
		let firstOutputMs: number | null = null;
		const result = await engine.run({
			files,
			entry: 'index.js',
			env,
			timeoutMs,
			...(liveFetch ? { liveFetch } : {}),
			signal: controller.signal,
			onOutput(chunk) {
				firstOutputMs ??= performance.now() - started;
				chunks.push(chunk);
				document.body.dataset.output = String(chunks.length);
			},
		});
		const text = (stream: string) =>
			chunks
				.filter((c) => c.stream === stream)
				.map((c) => c.text)
				.join('');
		return { result, chunks, stdout: text('stdout'), stderr: text('stderr'), firstOutputMs };
	},
	stop: () => controller?.abort(),
	requestCount: () => api.state.requestLog?.length ?? 0,
	/** A fresh practice API: no keys, usage or rate-limit windows left from earlier runs. */
	resetPractice: () => {
		api = createPracticeApi();
	},
	/** A lesson sample or scenario variant, reduced to what must match the WebContainer's run. */
	parity: (
		kind: 'template' | 'scenario',
		id: string,
		variant: 'starter' | 'solution',
		headers = false,
	) =>
		kind === 'template'
			? runTemplate(engine, id)
			: runScenario(engine, api, id, variant, { headers }),
};

Object.assign(window, { harness });
document.body.dataset.state = 'ready';
