/**
 * The document the worker engine's worker is started from: a sandboxed frame (`allow-scripts`
 * only), so the worker has an opaque origin of its own. The browser, not our JavaScript, then
 * keeps learner code away from the site's storage (IndexedDB, CacheStorage, the origin private
 * file system, cookies) and its channels (a BroadcastChannel cannot reach the site's pages), and
 * every request to the site is cross-origin. No imports: src/headers.ts reads the script's hash.
 */

/**
 * The frame's one script. It waits for the page's single `start` message (only from its parent),
 * starts the worker from the script it was sent, hands the worker the page's port, says `started`
 * on the control port, and reports a worker that fails to load there. A browser that refuses a
 * worker in an opaque origin throws at `new Worker`: that is reported as `unsupported`, and the
 * page falls back to a worker of its own (isolated-worker.ts). It never reads what the worker posts.
 * Classic, not module: Chromium refuses a module worker from an opaque origin's blob: URL.
 */
export const FRAME_SCRIPT = `onmessage = (event) => {
	if (event.source !== parent || event.data?.type !== 'start') return;
	onmessage = null;
	const [control, port] = event.ports;
	let worker;
	try {
		worker = new Worker(URL.createObjectURL(event.data.script), { name: event.data.name });
	} catch (error) {
		control.postMessage({ type: 'unsupported', message: String((error && error.message) || error) });
		return;
	}
	worker.onerror = (error) => {
		error.preventDefault();
		control.postMessage({ type: 'error', message: error.message || '' });
	};
	worker.postMessage({ type: 'connect' }, [port]);
	control.postMessage({ type: 'started' });
};`;

/** SHA-256 of FRAME_SCRIPT, for the policies that pin it (tests/unit/engines/worker/frame.test.ts checks it). */
export const FRAME_SCRIPT_HASH = 'sha256-PoykKvyUhZ+HG/5EvBBHki4gPGfGGm9hJvgPRJ7lPZs=';

/**
 * The frame's own Content-Security-Policy, on top of the page's (a srcdoc frame inherits those,
 * and browsers enforce every policy): the worker inherits it too, since it is started from a
 * blob: URL. No network at all (`connect-src 'none'`: fetch goes to the page over the port, and
 * the page's key broker decides), scripts only from blob: URLs (the worker and the learner's
 * modules) and the frame's own script by hash, and Wasm for es-module-lexer.
 */
export const FRAME_POLICY = [
	"default-src 'none'",
	`script-src '${FRAME_SCRIPT_HASH}' blob: 'wasm-unsafe-eval'`,
	'worker-src blob:',
	"connect-src 'none'",
	"base-uri 'none'",
	"form-action 'none'",
].join('; ');

/** The frame's whole document, for `srcdoc`. */
export function frameDocument(): string {
	return `<!doctype html><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><script>${FRAME_SCRIPT}</script>`;
}
