import type { CliIo } from '../../../cli/commands/diagnose.ts';

/** A CliIo that records output; stdin yields `input` in two chunks. */
export function fakeIo(options: Partial<CliIo> & { input?: string } = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const input = options.input ?? '';
	// A stream arrives in chunks, bytes and strings alike.
	async function* stdin() {
		yield new TextEncoder().encode(input.slice(0, input.length / 2));
		await Promise.resolve();
		yield input.slice(input.length / 2);
	}
	const io: CliIo = {
		stdin: stdin(),
		stdinIsTTY: false,
		stdout: { write: (chunk: string) => out.push(chunk), isTTY: false },
		stderr: { write: (chunk: string) => err.push(chunk) },
		env: {},
		cwd: process.cwd(),
		...options,
	};
	return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
