/**
 * Where the build puts the worker engine's script (astro.config.mjs gives it a folder of its own).
 * A module of its own so that a bundler other than Vite (the tests' esbuild) can leave the
 * `?worker&url` import out and name a script of its own (`workerScript` in index.ts).
 */
import type { WorkerScript } from './isolated-worker.ts';

/** The built worker script: one classic script; in `astro dev`, Vite's ES module. */
export async function builtWorkerScript(): Promise<WorkerScript> {
	const { default: url } = await import('./worker-main.ts?worker&url');
	return { url, module: import.meta.env.DEV };
}
