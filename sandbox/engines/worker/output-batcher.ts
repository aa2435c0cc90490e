/**
 * Coalesces the program's writes into few messages. The first write after a quiet spell goes out
 * at once (Run-to-first-output stays short, and `console.log('x'); while (true) {}` still shows
 * its line); later ones are merged for up to FLUSH_MS or MAX_BYTES, so a printing loop cannot
 * flood the page with a message per line and freeze the Stop button.
 */
type Stream = 'stdout' | 'stderr';

const FLUSH_MS = 16;
const MAX_CHARS = 16 * 1024;

/** A writer that batches; `flush()` sends what is pending (call it before the run ends). */
export function createOutputBatcher(
	send: (stream: Stream, text: string) => void,
	setTimer: (callback: () => void, ms: number) => unknown,
	now: () => number = () => performance.now(),
): { write(stream: Stream, text: string): void; flush(): void } {
	let pending: { stream: Stream; text: string }[] = [];
	let size = 0;
	let lastFlush = -Infinity;
	let timer = false;
	const flush = () => {
		for (const chunk of pending) send(chunk.stream, chunk.text);
		pending = [];
		size = 0;
		lastFlush = now();
	};
	return {
		write(stream, text) {
			const last = pending[pending.length - 1];
			if (last && last.stream === stream) last.text += text;
			else pending.push({ stream, text });
			size += text.length;
			if (now() - lastFlush >= FLUSH_MS || size >= MAX_CHARS) flush();
			else if (!timer) {
				timer = true;
				setTimer(() => {
					timer = false;
					flush();
				}, FLUSH_MS);
			}
		},
		flush,
	};
}
