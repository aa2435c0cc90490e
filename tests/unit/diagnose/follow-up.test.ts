import { describe, expect, it } from 'vitest';
import { run } from '../../../cli/commands/diagnose.ts';
import {
	answerFollowUp,
	catalog,
	diagnose,
	diagnosisIds,
	type Diagnosis,
} from '../../../sandbox/diagnose/index.ts';
import { fakeIo } from '../cli/fake-io.ts';

const ids = (text: string) => diagnose(text).followUp?.choices.map((choice) => choice.id);

describe('the follow-up question: asked only when the text leaves causes open', () => {
	it('a bare 429 asks between a rate limit, no credit and no billing, the likeliest first', () => {
		expect(ids('openai.RateLimitError: Error code: 429')).toEqual([
			'rate_limit',
			'insufficient_quota',
			'billing_not_active',
		]);
	});

	it('a bare 401 asks about the key and where it was sent, at most four choices', () => {
		const choices = ids('AuthenticationError: 401 status code (no body)');
		expect(choices?.[0]).toBe('invalid_key');
		expect(choices).toEqual(expect.arrayContaining(['missing_key', 'wrong_base_url']));
		expect(choices?.length).toBeLessThanOrEqual(4);
	});

	it('an error that names its cause asks nothing', () => {
		const limit = diagnose(
			`openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 2s.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}`,
		);
		expect(limit.id).toBe('rate_limit');
		expect(limit.followUp).toBeUndefined();
		const missing = diagnose(
			"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
		);
		expect(missing.id).toBe('missing_key');
		expect(missing.followUp).toBeUndefined();
	});

	it('text with nothing known asks whether anything answered, and about credit and the key', () => {
		const unknown = diagnose('Something went wrong. Please try again.');
		expect(unknown.id).toBe('other');
		expect(unknown.followUp?.choices.map((choice) => choice.id)).toEqual([
			'network_error',
			'insufficient_quota',
			'wrong_base_url',
			'missing_key',
		]);
	});

	it('a browser\'s "Failed to fetch" asks whether it was the network or CORS', () => {
		// The Fetch standard rejects both with the same TypeError; only the console tells them apart.
		for (const text of [
			'TypeError: Failed to fetch',
			'TypeError: NetworkError when attempting to fetch resource.',
		]) {
			const got = diagnose(text);
			expect(got.id, text).toBe('network_error');
			expect(got.followUp?.choices.map((choice) => choice.id).slice(0, 2), text).toEqual([
				'network_error',
				'cors_blocked',
			]);
		}
		expect(
			diagnose('APIConnectionError: Connection error.').followUp?.choices ?? [],
		).not.toContainEqual(expect.objectContaining({ id: 'cors_blocked' }));
	});

	it('a placeholder key still asks: unseen reports often found an ignored base URL behind it', () => {
		const placeholder = diagnose(
			'openai.AuthenticationError: Error code: 401 - Incorrect API key provided: YOUR_OPE*******_KEY. You can find your API key at https://platform.openai.com/account/api-keys.',
		);
		expect(placeholder.id).toBe('malformed_key');
		expect(placeholder.confidence).toBeLessThan(0.8);
		expect(placeholder.followUp?.choices.map((choice) => choice.id)).toEqual(
			expect.arrayContaining(['malformed_key', 'invalid_key', 'wrong_base_url']),
		);
		// What the echo shows for certain (quotes around the key) is not asked about.
		const quoted = diagnose(
			'Incorrect API key provided: "sk-RoCv*****************************************ABM". You can find your API key at https://platform.openai.com/account/api-keys.',
		);
		expect(quoted.id).toBe('malformed_key');
		expect(quoted.followUp).toBeUndefined();
	});

	it('an empty paste asks nothing', () => {
		expect(diagnose('   ').followUp).toBeUndefined();
	});

	it('every cause has a fact a person can check, and no choice is "other"', () => {
		for (const id of diagnosisIds) expect(catalog[id].sign.length).toBeGreaterThan(10);
		for (const text of ['Error code: 500', 'HTTP 403', 'Error: 404 Not Found', '']) {
			expect(ids(text) ?? []).not.toContain('other');
		}
	});
});

