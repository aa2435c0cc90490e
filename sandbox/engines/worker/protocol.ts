/**
 * Messages between the page and the worker engine's worker. Plain, structured-cloneable data.
 * No message carries the real key: a live run's `env` holds the broker's stand-in.
 */
import { LIVE_API_ORIGIN } from '../../keys/broker.ts';
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

/** A request the worker wants the page to answer (the practice API, or the key broker for api.openai.com). */
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

/** The live API: requests there go to the page, whose key broker sends them on with the real key. */
export const LIVE_ORIGIN = LIVE_API_ORIGIN;
