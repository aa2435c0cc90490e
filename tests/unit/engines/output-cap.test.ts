import { describe, expect, it } from 'vitest';
import { capOutput, OUTPUT_LIMITS } from '../../../sandbox/engines/output-cap.ts';
import type { OutputChunk } from '../../../sandbox/engines/types.ts';

function capped(limits = { bytes: 100, lines: 3 }) {
	const shown: OutputChunk[] = [];
	let exceeded = 0;
	const write = capOutput(
		(chunk) => shown.push(chunk),
		() => exceeded++,
		limits,
	);
	return { write, shown, text: () => shown.map((c) => c.text).join(''), exceeded: () => exceeded };
}

describe('capOutput', () => {
	it('passes output under the limits untouched', () => {
		const out = capped();
		out.write({ stream: 'stdout', text: 'a\nb\n' });
		out.write({ stream: 'stderr', text: 'c\n' });
		expect(out.shown).toEqual([
			{ stream: 'stdout', text: 'a\nb\n' },
			{ stream: 'stderr', text: 'c\n' },
		]);
		expect(out.exceeded()).toBe(0);
	});

	it('stops at the line limit, mid-chunk, and reports once', () => {
		const out = capped();
		out.write({ stream: 'stdout', text: '1\n2\n3\n4\n5\n' });
		out.write({ stream: 'stdout', text: 'more\n' });
		expect(out.text()).toBe('1\n2\n3\n');
		expect(out.exceeded()).toBe(1);
	});

	it('stops at the byte limit', () => {
		const out = capped({ bytes: 10, lines: 1000 });
		out.write({ stream: 'stdout', text: 'x'.repeat(8) });
		out.write({ stream: 'stdout', text: 'y'.repeat(8) });
		expect(out.text()).toBe(`${'x'.repeat(8)}yy`);
		expect(out.exceeded()).toBe(1);
	});

	it('allows exactly the limit, and trips on the first byte past it', () => {
		const out = capped();
		out.write({ stream: 'stdout', text: '1\n2\n3\n' });
		expect(out.exceeded()).toBe(0);
		out.write({ stream: 'stdout', text: '4' });
		expect(out.text()).toBe('1\n2\n3\n');
		expect(out.exceeded()).toBe(1);
	});

	it('defaults to 1 MB or 10,000 lines', () => {
		expect(OUTPUT_LIMITS).toEqual({ bytes: 1_000_000, lines: 10_000 });
		const out = capped(OUTPUT_LIMITS);
		out.write({ stream: 'stdout', text: 'line\n'.repeat(20_000) });
		expect(out.text().split('\n').length - 1).toBe(10_000);
		expect(out.exceeded()).toBe(1);
	});
});
