/**
 * Programs the WebContainer engine puts next to the learner's project, and the reading of what
 * comes back. A WebContainer process has one terminal stream for stdout and stderr together, so a
 * preload marks stderr writes with two private-use characters, and the page splits them apart.
 */
import type { OutputChunk } from '../types.ts';

/** Where the engine's own files live, relative to the container's workdir. */
export const KEYLAB_DIR = '.keylab';
/** Where each run's project files are written, relative to the workdir (node_modules sits above). */
export const RUN_DIR = 'run';
/** Prefix of the bridge's lines on its stdout. */
export const BRIDGE_PREFIX = '@@keylab ';

const STDERR_START = '\uE000';
const STDERR_END = '\uE001';

/** Preload (`node --import`) that marks stderr writes and keeps colours out of the terminal. */
export const STREAMS_SOURCE = `// keylab: marks stderr so the page can tell it from stdout (one terminal carries both).
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) =>
	write('${STDERR_START}' + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()) + '${STDERR_END}', ...rest);
// Node prints a fatal error straight to fd 2, past process.stderr: open the stderr mark first;
// everything after it, to the end of the process, is that report.
process.on('uncaughtExceptionMonitor', () => write('${STDERR_START}'));
`;

/** Path on the bridge server under which the page answers api.openai.com (through the key broker). */
export const LIVE_PATH = '/__keylab/live';

/**
 * Preload (`node --import`) of a Live run: `fetch` to https://api.openai.com goes to the bridge
 * server instead (KEYLAB_LIVE_BRIDGE), so the page's key broker can put the real key on it. The
 * container holds only a stand-in; a call that bypasses fetch reaches api.openai.com with it, and fails.
 */
export const LIVE_SOURCE = `// keylab: the page holds your key; api.openai.com calls go through it (see the first-call lesson).
const bridge = process.env.KEYLAB_LIVE_BRIDGE;
delete process.env.KEYLAB_LIVE_BRIDGE;
const nativeFetch = globalThis.fetch;
if (bridge && nativeFetch) {
	globalThis.fetch = async function fetch(input, init) {
		const url = new URL(input instanceof Request ? input.url : String(input));
		if (url.origin !== 'https://api.openai.com') return nativeFetch(input, init);
		const request = new Request(input, init);
		const body = request.body ? await request.arrayBuffer() : undefined;
		return nativeFetch(bridge + '${LIVE_PATH}' + url.pathname + url.search, {
			method: request.method,
			headers: request.headers,
			body,
			signal: request.signal,
		});
	};
}
`;

/**
 * The practice API bridge: an HTTP server on the practice port inside the container. Each request
 * goes out as one JSON line on stdout; the page answers with JSON lines on stdin (head, base64
 * chunks, end), so the page's single practice API instance serves code running in the container.
 */
export const BRIDGE_SOURCE = `import http from 'node:http';
const pending = new Map();
let nextId = 1;
const send = (message) => process.stdout.write('${BRIDGE_PREFIX}' + JSON.stringify(message) + '\\n');
const server = http.createServer(async (req, res) => {
	const id = nextId++;
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	pending.set(id, res);
	res.on('close', () => {
		if (pending.delete(id)) send({ type: 'abort', id });
	});
	const body = chunks.length ? Buffer.concat(chunks).toString('base64') : null;
	send({ type: 'request', id, method: req.method, url: req.url, headers: req.headers, body });
});
const handle = (message) => {
	const res = pending.get(message.id);
	if (!res) return;
	if (message.type === 'head') {
		res.statusCode = message.status;
		res.statusMessage = message.statusText || '';
		for (const [name, value] of message.headers) {
			// The body is re-chunked here; a length or encoding from the page would be wrong.
			if (name === 'content-length' || name === 'content-encoding') continue;
			res.appendHeader(name, value);
		}
		res.flushHeaders();
	} else if (message.type === 'chunk') res.write(Buffer.from(message.data, 'base64'));
	else if (message.type === 'end') {
		pending.delete(message.id);
		res.end();
	} else if (message.type === 'error') {
		pending.delete(message.id);
		res.destroy(new Error(message.message));
	}
};
// Raw mode: a terminal must neither echo the page's lines nor cut them at its line limit.
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
let buffered = '';
process.stdin.on('data', (data) => {
	buffered += data;
	for (let end = buffered.indexOf('\\n'); end !== -1; end = buffered.indexOf('\\n')) {
		const line = buffered.slice(0, end).trim();
		buffered = buffered.slice(end + 1);
		if (line) handle(JSON.parse(line));
	}
});
server.listen(Number(process.env.KEYLAB_BRIDGE_PORT ?? 4010), '127.0.0.1', () => {
	send({ type: 'ready', port: server.address().port });
});
`;

// Terminal control sequences (colours, cursor moves) that a pty may add around output.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

/** Splits terminal output into stdout and stderr chunks; feed it pieces, in order. */
export function createOutputSplitter(emit: (chunk: OutputChunk) => void): (piece: string) => void {
	let inStderr = false;
	return (piece: string) => {
		const clean = piece.replace(/\r\n?/g, '\n').replace(ANSI, '');
		let rest = clean;
		while (rest) {
			const marker = rest.indexOf(inStderr ? STDERR_END : STDERR_START);
			const text = marker === -1 ? rest : rest.slice(0, marker);
			if (text) emit({ stream: inStderr ? 'stderr' : 'stdout', text });
			if (marker === -1) break;
			inStderr = !inStderr;
			rest = rest.slice(marker + 1);
		}
	};
}

/** Splits a stream of text into complete lines; the last partial line waits for the next piece. */
export function createLineReader(onLine: (line: string) => void): (piece: string) => void {
	let buffered = '';
	return (piece: string) => {
		buffered += piece.replace(/\r/g, '');
		for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
			onLine(buffered.slice(0, end));
			buffered = buffered.slice(end + 1);
		}
	};
}
