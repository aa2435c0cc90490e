import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../../../src/components/sandbox/output-log.ts';
import { redactKey, scrubSecrets } from '../../../../sandbox/keys/redact.ts';

/** A real-shaped key made at run time (never committed). */
const key = `sk-proj-${'a1B2'.repeat(18)}${'T3Blbk'}${'FJ'}${'z9Y8'.repeat(18)}`;

function collect(chunks: Array<['stdout' | 'stderr', string]>) {
	const lines: string[] = [];
	const buffer = new LineBuffer(
		(text) => scrubSecrets(text, [key]),
		(stream, line) => lines.push(`${stream}: ${line}`),
	);
	for (const [stream, text] of chunks) buffer.write({ stream, text });
	buffer.flush();
	return lines;
}

describe('LineBuffer', () => {
	it('scrubs a key split across chunks', () => {
		const half = key.length / 2;
		const lines = collect([
			['stdout', `key: ${key.slice(0, half)}`],
			['stdout', `${key.slice(half)}\nnext`],
		]);
		expect(lines).toEqual([`stdout: key: ${redactKey(key)}`, 'stdout: next']);
		expect(lines.join('\n')).not.toContain(key);
	});

	it('keeps stdout and stderr lines apart even when interleaved mid-line', () => {
		const lines = collect([
			['stdout', 'out-a'],
			['stderr', 'err-a\n'],
			['stdout', 'out-b\n'],
		]);
		expect(lines).toEqual(['stderr: err-a', 'stdout: out-aout-b']);
	});

	it('emits an unfinished last line on flush, scrubbed', () => {
		expect(collect([['stderr', `Error: ${key}`]])).toEqual([`stderr: Error: ${redactKey(key)}`]);
	});

	it('keeps empty lines', () => {
		expect(collect([['stdout', 'a\n\nb\n']])).toEqual(['stdout: a', 'stdout: ', 'stdout: b']);
	});
});
