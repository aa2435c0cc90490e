/**
 * The `fetch` the learner's code (and the SDK) sees inside the worker. Two routes, both to the page:
 * the practice API (one instance serves the whole page) and api.openai.com (the page's key broker
 * adds the real key the worker never holds); every other host is refused.
 */
import { LIVE_ORIGIN, type FromWorker, type ToWorker } from './protocol.ts';

/** Keeps the program alive while something is pending, like a libuv handle; returns its release. */
export type HoldHandle = () => () => void;

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

interface Pending {
	resolve(response: Response): void;
	reject(error: unknown): void;
	controller?: ReadableStreamDefaultController<Uint8Array>;
	release: () => void;
}

/** Worker side of the page bridge: sends requests to the page, rebuilds streamed responses. */
export class BridgeClient {
	readonly #post: Post;
	readonly #hold: HoldHandle;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;

	constructor(post: Post, hold: HoldHandle) {
		this.#post = post;
		this.#hold = hold;
	}

	/** Sends `request` to the page and resolves with the page's response as it streams. */
	async request(request: Request): Promise<Response> {
		const id = this.#nextId++;
		const signal = request.signal;
		signal.throwIfAborted();
		const body = request.body ? await request.arrayBuffer() : null;
		const release = this.#hold();
		return new Promise<Response>((resolve, reject) => {
			const entry: Pending = { resolve, reject, release };
			this.#pending.set(id, entry);
			signal.addEventListener(
				'abort',
				() => {
					if (!this.#pending.has(id)) return;
					this.#post({ type: 'fetch-abort', id });
					this.#finish(id, signal.reason);
				},
				{ once: true },
			);
			const headers = [...request.headers];
			this.#post(
				{ type: 'fetch', id, url: request.url, method: request.method, headers, body },
				body ? [body] : [],
			);
		});
	}

	/** Feeds a page message about request `id` in; returns false for messages that are not the bridge's. */
	handle(message: ToWorker): boolean {
		if (message.type === 'run') return false;
		const entry = this.#pending.get(message.id);
		if (!entry) return true;
		switch (message.type) {
			case 'fetch-head': {
				const hasBody = ![101, 204, 205, 304].includes(message.status) && message.status >= 200;
				const body = hasBody
					? new ReadableStream<Uint8Array>({
							start: (controller) => {
								entry.controller = controller;
							},
							cancel: () => {
								this.#post({ type: 'fetch-abort', id: message.id });
								this.#finish(message.id);
							},
						})
					: null;
				entry.resolve(
					new Response(body, {
						status: message.status,
						statusText: message.statusText,
						headers: message.headers,
					}),
				);
				if (!body) this.#finish(message.id);
				break;
			}
			case 'fetch-chunk':
				entry.controller?.enqueue(message.chunk);
				break;
			case 'fetch-end':
				entry.controller?.close();
				this.#finish(message.id);
				break;
			case 'fetch-error':
				this.#finish(message.id, new TypeError(message.message));
				break;
		}
		return true;
	}

	#finish(id: number, error?: unknown): void {
		const entry = this.#pending.get(id);
		if (!entry) return;
		this.#pending.delete(id);
		if (error !== undefined) {
			entry.reject(error);
			try {
				entry.controller?.error(error);
			} catch {
				// The stream was already closed or cancelled; nothing is waiting on it.
			}
		}
		entry.release();
	}
}

/** The message a refused request fails with (the SDK shows it as the cause of "Connection error."). */
export function refusedMessage(url: string, practiceOrigin: string): string {
	return (
		`fetch failed: the sandbox refused a request to ${new URL(url).origin}. ` +
		`It only talks to the practice API (${practiceOrigin}) and ${LIVE_ORIGIN}, so your key cannot reach any other host.`
	);
}

/** Builds the worker's `fetch`: the practice origin and api.openai.com → page, anything else refused. */
export function createSandboxFetch(options: {
	practiceOrigin: string;
	bridge: BridgeClient;
}): typeof fetch {
	const { practiceOrigin, bridge } = options;
	return async function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
		let request: Request;
		try {
			request = new Request(input, init);
		} catch (error) {
			throw new TypeError('fetch failed', { cause: error });
		}
		const origin = new URL(request.url).origin;
		// api.openai.com too: the worker holds only a stand-in key, and the page's broker swaps the
		// real one in. The frame's CSP (connect-src 'none', frame.ts) forbids the network anyway.
		if (origin === practiceOrigin || origin === LIVE_ORIGIN) return bridge.request(request);
		throw new TypeError(refusedMessage(request.url, practiceOrigin));
	};
}
