import { describe, expect, it } from 'vitest';
import { createOutputBatcher } from '../../../../sandbox/engines/worker/output-batcher.ts';

function setup() {
	let clock = 0;
	const sent: [string, string][] = [];
	const timers: (() => void)[] = [];
	const batcher = createOutputBatcher(
		(stream, text) => sent.push([stream, text]),
		(callback) => timers.push(callback),
		() => clock,
	);
	return { batcher, sent, timers, tick: (ms: number) => (clock += ms) };
}

describe('createOutputBatcher', () => {
	it('sends the first write at once, then merges until the timer fires, keeping stream order', () => {
		const { batcher, sent, timers, tick } = setup();
		batcher.write('stdout', 'first\n');
		expect(sent).toEqual([['stdout', 'first\n']]);
		tick(1);
		batcher.write('stdout', 'a\n');
		batcher.write('stdout', 'b\n');
		batcher.write('stderr', 'oops\n');
		batcher.write('stdout', 'c\n');
		expect(sent).toHaveLength(1);
		expect(timers).toHaveLength(1);
		timers[0]();
		expect(sent.slice(1)).toEqual([
			['stdout', 'a\nb\n'],
			['stderr', 'oops\n'],
			['stdout', 'c\n'],
		]);
	});

	it('flushes a busy loop by time and by size, without waiting for a timer', () => {
		const { batcher, sent, tick } = setup();
		batcher.write('stdout', 'x');
		tick(1);
		batcher.write('stdout', 'y'.repeat(70_000));
		expect(sent.map(([, text]) => text.length)).toEqual([1, 70_000]);
		tick(1);
		batcher.write('stdout', 'z');
		tick(20);
		batcher.write('stdout', 'w');
		expect(sent.at(-1)).toEqual(['stdout', 'zw']);
	});

	it('flush() sends what is pending', () => {
		const { batcher, sent, tick } = setup();
		batcher.write('stdout', 'a');
		tick(1);
		batcher.write('stderr', 'b');
		batcher.flush();
		expect(sent).toEqual([
			['stdout', 'a'],
			['stderr', 'b'],
		]);
	});
});
