/**
 * Starts the worker engine's worker inside a sandboxed frame of its own (see frame.ts), so it has
 * an opaque origin: the site's storage and channels are out of its reach because the browser says
 * so, not only because runtime.ts deleted them. The engine holds a Worker-shaped handle; messages
 * go page ↔ worker directly over a MessagePort the frame hands to the worker, so the protocol,
 * its transfers and its timing are those of a plain Worker. Terminating removes the frame, which
 * ends the worker with it.
 */
import { frameDocument } from './frame.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** What the engine needs of its worker: an IsolatedWorker, or a test's fake. */
export interface WorkerLike {
	postMessage(message: ToWorker, transfer: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	terminate(): void;
}

/** Where the worker's script is. */
export interface WorkerScript {
	/** One classic script with no imports of its own, as the build emits the worker. */
	url: string;
	/**
	 * An ES module instead: Vite's dev server serves workers so. An opaque origin cannot start a
	 * module worker (Chromium refuses one from its blob: URL), so this one starts in the page, as
	 * before the frame existed. Builds never set it.
	 */
	module?: boolean;
}

const scripts = new Map<string, Promise<Blob>>();

/** The worker script, fetched by the page once (it is same-origin to the page, not the frame). */
function scriptBlob(url: string): Promise<Blob> {
	let blob = scripts.get(url);
	if (!blob) {
		blob = fetch(url).then(async (response) => {
			if (!response.ok) throw new Error(`the worker script answered ${response.status}`);
			return new Blob([await response.arrayBuffer()], { type: 'text/javascript' });
		});
		// Offline, say: the next worker tries again.
		blob.catch(() => scripts.delete(url));
		scripts.set(url, blob);
	}
	return blob;
}

// How long the frame may take to say its worker started before the page starts one itself.
const FRAME_START_LIMIT_MS = 5_000;

/**
 * Set once a browser refused the frame's worker (or its frame never answered): this tab's later
 * runs start the page's own worker at once instead of waiting for the frame again.
 */
let frameUnsupported = false;

type Queued = [message: ToWorker, transfer: Transferable[]];

/**
 * A worker with an opaque origin, behind the part of the Worker interface the engine uses. Where
 * a browser refuses a worker inside the sandboxed frame, it falls back to a worker of the page's
 * own: the same script and the same protocol, with storage and channels removed by runtime.ts
 * only (as before the frame existed) and the sandbox folder's own headers.
 */
export class IsolatedWorker implements WorkerLike {
	readonly #events = new EventTarget();
	/** Messages posted before the worker is connected; none is transferred until then. */
	readonly #queue: Queued[] = [];
	#port: MessagePort | undefined;
	#frame: HTMLIFrameElement | undefined;
	#pageWorker: Worker | undefined;
	#terminated = false;

	/** Starts at once; messages posted before the worker exists wait here. */
	constructor(script: Promise<WorkerScript>, options: { name?: string } = {}) {
		this.#start(script, options.name ?? '').catch((error: unknown) =>
			this.#fail(error instanceof Error ? error.message : String(error)),
		);
	}

	addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	addEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
		this.#events.addEventListener(type, listener as EventListener);
	}

	postMessage(message: ToWorker, transfer: Transferable[] = []): void {
		if (this.#terminated) return;
		if (this.#port) this.#port.postMessage(message, transfer);
		else this.#queue.push([message, transfer]);
	}

	terminate(): void {
		this.#terminated = true;
		this.#frame?.remove();
		this.#pageWorker?.terminate();
		this.#port?.close();
		this.#queue.length = 0;
	}

	/** Wires the page's end of the worker's port and sends what waited. */
	#connect(port: MessagePort): void {
		port.onmessage = (event: MessageEvent<FromWorker>) =>
			this.#events.dispatchEvent(new MessageEvent('message', { data: event.data }));
		this.#port = port;
		for (const [message, transfer] of this.#queue.splice(0)) port.postMessage(message, transfer);
	}

	async #start(script: Promise<WorkerScript>, name: string): Promise<void> {
		const { url, module } = await script;
		if (this.#terminated) return;
		if (module || frameUnsupported) {
			this.#startInPage(url, name, module ? 'module' : 'classic');
			return;
		}
		// The script downloads (or comes from memory) while the frame loads.
		const blob = scriptBlob(url);
		const frame = document.createElement('iframe');
		// Scripts, and nothing else: no allow-same-origin, so the frame's origin is opaque.
		frame.setAttribute('sandbox', 'allow-scripts');
		frame.srcdoc = frameDocument();
		frame.hidden = true;
		frame.tabIndex = -1;
		frame.title = 'keylab sandbox';
		frame.setAttribute('aria-hidden', 'true');
		const loaded = new Promise((resolve) =>
			frame.addEventListener('load', resolve, { once: true }),
		);
		document.body.append(frame);
		this.#frame = frame;
		const [source] = await Promise.all([blob, loaded]);
		if (this.#terminated) return;
		const channel = new MessageChannel();
		const control = new MessageChannel();
		const silence = setTimeout(() => this.#fallBack(url, name), FRAME_START_LIMIT_MS);
		control.port1.onmessage = (event: MessageEvent<{ type: string; message?: string }>) => {
			if (event.data.type === 'started') {
				clearTimeout(silence);
				this.#connect(channel.port1);
			} else if (event.data.type === 'unsupported') {
				clearTimeout(silence);
				this.#fallBack(url, name);
			} else {
				this.#fail(event.data.message ?? '');
			}
		};
		// '*': an opaque origin cannot be named. The message holds no secret: the script, and the
		// two ports.
		frame.contentWindow?.postMessage({ type: 'start', script: source, name }, '*', [
			control.port2,
			channel.port2,
		]);
	}

	/** The frame refused a worker, or never answered: the page starts one of its own. */
	#fallBack(url: string, name: string): void {
		if (this.#terminated || this.#port) return;
		frameUnsupported = true;
		this.#frame?.remove();
		this.#frame = undefined;
		this.#startInPage(url, name, 'classic');
	}

	#startInPage(url: string, name: string, type: WorkerType): void {
		const worker = new Worker(url, { type, name });
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			this.#fail(event.message);
		});
		const channel = new MessageChannel();
		worker.postMessage({ type: 'connect' }, [channel.port2]);
		this.#pageWorker = worker;
		this.#connect(channel.port1);
	}

	#fail(message: string): void {
		if (this.#terminated) return;
		this.#events.dispatchEvent(new ErrorEvent('error', { message, cancelable: true }));
	}
}
