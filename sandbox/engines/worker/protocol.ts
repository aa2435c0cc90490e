/**
 * Messages between the page and the worker engine's worker. Plain, structured-cloneable data.
 * The key travels once, inside `env` of `run`; no other message carries it back out.
 */
import type { OutputChunk, SandboxFile } from '../types.ts';

/** Page → worker. */
export type ToWorker =
	| {
			type: 'run';
			files: SandboxFile[];
			entry: string;
			env: Record<string, string>;
			/** Origin whose requests go to the page's practice API, e.g. `http://localhost:4010`. */
			practiceOrigin: string;
	  }
	| {
			type: 'fetch-head';
			id: number;
			status: number;
			statusText: string;
			headers: [string, string][];
	  }
	| { type: 'fetch-chunk'; id: number; chunk: Uint8Array }
	| { type: 'fetch-end'; id: number }
	| { type: 'fetch-error'; id: number; message: string };

/** A request the worker wants the page's practice API to answer. */
export interface BridgedRequest {
	type: 'fetch';
	id: number;
	url: string;
	method: string;
	headers: [string, string][];
	body: ArrayBuffer | null;
}

/** Worker → page. */
export type FromWorker =
	| { type: 'ready' }
	| ({ type: 'output' } & OutputChunk)
	| BridgedRequest
	| { type: 'fetch-abort'; id: number }
	| { type: 'exit'; code: number; reason: 'exit' | 'error' }
	/** V8 reported a syntax error without a place; the page finds the place (it has a parser on demand). */
	| { type: 'syntax-error'; message: string };

/** The live API: requests there go straight to the network, with the learner's own key. */
export const LIVE_ORIGIN = 'https://api.openai.com';
