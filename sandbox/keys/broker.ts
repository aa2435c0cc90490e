/**
 * The key broker: learner code in Live mode never holds the real key. Its environment gets a
 * stand-in of the same shape, and every request it makes to api.openai.com comes to the page,
 * which swaps the real key in on the `Authorization` header and sends it on. This is the
 * server-side proxy pattern the course teaches for production, with the page as the server.
 * Both engines use it: the worker through its fetch bridge, the WebContainer through its page bridge.
 */
import type { KeyHolder } from './key-holder.ts';

/** The only origin the broker ever sends the real key to. */
export const LIVE_API_ORIGIN = 'https://api.openai.com';

/** Marks a stand-in as keylab's, in the place a real key has its secret part. */
const STAND_IN_MARK = 'keylab-standin-not-your-key-';

const PREFIX = /^sk-(?:proj|svcacct|admin|None)-|^sk-/;

/**
 * The stand-in for `key`: same prefix and length, visibly not a secret, ending with the key's
 * last four characters (which the dashboard and OpenAI's error messages show anyway), so
 * `process.env.OPENAI_API_KEY` looks right to code that checks its shape and means nothing.
 */
export function standInFor(key: string): string {
	const prefix = PREFIX.exec(key)?.[0] ?? '';
	const tail = key.length >= prefix.length + 12 ? key.slice(-4) : '';
	const room = Math.max(0, key.length - prefix.length - tail.length);
	const body = STAND_IN_MARK.repeat(Math.ceil(room / STAND_IN_MARK.length) + 1).slice(0, room);
	return `${prefix}${body}${tail}`;
}

/** Why the broker refused a request (the engines turn it into a failed fetch). */
export class BrokerRefusal extends TypeError {}

/** What the broker needs: the page's key holder and, in tests, a fetch to send through. */
export interface BrokerOptions {
	holder: Pick<KeyHolder, 'get' | 'has'>;
	/** The stand-in this run's code holds; only an Authorization carrying it gets the real key. */
	standIn: string;
	/** Defaults to the page's own fetch. */
	fetch?: typeof fetch;
}

/** Sends one request of learner code on to api.openai.com; refuses anything else. */
export type Broker = (request: Request) => Promise<Response>;

/**
 * Creates the broker for one run. A request to api.openai.com whose `Authorization` is
 * `Bearer <stand-in>` leaves with the real key instead; any other Authorization (a key the
 * learner typed into their code) goes as it is, to api.openai.com only. The key is never put
 * anywhere but that one header: a stand-in in the URL or the body stays a stand-in.
 */
export function createBroker(options: BrokerOptions): Broker {
	const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
	return async (request: Request) => {
		const url = new URL(request.url);
		if (url.origin !== LIVE_API_ORIGIN || url.username || url.password)
			throw new BrokerRefusal(
				`fetch failed: the key broker sends requests to ${LIVE_API_ORIGIN} only, not ${url.origin}.`,
			);
		const headers = new Headers(request.headers);
		if (headers.get('authorization') === `Bearer ${options.standIn}` && options.holder.has()) {
			const key = options.holder.get();
			if (key) headers.set('authorization', `Bearer ${key}`);
		}
		const body = ['GET', 'HEAD'].includes(request.method) ? null : await request.arrayBuffer();
		const response = await send(
			new Request(url, {
				method: request.method,
				headers,
				body,
				signal: request.signal,
				// A redirect could carry the header elsewhere; api.openai.com never redirects the SDK.
				redirect: 'error',
				credentials: 'omit',
				referrerPolicy: 'no-referrer',
				cache: 'no-store',
			}),
		);
		// The API never echoes a whole key (it masks it), but nothing that answers may hand the
		// code the key it was kept from: the key becomes the stand-in in the body, as it streams.
		const key = options.holder.has() ? options.holder.get() : undefined;
		if (!response.body || !key || key.length !== options.standIn.length) return response;
		return new Response(response.body.pipeThrough(replaceBytes(key, options.standIn)), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers,
		});
	};
}

/**
 * A stream that replaces every `from` with `to` (same length, so Content-Length stays right),
 * also across chunk boundaries. It holds back only a chunk's end that could begin `from`, so
 * server-sent events pass at once.
 */
export function replaceBytes(from: string, to: string): TransformStream<Uint8Array, Uint8Array> {
	const encoder = new TextEncoder();
	const needle = encoder.encode(from);
	const replacement = encoder.encode(to);
	let held = new Uint8Array(0);
	const matchesAt = (buffer: Uint8Array, at: number, length: number) => {
		for (let i = 0; i < length; i++) if (buffer[at + i] !== needle[i]) return false;
		return true;
	};
	return new TransformStream({
		transform(chunk, controller) {
			const buffer = new Uint8Array(held.length + chunk.length);
			buffer.set(held);
			buffer.set(chunk, held.length);
			for (let at = buffer.indexOf(needle[0]); at !== -1; at = buffer.indexOf(needle[0], at + 1)) {
				if (at + needle.length <= buffer.length && matchesAt(buffer, at, needle.length))
					buffer.set(replacement, at);
			}
			// Keep the longest end of the buffer that is the start of the key, for the next chunk.
			let keep = Math.min(needle.length - 1, buffer.length);
			while (keep > 0 && !matchesAt(buffer, buffer.length - keep, keep)) keep--;
			held = buffer.slice(buffer.length - keep);
			if (buffer.length > keep) controller.enqueue(buffer.slice(0, buffer.length - keep));
		},
		flush(controller) {
			if (held.length) controller.enqueue(held);
		},
	});
}
