/** Shared test helpers: a practice API with a driveable clock and SDK clients bound to it. */
import OpenAI from 'openai';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../sandbox/practice-api/index.ts';

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 10, 1)) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now += ms;
		},
	};
}

/** A fresh API with a manual clock, and a factory of SDK clients that call it in-process. */
export function setup(seed?: string) {
	const clock = manualClock();
	const api = createPracticeApi({ clock, seed });
	const client = (apiKey: string, options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
		new OpenAI({
			apiKey,
			baseURL: PRACTICE_BASE_URL,
			fetch: (url, init) => api.fetch(new Request(url, init)),
			maxRetries: 0,
			...options,
		});
	const scenario = (behavior: string, options: Parameters<typeof client>[1] = {}) =>
		client(scenarioKey(behavior), options);
	return { api, clock, client, scenario };
}

/** Runs `fn` and returns what it threw (fails the test if nothing was thrown). */
export async function caught(
	fn: () => Promise<unknown>,
): Promise<InstanceType<typeof OpenAI.APIError>> {
	try {
		await fn();
	} catch (error) {
		if (error instanceof OpenAI.APIError) return error;
		throw error;
	}
	throw new Error('expected the call to fail');
}

/** A raw request to the in-process API. */
export function raw(
	api: ReturnType<typeof createPracticeApi>,
	path: string,
	init: RequestInit = {},
) {
	return api.fetch(new Request('http://localhost:4010' + path, init));
}

export const chatBody = {
	model: 'gpt-4o-mini',
	messages: [{ role: 'user' as const, content: 'Hello' }],
};
