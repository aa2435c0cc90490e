import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	SETTLE_MS,
	SettledAnnouncer,
	type AnnounceState,
} from '../../../../src/components/troubleshooter/troubleshooter-announcer.ts';

/** A stand-in live region that counts every write, as a screen reader would hear it. */
function fakeRegion(): { region: HTMLElement; writes: string[] } {
	const writes: string[] = [];
	let text = '';
	const region = {
		get textContent() {
			return text;
		},
		set textContent(value: string) {
			text = value;
			writes.push(value);
		},
	} as unknown as HTMLElement;
	return { region, writes };
}

describe('SettledAnnouncer', () => {
	beforeEach(() => void vi.useFakeTimers());
	afterEach(() => void vi.useRealTimers());

	it('speaks only the last text, once input has been quiet for the settle time', () => {
		const { region, writes } = fakeRegion();
		const states: AnnounceState[] = [];
		const announcer = new SettledAnnouncer(region, (state) => states.push(state));
		for (const text of ['a', 'ab', 'abc']) {
			announcer.say(text);
			vi.advanceTimersByTime(SETTLE_MS - 1);
		}
		expect(writes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(writes).toEqual(['abc']);
		expect(states.at(-1)).toBe('settled');
	});

	it('speaks a paste at once and never repeats an unchanged text', () => {
		const { region, writes } = fakeRegion();
		const announcer = new SettledAnnouncer(region);
		announcer.say('quota', true);
		expect(writes).toEqual(['quota']);
		announcer.say('quota');
		vi.advanceTimersByTime(SETTLE_MS);
		announcer.say('quota', true);
		expect(writes).toEqual(['quota']);
	});

	it('after a clear, the same text is new again and nothing queued is spoken', () => {
		const { region, writes } = fakeRegion();
		const announcer = new SettledAnnouncer(region);
		announcer.say('quota', true);
		announcer.say('rate limit');
		announcer.clear();
		vi.advanceTimersByTime(SETTLE_MS * 2);
		announcer.say('quota', true);
		expect(writes).toEqual(['quota', '', 'quota']);
	});
});
