/**
 * Programs the WebContainer engine puts next to the learner's project, and the reading of what
 * comes back. A WebContainer process has one terminal stream for stdout and stderr together, and
 * the real client decodes every chunk of it on its own (a character split across chunks turns
 * into U+FFFD) after the terminal turned each `\n` into `\r\n`. So the preload frames every
 * stdout/stderr write as ASCII (a marker, the stream, base64, an end mark) and the page decodes
 * the frames; only what bypasses `process.stdout/stderr.write` (Node's own fatal report) arrives raw.
 */
import type { OutputChunk } from '../types.ts';

/** Where the engine's own files live, relative to the container's workdir. */
export const KEYLAB_DIR = '.keylab';
/** Prefix of each run's project folder, relative to the workdir (node_modules sits above). */
export const RUN_DIR = 'run';
/** Prefix of the bridge's lines on its stdout. */
export const BRIDGE_PREFIX = '@@keylab ';
/** The variable the bridge's `--env-file-if-exists` probe sets. */
export const ENV_PROBE = 'KEYLAB_ENV_FILE_PROBE';

// One-byte ASCII controls: a chunk boundary can never fall inside one, and programs rarely print them.
const FRAME = '\u001e';
const FRAME_END = '\u001f';
/** After this frame everything raw, to the end of the process, is Node's fatal error report. */
const RAW_STDERR = 'E';
/** The program ended itself (the event loop emptied, or `process.exit`), not by crashing. */
const CLEAN_EXIT = 'X';

/** Preload (`node --import`) that frames stdout and stderr writes so the page can tell them apart. */
export const STREAMS_SOURCE = `// keylab: frames output in ASCII so one terminal can carry stdout and stderr intact.
const frame = (tag, chunk, encoding) => {
	const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk);
	return '${FRAME}' + tag + bytes.toString('base64') + '${FRAME_END}';
};
const rawStderr = process.stderr.write.bind(process.stderr);
for (const [stream, tag] of [[process.stdout, 'o'], [process.stderr, 'e']]) {
	const write = stream.write.bind(stream);
	stream.write = (chunk, encoding, callback) =>
		write(frame(tag, chunk, encoding), typeof encoding === 'function' ? encoding : callback);
}
// Node prints a fatal error straight to fd 2, past process.stderr: say so first, unframed.
let crashed = false;
process.on('uncaughtExceptionMonitor', () => {
	crashed = true;
	rawStderr('${FRAME}${RAW_STDERR}${FRAME_END}');
});
// A terminal gives only the exit code; this tells process.exit(1) from a crash, as the worker can.
process.on('exit', () => {
	if (!crashed) rawStderr('${FRAME}${CLEAN_EXIT}${FRAME_END}');
});
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

/** Probe preload for the bridge: proves `--import` took effect. */
export const PROBE_SOURCE = `globalThis.__keylabImport = true;\n`;
/** Probe env file for the bridge: proves `--env-file-if-exists` took effect. */
export const PROBE_ENV = `${ENV_PROBE}=1\n`;

/**
 * The practice API bridge: an HTTP server on the practice port inside the container. Each request
 * goes out as one JSON line on stdout; the page answers with JSON lines on stdin (head, base64
 * chunks, end), so the page's single practice API instance serves code running in the container.
 * Lines are ASCII (non-ASCII escaped) so per-chunk decoding cannot garble them; a bad line is
 * reported and skipped, never fatal.
 */
export const BRIDGE_SOURCE = `import http from 'node:http';
const pending = new Map();
let nextId = 1;
const ascii = (text) => text.replace(/[\\u007f-\\uffff]/g, (c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const send = (message) => process.stdout.write('${BRIDGE_PREFIX}' + ascii(JSON.stringify(message)) + '\\n');
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
	const res = pending.get(message?.id);
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
	for (let end = buffered.search(/[\\r\\n]/); end !== -1; end = buffered.search(/[\\r\\n]/)) {
		const line = buffered.slice(0, end).trim();
		buffered = buffered.slice(end + 1);
		if (!line) continue;
		let message;
		try {
			message = JSON.parse(line);
		} catch {
			send({ type: 'bad-line', length: line.length });
			continue;
		}
		try {
			handle(message);
		} catch (error) {
			send({ type: 'bad-line', length: line.length, message: String(error?.message ?? error) });
		}
	}
});
server.listen(Number(process.env.KEYLAB_BRIDGE_PORT ?? 4010), '127.0.0.1', () => {
	send({
		type: 'ready',
		port: server.address().port,
		node: process.version,
		importFlag: globalThis.__keylabImport === true,
		envFileFlag: process.env.${ENV_PROBE} === '1',
	});
});
`;

// Terminal control sequences (colours, cursor moves) that a pty may add around output.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/**
 * Splits terminal output into stdout and stderr chunks; feed it pieces, in order, however they
 * were cut. Framed writes come out byte-exact; raw text loses the terminal's `\r` and colours.
 */
export function createOutputSplitter(
	emit: (chunk: OutputChunk) => void,
	onCleanExit: () => void = () => {},
): {
	(piece: string): void;
	/** Emits what is still held back (the process ended). */
	flush(): void;
} {
	const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
	let rawStream: OutputChunk['stream'] = 'stdout';
	let buffered = '';
	let pendingCr = false;
	const raw = (text: string) => {
		let clean = (pendingCr ? '\r' : '') + text;
		pendingCr = clean.endsWith('\r');
		if (pendingCr) clean = clean.slice(0, -1);
		clean = clean.replace(/\r\n/g, '\n').replace(ANSI, '');
		if (clean) emit({ stream: rawStream, text: clean });
	};
	const frame = (body: string) => {
		if (body === RAW_STDERR) {
			rawStream = 'stderr';
			return;
		}
		if (body === CLEAN_EXIT) return onCleanExit();
		const stream = body[0] === 'e' ? 'stderr' : 'stdout';
		let bytes: Uint8Array<ArrayBuffer>;
		try {
			bytes = fromBase64(body.slice(1));
		} catch {
			return raw(body);
		}
		const text = decoders[stream].decode(bytes, { stream: true });
		if (text) emit({ stream, text });
	};
	const split = (piece: string) => {
		buffered += piece;
		for (;;) {
			const start = buffered.indexOf(FRAME);
			if (start === -1) {
				// Keep a lone trailing `\r` for the next piece: it may be half of `\r\n`.
				raw(buffered);
				buffered = '';
				return;
			}
			if (start > 0) raw(buffered.slice(0, start));
			const end = buffered.indexOf(FRAME_END, start + 1);
			if (end === -1) {
				buffered = buffered.slice(start);
				return;
			}
			frame(buffered.slice(start + 1, end).replace(/[\r\n]/g, ''));
			buffered = buffered.slice(end + 1);
		}
	};
	split.flush = () => {
		if (buffered) raw(buffered.replace(FRAME, ''));
		buffered = '';
		if (pendingCr) emit({ stream: rawStream, text: '\r' });
		pendingCr = false;
	};
	return split;
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
