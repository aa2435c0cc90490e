/**
 * A retry loop under a rate limit: it must wait as long as the server says, never retry a
 * request that cannot succeed ("Request too large"), and not stack the SDK's retries under its own.
 */
import { earlyRetries } from './rate-limit.ts';
import { modelCalls, nothingSent } from './evidence.ts';
import { project } from './program.ts';
import { RETRY_SOLUTION, RETRY_STARTER } from './retry-loop-files.ts';
import { fail, pass, type Scenario } from './types.ts';

/** Five questions plus one too-large request; the key allows 3 requests per 2 s, 2,000 tokens. */
const LIMITS = { rpm: 3, windowMs: 2000, tpm: 2000 } as const;
const WANTED = 5;

export const retryLoop: Scenario = {
	id: 'retry-loop',
	lesson: 'troubleshooting/rate-limits',
	title: 'A retry loop that knows when to stop',
	summary: `The "Nightly job" key allows ${LIMITS.rpm} requests per ${LIMITS.windowMs / 1000} seconds and ${LIMITS.tpm} tokens. Its job sends ${WANTED} questions and one request far too large for the key. Get every answer, wait as long as each 429 says, and send the too-large request only once.`,
	timeoutMs: 30_000,
	setup(admin, baseURL) {
		const { id, secret } = admin.createKey({ name: 'Nightly job', limits: { ...LIMITS } });
		return { env: { OPENAI_API_KEY: secret }, ids: { key: id }, secrets: {}, baseURL };
	},
	starter: () => project('retry-loop', RETRY_STARTER),
	solution: () => project('retry-loop', RETRY_SOLUTION),
	solutionSteps: [
		'Turn the SDK’s own retries off (`new OpenAI({ maxRetries: 0 })`) when your code runs its own loop, or every attempt of yours becomes three.',
		'Before retrying a 429, wait as long as the server says: `retry-after` when it is there, else `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` from `error.headers`.',
		'Some 429s are final: `insufficient_quota` (no credits) and "Request too large" (one request bigger than the whole tokens-per-minute budget; its code is still `rate_limit_exceeded`). Throw those at once.',
	],
	hints: [
		'Look at the request log: how many times was the huge request sent?',
		'"Request too large" carries the same `code` as an ordinary rate limit. Read its message.',
		'`error.headers.get("x-ratelimit-reset-requests")` says how long the limit needs, e.g. "1.334s".',
	],
	starterFailure: 'retried_final_error',
	check(run) {
		const keyId = run.context.ids.key;
		const calls = modelCalls(run).filter((entry) => entry.keyId === keyId);
		if (calls.length === 0) return fail('no_request', nothingSent(run));
		// The key's token budget is far above every ordinary question, so only the too-large
		// request can earn a tokens 429.
		const tooLarge = calls.filter((entry) => entry.status === 429 && entry.errorType === 'tokens');
		if (tooLarge.length > 1) {
			return fail(
				'retried_final_error',
				`The "Request too large" request was sent ${tooLarge.length} times. It asks for more tokens than the key's whole budget, so no wait can make it succeed: treat it as final, like insufficient_quota.`,
			);
		}
		const sdkRetries = calls.filter((entry) => (entry.retryCount ?? 0) > 0).length;
		if (sdkRetries > 0) {
			return fail(
				'sdk_retries_on',
				`${sdkRetries} request(s) were the SDK's own retries under your loop. Create the client with maxRetries: 0 when you retry yourself.`,
			);
		}
		const early = earlyRetries(calls.filter((entry) => !tooLarge.includes(entry)));
		if (early.length > 0) {
			return fail(
				'sent_before_reset',
				`${early.length} request(s) were sent before the rate limit had reset: ${early[0]}. Wait for retry-after or x-ratelimit-reset-requests before retrying.`,
			);
		}
		const ok = calls.filter((entry) => entry.status === 200).length;
		if (ok < WANTED || run.exitCode !== 0) {
			return fail(
				'requests_lost',
				`${ok} of ${WANTED} questions were answered${run.exitCode !== 0 ? ` and the program failed (exit code ${run.exitCode})` : ''}. A rate-limited request must be sent again after the wait, not dropped.`,
			);
		}
		return pass(
			`All ${ok} questions were answered, each 429 was waited out, and the too-large request was sent once and reported.`,
		);
	},
};
