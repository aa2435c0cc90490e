import { describe, expect, it } from 'vitest';
import { checkKey } from '../../../sandbox/diagnose/check-key.ts';
import type { CheckStep } from '../../../sandbox/diagnose/check-key.ts';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../sandbox/practice-api/index.ts';

// A fresh practice API per test; its handler passed as `fetch`, as the SDK tests do.
const api = () => {
	const practice = createPracticeApi({ seed: 'check-key-test' });
	return { fetch: (request: Request) => practice.fetch(request) };
};

function expectNoKey(result: unknown, key: string) {
	const text = JSON.stringify(result);
	expect(text).not.toContain(key);
	expect(text).not.toContain(key.slice(8, 30));
}

describe('checkKey against the practice API', () => {
	it('passes a valid key and skips the billable step without opt-in', async () => {
		const key = scenarioKey('valid');
		const steps: CheckStep[] = [];
		const result = await checkKey(key, {
			baseURL: PRACTICE_BASE_URL,
			fetch: api().fetch,
			onStep: (step) => steps.push(step),
		});
		expect(result.ok).toBe(true);
		expect(result.steps.map((s) => [s.id, s.status])).toEqual([
			['format', 'pass'],
			['authentication', 'pass'],
			['model_access', 'pass'],
			['quota', 'skipped'],
		]);
		expect(steps).toHaveLength(4);
		const auth = result.steps[1];
		expect(auth.request).toMatchObject({ method: 'GET', url: `${PRACTICE_BASE_URL}/models` });
		expect(auth.request?.headers.authorization).toMatch(/^Bearer sk-proj-.*…/);
		expect(auth.response?.status).toBe(200);
		expect(auth.response?.requestId).toMatch(/^req_/);
		expectNoKey(result, key);
	});

	it('with opt-in, reports quota and rate-limit headers', async () => {
		const key = scenarioKey('valid');
		const result = await checkKey(key, {
			baseURL: PRACTICE_BASE_URL,
			fetch: api().fetch,
			allowBillableRequest: true,
		});
		const quota = result.steps.find((s) => s.id === 'quota');
		expect(quota?.status).toBe('pass');
		expect(quota?.request?.method).toBe('POST');
		expect(Object.keys(quota?.response?.headers ?? {})).toContain('x-ratelimit-limit-requests');
		expect(quota?.summary).toMatch(/requests/);
		expectNoKey(result, key);
	});

	it.each([
		// Like the real API, a revoked key answers "Incorrect API key provided".
		['revoked', 'authentication', 'invalid_key'],
		['deactivated_account', 'authentication', 'revoked_key'],
		['region_blocked', 'authentication', 'unsupported_region'],
		['quota_exhausted', 'quota', 'insufficient_quota'],
		['billing_not_active', 'quota', 'billing_not_active'],
		// Retrieving a model is allowed; calling it is what the project allowlist blocks (403).
		['model_allowlist', 'quota', 'model_not_found'],
		// Listing and retrieving models needs only Read; calling one needs model.request.
		['missing_scopes', 'quota', 'missing_scopes'],
	])('%s fails at %s with %s', async (behavior, stepId, diagnosis) => {
		const key = scenarioKey(behavior);
		const result = await checkKey(key, {
			baseURL: PRACTICE_BASE_URL,
			fetch: api().fetch,
			model: 'gpt-4.1',
			allowBillableRequest: true,
		});
		expect(result.ok).toBe(false);
		const failed = result.steps.find((s) => s.status === 'fail');
		expect(failed?.id).toBe(stepId);
		expect(result.diagnosis?.id).toBe(diagnosis);
		expectNoKey(result, key);
	});

	it('without opt-in, a key that may list but not call models passes and says what was not checked', async () => {
		const result = await checkKey(scenarioKey('missing_scopes'), {
			baseURL: PRACTICE_BASE_URL,
			fetch: api().fetch,
		});
		expect(result.steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'skipped']);
		expect(result.steps.at(-1)?.summary).toContain('whether a restricted key may call the model');
	});

	it('a model that does not exist fails model access', async () => {
		const result = await checkKey(scenarioKey('valid'), {
			baseURL: PRACTICE_BASE_URL,
			fetch: api().fetch,
			model: 'gpt-4o-mni',
		});
		expect(result.diagnosis?.id).toBe('model_not_found');
		expect(result.steps.at(-1)?.id).toBe('model_access');
	});
});

describe('checkKey without sending', () => {
	const never = () => Promise.reject(new Error('must not be called'));
	const real = 'sk-proj-' + 'Ab3dEf6hIj9kLm2nOp5q'.repeat(3) + 'T3Blbk' + 'FJ' + 'x'.repeat(88);

	it('stops at format for a damaged key', async () => {
		const result = await checkKey(`"${real}"\n`, { fetch: never });
		expect(result.steps).toHaveLength(1);
		expect(result.diagnosis?.id).toBe('malformed_key');
		expectNoKey(result, real);
	});

	it('refuses to send a real key to the practice API, and a practice key to OpenAI', async () => {
		const toPractice = await checkKey(real, { baseURL: PRACTICE_BASE_URL, fetch: never });
		expect(toPractice.steps[0].status).toBe('fail');
		const toOpenAI = await checkKey(scenarioKey('valid'), { fetch: never });
		expect(toOpenAI.steps[0].summary).toMatch(/practice key/);
	});

	it('an empty key is missing', async () => {
		expect((await checkKey('', { fetch: never })).diagnosis?.id).toBe('missing_key');
	});

	it('diagnoses a network failure', async () => {
		const fail = () =>
			Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }));
		const result = await checkKey(real, { fetch: fail });
		expect(result.diagnosis?.id).toBe('network_error');
		expectNoKey(result, real);
	});

	it('diagnoses an HTML gateway page', async () => {
		const html = () =>
			Promise.resolve(new Response('<html><title>502 Bad Gateway</title></html>', { status: 502 }));
		expect((await checkKey(real, { fetch: html })).diagnosis?.id).toBe('server_error');
	});

	it('propagates an abort', async () => {
		const controller = new AbortController();
		const hang = (request: Request) =>
			new Promise<Response>((_resolve, reject) =>
				request.signal.addEventListener('abort', () => reject(new Error('aborted'))),
			);
		const pending = checkKey(real, { fetch: hang, signal: controller.signal });
		controller.abort();
		await expect(pending).rejects.toThrow();
	});
});
