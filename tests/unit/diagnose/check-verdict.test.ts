/**
 * The live key check answers the follow-up question: real checks against the practice API, real
 * questions from the engine.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../../cli/commands/diagnose.ts';
import { checkKey } from '../../../sandbox/diagnose/check-key.ts';
import { checkVerdict } from '../../../sandbox/diagnose/check-verdict.ts';
import { answerFollowUp, diagnose } from '../../../sandbox/diagnose/index.ts';
import type { FollowUp } from '../../../sandbox/diagnose/index.ts';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../sandbox/practice-api/index.ts';
import { fakeIo } from '../cli/fake-io.ts';

async function check(behavior: string, allowBillableRequest = false) {
	const practice = createPracticeApi({ seed: 'check-verdict-test' });
	return checkKey(scenarioKey(behavior), {
		baseURL: PRACTICE_BASE_URL,
		fetch: (request) => practice.fetch(request),
		allowBillableRequest,
	});
}

function question(text: string): FollowUp {
	const followUp = diagnose(text).followUp;
	if (!followUp) throw new Error(`no question for ${text}`);
	return followUp;
}

const bare429 = 'RateLimitError: 429 status code (no body)';
const bare401 = 'AuthenticationError: 401 status code (no body)';

describe('the key check answers the question', () => {
	it('a failing step answers with its cause when that cause is a choice', async () => {
		const verdict = checkVerdict(question(bare429), await check('quota_exhausted', true));
		expect(verdict.choice).toBe('insufficient_quota');
		expect(verdict.finding).toBe(
			'The key check: one tiny billable request failed with "Out of credits or over the spend limit".',
		);

		// A revoked key gets the same 401 invalid_api_key as a mistyped one: the check says "not a
		// key OpenAI accepts", which is the choice a bare 401 offers.
		const revoked = checkVerdict(question(bare401), await check('revoked'));
		expect(revoked.choice).toBe('invalid_key');
		expect(revoked.ruledOut).toEqual(['malformed_key']);

		// A cause the question did not offer is not forced on it.
		const region = checkVerdict(question(bare429), await check('region_blocked'));
		expect(region.choice).toBeUndefined();
	});

	it('passing steps rule out what they prove for the checked key, and leave the rest open', async () => {
		const verdict = checkVerdict(question(bare401), await check('valid'));
		expect(verdict.ruledOut.sort()).toEqual(['invalid_key', 'malformed_key']);
		// Missing key and wrong base URL are about what the app sent, which the check cannot see.
		expect(verdict.choice).toBeUndefined();
	});

	it('when it rules out every choice but one, that one answers', async () => {
		const verdict = checkVerdict(question(bare429), await check('valid', true));
		expect(verdict.ruledOut.sort()).toEqual(['billing_not_active', 'insufficient_quota']);
		expect(verdict.choice).toBe('rate_limit');
		expect(verdict.finding).toMatch(
			/^The key check: the key you checked passed the format check, authentication, model access, one tiny billable request, which rules out the other causes\.$/,
		);
	});

	it('without the opt-in request, quota is not ruled out', async () => {
		const verdict = checkVerdict(question(bare429), await check('valid'));
		expect(verdict).toEqual({ ruledOut: [] });
	});

	it("the check's finding stands where the person's answer would", async () => {
		const diagnosis = diagnose(bare429);
		const verdict = checkVerdict(question(bare429), await check('quota_exhausted', true));
		const answered = answerFollowUp(diagnosis, verdict.choice!, verdict.finding);
		expect(answered.id).toBe('insufficient_quota');
		expect(answered.answered).toBe('insufficient_quota');
		expect(answered.evidence[0]).toBe(verdict.finding);
		expect(answered.evidence.join(' ')).not.toContain('You said');
		expect(answered.alternatives?.[0]?.id).toBe('rate_limit');
	});
});

describe('keylab diagnose --check', () => {
	const practiceIo = (behavior: string, ask?: () => Promise<string | undefined>) => {
		const practice = createPracticeApi({ seed: 'diagnose-check-cli' });
		const sent: string[] = [];
		const key = scenarioKey(behavior);
		const io = fakeIo({
			input: bare429,
			env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: PRACTICE_BASE_URL },
			fetch: (request) => {
				sent.push(request.url);
				return practice.fetch(request);
			},
			...(ask ? { ask } : {}),
		});
		return { ...io, sent, key };
	};

	it('answers the question from the check and asks nothing more', async () => {
		let asked = 0;
		const cli = practiceIo('quota_exhausted', () => {
			asked++;
			return Promise.resolve('1');
		});
		expect(await run(['--check', '--billable'], cli.io)).toBe(1);
		const out = cli.stdout();
		expect(out).toContain('Key check of OPENAI_API_KEY, sent to localhost:4010 only:');
		expect(out).toMatch(/ {2}FAIL {2}Quota, rate limits/);
		expect(out).toContain('It answers the question:');
		expect(out.split('It answers the question:')[1]).toMatch(
			/Out of credits or over the spend limit {2}\[insufficient_quota/,
		);
		expect(out).toContain('The key check: one tiny billable request failed');
		expect(asked).toBe(0);
		expect(cli.sent.every((url) => url.startsWith(PRACTICE_BASE_URL))).toBe(true);
		expect(out + cli.stderr()).not.toContain(cli.key.slice(8, 40));
	});

	it('says what it rules out and still asks when it cannot decide', async () => {
		let asked = 0;
		const cli = practiceIo('valid', () => {
			asked++;
			return Promise.resolve('');
		});
		await run(['--check'], cli.io);
		// Without --billable nothing about credit is known: the question stands as it was.
		expect(cli.stdout()).toContain('  skip  Quota, rate limits');
		expect(cli.stdout()).not.toContain('It rules out');
		expect(asked).toBe(1);
	});

	it('with --json, stdout stays one JSON object and the report goes to stderr', async () => {
		const cli = practiceIo('valid');
		await run(['--json', '--check', '--billable'], cli.io);
		const printed = JSON.parse(cli.stdout()) as { id: string; answered?: string };
		expect(printed).toMatchObject({ id: 'rate_limit', answered: 'rate_limit' });
		expect(cli.stderr()).toContain(
			'It rules out, for this key: out of credits or over the spend limit; billing is not active on this account.',
		);
	});

	it('needs a key and a safe base URL, and --billable only goes with --check', async () => {
		const none = fakeIo({ input: bare429, env: {}, cwd: '/nonexistent-keylab-dir' });
		expect(await run(['--check', '--no-ask'], none.io)).toBe(1);
		expect(none.stdout()).toContain(
			'Key check skipped: OPENAI_API_KEY is not set in the environment or in ./.env.',
		);

		let fetched = 0;
		const plain = fakeIo({
			input: bare429,
			env: { OPENAI_API_KEY: scenarioKey('valid'), OPENAI_BASE_URL: 'http://proxy.example/v1' },
			fetch: () => {
				fetched++;
				return Promise.reject(new Error('must not be called'));
			},
		});
		await run(['--check', '--no-ask'], plain.io);
		expect(plain.stdout()).toContain(
			'Key check skipped: OPENAI_BASE_URL: refusing to send the key over plain http to proxy.example',
		);
		expect(fetched).toBe(0);

		const alone = fakeIo({ input: bare429 });
		expect(await run(['--billable'], alone.io)).toBe(2);
		expect(alone.stderr()).toContain('--billable goes with --check');
	});
});
