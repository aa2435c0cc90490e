import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisId } from '../../../sandbox/diagnose/index.ts';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../sandbox/practice-api/index.ts';

// The real SDK against the practice API: the error objects and printouts users actually get.
async function sdkError(behavior: string, model = 'gpt-4o-mini'): Promise<unknown> {
	const api = createPracticeApi({ seed: 'sdk-errors' });
	const client = new OpenAI({
		apiKey: scenarioKey(behavior),
		baseURL: PRACTICE_BASE_URL,
		maxRetries: 0,
		fetch: (url, init) => api.fetch(new Request(url, init)),
	});
	try {
		await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
	} catch (error) {
		return error;
	}
	throw new Error('expected the call to fail');
}

const cases: [string, DiagnosisId, string?][] = [
	['revoked', 'invalid_key'],
	['deactivated_account', 'revoked_key'],
	['missing_scopes', 'missing_scopes'],
	['region_blocked', 'unsupported_region'],
	['quota_exhausted', 'insufficient_quota'],
	['billing_not_active', 'billing_not_active'],
	['model_allowlist', 'model_not_found', 'gpt-4.1'],
	['valid', 'model_not_found', 'gpt-4o-mni'],
	['server_error', 'server_error'],
	['overloaded', 'overloaded'],
];

describe('errors thrown by the real openai SDK', () => {
	for (const [behavior, id, model] of cases) {
		it(`${behavior} → ${id}, as the error object and as printed`, async () => {
			const error = await sdkError(behavior, model);
			expect(diagnose({ error }).id).toBe(id);
			expect(diagnose(String(error)).id).toBe(id);
		});
	}

	it('a connection failure', async () => {
		const client = new OpenAI({
			apiKey: scenarioKey('valid'),
			baseURL: PRACTICE_BASE_URL,
			maxRetries: 0,
			fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })),
		});
		const error = await client.models.list().catch((e: unknown) => e);
		expect(diagnose({ error }).id).toBe('network_error');
		expect(diagnose(String(error)).id).toBe('network_error');
	});
});
