/**
 * The contract between the Sandbox UI and whatever runs the learner's code. Two engines implement
 * it: `worker` (a Web Worker with an opaque origin, instant, offline) and `webcontainer` (real Node in the browser).
 */

/** One file of the learner's project. */
export interface SandboxFile {
	/** Project-relative path, e.g. `index.js` or `lib/client.js`. */
	path: string;
	contents: string;
}

/** A chunk of output, in the order the program wrote it. */
export interface OutputChunk {
	stream: 'stdout' | 'stderr';
	text: string;
}

/** Boot progress for the UI: `value` runs from 0 to 1. */
export interface BootProgress {
	value: number;
	text: string;
}

/** Everything one run needs. A live run's `env` holds a stand-in; the real key stays with `liveFetch`. */
export interface RunRequest {
	files: readonly SandboxFile[];
	/** The file to run, as `node <entry>` would. */
	entry: string;
	/** Environment variables of this run only (OPENAI_API_KEY, OPENAI_BASE_URL, ...). */
	env: Readonly<Record<string, string>>;
	/** Aborting stops the program (the Stop button). */
	signal?: AbortSignal;
	/** Ends runaway code; defaults to the engine's own limit. */
	timeoutMs?: number;
	/**
	 * Answers the run's requests to api.openai.com: the page's key broker (`sandbox/keys/broker.ts`),
	 * which holds the real key the run's env only has a stand-in of. Without it they are refused.
	 */
	liveFetch?: PracticeFetch;
	onOutput(chunk: OutputChunk): void;
}

/** How a run ended. */
export interface RunResult {
	/** Process exit code: 0 success, 1 uncaught error, 130 stopped, 124 timed out (as `timeout(1)`). */
	exitCode: number;
	reason: 'exit' | 'error' | 'stopped' | 'timeout';
	durationMs: number;
}

/**
 * Answers the practice API's requests for an engine. The page owns one practice API instance;
 * engines route requests for `PRACTICE_BASE_URL` through this instead of the network.
 */
export type PracticeFetch = (request: Request) => Promise<Response>;

export interface SandboxEngine {
	readonly kind: 'worker' | 'webcontainer';
	/** Prepares the engine; safe to call more than once (later calls share the first boot). */
	boot(options?: {
		signal?: AbortSignal;
		onProgress?: (progress: BootProgress) => void;
	}): Promise<void>;
	/** Runs a program to its end (or until stopped) and reports how it ended. */
	run(request: RunRequest): Promise<RunResult>;
	/** Frees the engine's resources (workers, processes). */
	dispose(): void;
}
