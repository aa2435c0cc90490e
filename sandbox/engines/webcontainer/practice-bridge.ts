/**
 * Page side of the WebContainer practice bridge: reads the bridge server's request lines, answers
 * each with the page's practice API, and writes the response back as lines (body in base64 chunks,
 * as it streams). See BRIDGE_SOURCE for the other side.
 */
import { LIVE_API_ORIGIN } from '../../keys/broker.ts';
import type { PracticeFetch } from '../types.ts';
import { BRIDGE_PREFIX, LIVE_PATH } from './container-files.ts';

/** What the bridge's ready line says about the container's Node. */
export interface BridgeReady {
	port: number;
	/** The container's `process.version`. */
	node?: string;
	/** Whether `node --import` took effect (the stderr framing depends on it). */
	importFlag?: boolean;
	/** Whether `node --env-file-if-exists` took effect (`.env` files depend on it). */
	envFileFlag?: boolean;
}

type BridgeLine =
	| ({ type: 'ready' } & BridgeReady)
	| { type: 'bad-line'; length: number; message?: string }
	| {
			type: 'request';
			id: number;
			method: string;
			url: string;
			headers: Record<string, string | string[]>;
			body: string | null;
	  }
	| { type: 'abort'; id: number };

/** Headers that describe the container's HTTP hop, not the request. */
const HOP_HEADERS = new Set([
	'host',
	'connection',
	'content-length',
	'transfer-encoding',
	'keep-alive',
]);

function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** Serves the container's practice requests; `ready` resolves once the server listens. */
export class ContainerBridge {
	readonly ready: Promise<BridgeReady>;
	/** Lines the container side could not read (it skips them and carries on). */
	badLines = 0;
	readonly #practiceFetch: PracticeFetch;
	readonly #write: (line: string) => Promise<void>;
	readonly #origin: string;
	readonly #controllers = new Map<number, AbortController>();
	#resolveReady!: (ready: BridgeReady) => void;
	#liveFetch: PracticeFetch | undefined;

	constructor(
		practiceFetch: PracticeFetch,
		write: (line: string) => Promise<void>,
		origin: string,
	) {
		this.#practiceFetch = practiceFetch;
		this.#write = write;
		this.#origin = origin;
		this.ready = new Promise((resolve) => (this.#resolveReady = resolve));
	}

	/** Feeds one line of the bridge's output in; other lines are ignored. */
	onLine(line: string): void {
		const start = line.indexOf(BRIDGE_PREFIX);
		if (start === -1) return;
		let message: BridgeLine;
		try {
			message = JSON.parse(line.slice(start + BRIDGE_PREFIX.length)) as BridgeLine;
		} catch {
			return;
		}
		if (typeof message !== 'object' || message === null) return;
		if (message.type === 'ready') {
			this.#resolveReady({
				port: message.port,
				node: message.node,
				importFlag: message.importFlag,
				envFileFlag: message.envFileFlag,
			});
		} else if (message.type === 'bad-line') this.badLines++;
		else if (message.type === 'abort') this.#controllers.get(message.id)?.abort();
		else if (message.type === 'request') void this.#serve(message);
	}

	/** The key broker of the Live run in progress (undefined between runs): it answers LIVE_PATH. */
	setLiveFetch(liveFetch: PracticeFetch | undefined): void {
		this.#liveFetch = liveFetch;
	}

	/** Stops every request in flight. */
	close(): void {
		for (const controller of this.#controllers.values()) controller.abort();
		this.#controllers.clear();
	}

	async #serve(message: Extract<BridgeLine, { type: 'request' }>): Promise<void> {
		const { id } = message;
		const controller = new AbortController();
		this.#controllers.set(id, controller);
		const send = (reply: object) => this.#write(`${JSON.stringify({ ...reply, id })}\n`);
		try {
			const headers = new Headers();
			for (const [name, value] of Object.entries(message.headers)) {
				if (HOP_HEADERS.has(name)) continue;
				for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
			}
			const live = message.url.startsWith(`${LIVE_PATH}/`);
			const url = live
				? new URL(message.url.slice(LIVE_PATH.length), LIVE_API_ORIGIN)
				: new URL(message.url, this.#origin);
			const request = new Request(url, {
				method: message.method,
				headers,
				body: message.body === null ? null : fromBase64(message.body),
				signal: controller.signal,
			});
			const liveFetch = this.#liveFetch;
			if (live && !liveFetch) throw new TypeError('this run has no live key');
			const response = await (live && liveFetch ? liveFetch : this.#practiceFetch)(request);
			await send({
				type: 'head',
				status: response.status,
				statusText: response.statusText,
				headers: [...response.headers],
			});
			if (response.body) {
				const reader = response.body.getReader();
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					if (controller.signal.aborted) {
						await reader.cancel();
						return;
					}
					await send({ type: 'chunk', data: toBase64(value) });
				}
			}
			await send({ type: 'end' });
		} catch (error) {
			if (!controller.signal.aborted) {
				await send({
					type: 'error',
					message: error instanceof Error ? error.message : String(error),
				}).catch(() => {});
			}
		} finally {
			this.#controllers.delete(id);
		}
	}
}