describe('answering the question', () => {
	const bare429 = diagnose('openai.RateLimitError: Error code: 429');

	it('choosing another cause makes it the diagnosis, the answer first in the evidence', () => {
		const answered = answerFollowUp(bare429, 'insufficient_quota');
		expect(answered.id).toBe('insufficient_quota');
		expect(answered.title).toBe(catalog.insufficient_quota.title);
		expect(answered.retryable).toBe(false);
		expect(answered.evidence[0]).toBe(`You said: ${catalog.insufficient_quota.sign}`);
		expect(answered.evidence).toContain('HTTP status 429');
		expect(answered.alternatives?.map((alternative) => alternative.id)).toEqual(['rate_limit']);
		expect(answered.answered).toBe('insufficient_quota');
		// The question stays, so the answer can be changed.
		expect(answered.followUp).toEqual(bare429.followUp);
	});

	it('confirming the first cause keeps it and adds the answer as evidence', () => {
		const answered = answerFollowUp(bare429, 'rate_limit');
		expect(answered.id).toBe('rate_limit');
		expect(answered.evidence.at(-1)).toBe(`You said: ${catalog.rate_limit.sign}`);
	});

	it('a choice that was not offered changes nothing', () => {
		expect(answerFollowUp(bare429, 'cors_blocked')).toBe(bare429);
	});

	it('another provider stays named after the answer', () => {
		const openrouter = diagnose('OpenrouterException - Error code: 401 - Unauthorized');
		expect(openrouter.provider?.kind).toBe('openrouter');
		const choice = openrouter.followUp?.choices.find((option) => option.id !== openrouter.id);
		expect(choice).toBeDefined();
		if (!choice) return;
		expect(answerFollowUp(openrouter, choice.id).provider?.kind).toBe('openrouter');
	});

	it('an answer never brings a pasted key back into the text', () => {
		const key = `sk-proj-${'Ab3dE'.repeat(30)}`;
		const pasted = diagnose(`Error code: 401 - Authorization: Bearer ${key}`);
		for (const choice of pasted.followUp?.choices ?? []) {
			expect(JSON.stringify(answerFollowUp(pasted, choice.id))).not.toContain(key.slice(8, 40));
		}
	});
});

describe('keylab diagnose asks the question', () => {
	const bare429 = 'RateLimitError: 429 status code (no body)';

	it('numbers each fact with the cause it means, and --json carries it', async () => {
		const text = fakeIo({ input: bare429 });
		await run([], text.io);
		expect(text.stdout()).toContain('Not sure it fits? Which of these is true?');
		expect(text.stdout()).toMatch(
			/ {2}2\. The account has no credit left.*\n {5}Then: Out of credits or over the spend limit \[insufficient_quota\]\./,
		);
		const json = fakeIo({ input: bare429 });
		await run(['--json'], json.io);
		const printed = JSON.parse(json.stdout()) as Diagnosis;
		expect(printed.followUp?.choices[1].id).toBe('insufficient_quota');
	});

	it('at a terminal, the number of a choice explains that cause and sets the exit code', async () => {
		const prompts: string[] = [];
		const answer = (reply: string | undefined) => (prompt: string) => {
			prompts.push(prompt);
			return Promise.resolve(reply);
		};
		const chosen = fakeIo({ input: bare429, ask: answer('2') });
		expect(await run([], chosen.io)).toBe(1);
		expect(prompts[0]).toMatch(/Which is true\? 1–3, or Enter to keep this answer/);
		const second = chosen.stdout().split('Which of these is true?')[1];
		expect(second).toMatch(/^[^]*\nOut of credits or over the spend limit {2}\[insufficient_quota/);
		expect(second).toContain('You said: The account has no credit left');
		// The question is not asked twice.
		expect(chosen.stdout().match(/Which of these is true\?/g)).toHaveLength(1);

		const kept = fakeIo({ input: bare429, ask: answer('') });
		await run([], kept.io);
		expect(kept.stdout()).not.toContain('You said');

		const wrong = fakeIo({ input: bare429, ask: answer('7') });
		await run([], wrong.io);
		expect(wrong.stdout()).toContain('"7" is not one of the choices; the answer above stands.');

		const gone = fakeIo({ input: bare429, ask: answer(undefined) });
		expect(await run([], gone.io)).toBe(1);
		expect(gone.stdout()).not.toContain('You said');
	});

	it('never waits with --json, --no-ask, or an error that asks nothing', async () => {
		let asked = 0;
		const ask = () => {
			asked++;
			return Promise.resolve('2');
		};
		await run(['--json'], fakeIo({ input: bare429, ask }).io);
		await run(['--no-ask'], fakeIo({ input: bare429, ask }).io);
		await run(
			[],
			fakeIo({
				input:
					"Error code: 401 - {'error': {'message': \"You didn't provide an API key.\", 'type': 'invalid_request_error', 'code': None}}",
				ask,
			}).io,
		);
		expect(asked).toBe(0);
	});
});

describe('an error read as if it were an answer', () => {
	it('says the cause is in the body the program never printed, and still asks', () => {
		for (const text of [
			"Traceback (most recent call last):\n  File \"app.py\", line 9, in <module>\n    print(response['choices'][0]['message']['content'])\nKeyError: 'choices'",
			"TypeError: Cannot read properties of undefined (reading 'choices')",
			'keyNotFound(CodingKeys(stringValue: "id", intValue: nil), Swift.DecodingError.Context(codingPath: [], debugDescription: "No value associated with key"))',
		]) {
			const misread = diagnose(text);
			expect(misread.id).toBe('other');
			expect(misread.title).toBe('The program read an error as if it were an answer');
			expect(misread.explanation).toContain('the cause is in that body');
			expect(misread.followUp?.choices.length).toBeGreaterThan(1);
		}
	});
});
