/**
 * Page side of the worker's fetch bridge: answers the worker's requests with the page's practice
 * API, or for api.openai.com with the run's key broker, and streams each body back chunk by chunk,
 * so server-sent events arrive as they are written. The worker is untrusted: the page, not the
 * worker, decides by origin which of the two (or neither) a request reaches.
 */
import type { PracticeFetch } from '../types.ts';
import { LIVE_ORIGIN, type BridgedRequest, type ToWorker } from './protocol.ts';

type Send = (message: ToWorker, transfer?: Transferable[]) => void;

/** Serves bridged requests for one run; `abort(id)` and `close()` stop them. */
export class PracticeBridge {
	readonly #practiceFetch: PracticeFetch;
	readonly #send: Send;
	readonly #routes: { practiceOrigin?: string; liveFetch?: PracticeFetch };
	readonly #controllers = new Map<number, AbortController>();

	/**
	 * `routes.practiceOrigin`: only requests there reach `practiceFetch` (any origin when unset);
	 * `routes.liveFetch`: the key broker, for api.openai.com (refused without it).
	 */
	constructor(
		practiceFetch: PracticeFetch,
		send: Send,
		routes: { practiceOrigin?: string; liveFetch?: PracticeFetch } = {},
	) {
		this.#practiceFetch = practiceFetch;
		this.#send = send;
		this.#routes = routes;
	}

	#handlerFor(url: string): PracticeFetch {
		const origin = new URL(url).origin;
		if (origin === LIVE_ORIGIN) {
			if (this.#routes.liveFetch) return this.#routes.liveFetch;
			throw new TypeError(`this run has no live key, so ${LIVE_ORIGIN} is not reachable`);
		}
		const { practiceOrigin } = this.#routes;
		if (practiceOrigin !== undefined && origin !== practiceOrigin)
			throw new TypeError(`the sandbox refused a request to ${origin}`);
		return this.#practiceFetch;
	}

	/** Answers one request; never throws (failures travel back as `fetch-error`). */
	async serve(message: BridgedRequest): Promise<void> {
		const { id } = message;
		const controller = new AbortController();
		this.#controllers.set(id, controller);
		try {
			const request = new Request(message.url, {
				method: message.method,
				headers: message.headers,
				body: message.body,
				signal: controller.signal,
			});
			const response = await this.#handlerFor(message.url)(request);
			if (controller.signal.aborted) return;
			const headers = [...response.headers];
			this.#send({
				type: 'fetch-head',
				id,
				status: response.status,
				statusText: response.statusText,
				headers,
			});
			if (response.body) {
				const reader = response.body.getReader();
				controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), {
					once: true,
				});
				for (;;) {
					const { done, value } = await reader.read();
					if (done || controller.signal.aborted) break;
					const chunk = value.slice();
					this.#send({ type: 'fetch-chunk', id, chunk }, [chunk.buffer]);
				}
			}
			if (!controller.signal.aborted) this.#send({ type: 'fetch-end', id });
		} catch (error) {
			if (!controller.signal.aborted) {
				this.#send({
					type: 'fetch-error',
					id,
					message: `fetch failed: ${error instanceof Error ? error.message : String(error)}`,
				});
			}
		} finally {
			this.#controllers.delete(id);
		}
	}

	/** The worker gave up on request `id` (its signal aborted or its body was cancelled). */
	abort(id: number): void {
		this.#controllers.get(id)?.abort();
	}

	/** Stops every request in flight (the run ended). */
	close(): void {
		for (const controller of this.#controllers.values()) controller.abort();
		this.#controllers.clear();
	}
}
