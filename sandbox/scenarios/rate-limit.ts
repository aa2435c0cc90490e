/**
 * Scenario 7: ten requests through a key that allows three per two seconds. The key's "minute"
 * is two seconds long so the exercise takes seconds; the check replays the limiter from the log.
 */
import type { RequestLogEntry } from '../practice-api/index.ts';
import { modelCalls, nothingSent } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';
import { RATE_SOLUTION, RATE_STARTER } from './rate-limit-files.ts';

/** Requests the key may make per window, and the window. */
export const RATE_LIMIT = { rpm: 3, windowMs: 2000 } as const;
const WANTED = 10;

/** Replays the practice API's token bucket over the key's calls: when may each 429's sender retry? */
export function earlyRetries(calls: readonly RequestLogEntry[]): string[] {
	const rate = RATE_LIMIT.rpm / RATE_LIMIT.windowMs;
	let level: number = RATE_LIMIT.rpm;
	let at = calls[0]?.time ?? 0;
	let retryAt: { time: number; wait: number; index: number } | undefined;
	const problems: string[] = [];
	calls.forEach((call, index) => {
		level = Math.min(RATE_LIMIT.rpm, level + (call.time - at) * rate);
		at = call.time;
		// 25 ms of slack: the limiter reads the clock a moment after the log does.
		if (retryAt && call.time < retryAt.time - 25) {
			problems.push(
				`request ${index + 1} was sent ${((call.time - calls[retryAt.index].time) / 1000).toFixed(2)} s after the 429 of request ${retryAt.index + 1}, which said to wait ${(retryAt.wait / 1000).toFixed(2)} s`,
			);
		}
		if (call.status === 200) {
			level -= 1;
			retryAt = undefined;
		} else if (call.status === 429 && !retryAt) {
			const wait = Math.max(0, (1 - level) / rate);
			retryAt = { time: call.time + wait, wait, index };
		}
	});
	return problems;
}

export const rateLimit: Scenario = {
	id: 'rate-limit',
	lesson: 'troubleshooting/rate-limits',
	title: 'Ten requests through a rate limit',
	summary: `The "Batch job" key allows ${RATE_LIMIT.rpm} requests, refilled over ${RATE_LIMIT.windowMs / 1000} seconds (a short practice window; real limits are per minute). Get all ${WANTED} answers without sending a request before the limit has reset.`,
	timeoutMs: 30_000,
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Batch job', limits: { ...RATE_LIMIT } });
		return { env: { OPENAI_API_KEY: secret }, ids: { key: id }, secrets: {}, baseURL };
	},
	starter: () => project('rate-limit', RATE_STARTER),
	solution: () => project('rate-limit', RATE_SOLUTION),
	solutionSteps: [
		'Send the requests one after another, not all at once.',
		'Read `x-ratelimit-remaining-requests` from each response (`.withResponse()`); when it is 0, wait for `x-ratelimit-reset-requests` before the next request. If a 429 still comes, wait for the reset it announces, then retry the same request.',
		'Turn off the SDK’s own retries (`maxRetries: 0`): its half-second backoff retries before the limit has reset.',
	],
	hints: [
		'How many requests does the key allow at once, and how many does the code send at once?',
		'Every response carries `x-ratelimit-remaining-requests` and `x-ratelimit-reset-requests`. `client.chat.completions.create(...).withResponse()` gives you the headers.',
		'The reset is a duration like "1.334s" or "667ms": turn it into milliseconds and `await` a timer for that long.',
	],
	starterFailure: 'sent_before_reset',
	check(run) {
		const keyId = run.context.ids.key;
		const calls = modelCalls(run).filter((entry) => entry.keyId === keyId);
		if (calls.length === 0) return fail('no_request', nothingSent(run));
		const early = earlyRetries(calls);
		const ok = calls.filter((entry) => entry.status === 200).length;
		const refused = calls.filter((entry) => entry.status === 429).length;
		if (early.length > 0) {
			return fail(
				'sent_before_reset',
				`${early.length} request(s) were sent before the rate limit had reset: ${early[0]}. Wait for x-ratelimit-reset-requests (or the time in the 429) before sending again.`,
			);
		}
		if (ok < WANTED || run.exitCode !== 0) {
			return fail(
				'requests_lost',
				`Only ${ok} of ${WANTED} requests succeeded${run.exitCode !== 0 ? ` and the program failed (exit code ${run.exitCode})` : ''}. A refused request must be sent again after the reset, not dropped.`,
			);
		}
		return pass(
			`All ${ok} requests succeeded and none was sent before the limit reset (${refused === 0 ? 'the limit was never hit' : `${refused} 429(s), each followed by a proper wait`}).`,
		);
	},
};
