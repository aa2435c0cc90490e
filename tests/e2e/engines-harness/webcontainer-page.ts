/**
 * A cross-origin isolated test page for the WebContainer engine with the real
 * `@webcontainer/api` client: boots it (or, offline, times out and falls back to the worker).
 */
import { createBootedEngine } from '../../../sandbox/engines/index.ts';
import { createPracticeApi } from '../../../sandbox/practice-api/index.ts';
import type { BootProgress, SandboxFile } from '../../../sandbox/engines/types.ts';
import type { FileSystemTree } from '../../../sandbox/engines/webcontainer/index.ts';

const api = createPracticeApi();

/** What booting (and one run) did. */
export interface WebContainerReport {
	kind: string;
	note?: string;
	progress: BootProgress[];
	stdout: string;
	stderr: string;
	exitCode: number;
}

async function bootAndRun(
	bootTimeoutMs: number,
	files: SandboxFile[],
	env: Record<string, string>,
	apiKey?: string,
): Promise<WebContainerReport> {
	const progress: BootProgress[] = [];
	const booted = await createBootedEngine(
		'webcontainer',
		{
			practiceFetch: (request) => api.fetch(request),
			// The site's path: a sandboxed frame starts the script from a blob: URL (isolated-worker.ts).
			workerScript: () => Promise.resolve({ url: '/worker.js' }),
			loadSnapshot: async () => (await (await fetch('/snapshot.json')).json()) as FileSystemTree,
			bootTimeoutMs,
			...(apiKey ? { apiKey } : {}),
		},
		{ onProgress: (p) => progress.push(p) },
	);
	let stdout = '';
	let stderr = '';
	const result = await booted.engine.run({
		files,
		entry: 'index.js',
		env,
		onOutput: (chunk) =>
			chunk.stream === 'stdout' ? (stdout += chunk.text) : (stderr += chunk.text),
	});
	return {
		kind: booted.engine.kind,
		note: booted.note,
		progress,
		stdout,
		stderr,
		exitCode: result.exitCode,
	};
}

Object.assign(window, { wc: { bootAndRun, isolated: globalThis.crossOriginIsolated } });
document.body.dataset.state = 'ready';
