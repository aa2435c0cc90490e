import { describe, expect, it } from 'vitest';
import { diagnose, diagnosisIds } from '../../../sandbox/diagnose/index.ts';
import { lessonSlugs } from '../../../sandbox/course.ts';
import {
	firstMeasurements,
	loadCases,
	measure,
	pastedText,
	type RealCase,
} from '../../fixtures/diagnose/accuracy.ts';

// Real reports gathered from public issue trackers; see tests/fixtures/diagnose/README.md.
const dev = loadCases('dev');
const holdout = loadCases('holdout');

// Development cases the text cannot decide: the thread's resolution lies outside the paste. Each
// is asserted to still miss (it.fails), so the list cannot silently hide a regression or outlive
// a fix. Where a second cause fits, the engine names the thread's answer as the alternative.
const knownMisses: Record<string, string> = {
	'azure-wrong-aoai-key-keyvault':
		'Azure\'s "invalid subscription key or wrong API endpoint": wrong_base_url first, invalid_key second',
	'relay-key-to-openai-python':
		'a relay key with an OpenAI-shaped mask: invalid_key first, wrong_base_url second',
	'langchain-old-sdk-ignored-base-url':
		'the ignored base_url is only in the thread: invalid_key first, wrong_base_url second',
	'dotnet-ollama-404-no-body': 'a bare 404: wrong_base_url first, model_not_found second',
	'go-500-was-model-access': 'the 500 hid a model-access problem the thread found later',
	'requests-429-credits-not-applied': 'a bare 429: rate_limit first, insufficient_quota second',
	'app-side-key-pattern-rejects-project-key':
		'the app printed "Invalid OpenAI API key!": the words name invalid_key, the thread found the app’s own check wrong',
	'rust-reqwest-decode-region':
		'the region block page was never printed: an unreadable answer is server_error first, the region among the alternatives',
	'cors-obsidian-wrong-api-address':
		'CORS on a proxy’s path without /v1: cors_blocked first, wrong_base_url second (in rounds 9, 14 and 15 six such reports were CORS, one the URL)',
};

function structured(real: RealCase) {
	return {
		status: real.http_status ?? undefined,
		headers: real.headers,
		body: real.body ?? real.raw_text,
	};
}

describe('real reports: development set', () => {
	it('has the shared cases plus at least 150 gathered for issue 17', () => {
		expect(dev.length).toBeGreaterThanOrEqual(34 + 150);
		expect(new Set(dev.map((real) => real.id)).size).toBe(dev.length);
		for (const real of dev) {
			expect(real.source).toMatch(/^https:\/\//);
			expect(real.ecosystem).not.toBe('');
			expect(real.resolution).not.toBe('');
			expect(diagnosisIds).toContain(real.expected_diagnosis);
		}
	});

	for (const real of dev) {
		const miss = knownMisses[real.id];
		const test = miss ? it.fails : it;
		const note = miss ? ` (known miss: ${miss})` : '';
		if (real.raw_text) {
			test(`${real.id} (pasted text)${note}`, () => {
				expect(diagnose(real.raw_text as string).id).toBe(real.expected_diagnosis);
			});
		}
		if (real.body !== null || real.http_status !== null) {
			test(`${real.id} (structured)${note}`, () => {
				expect(diagnose(structured(real)).id).toBe(real.expected_diagnosis);
			});
		}
	}

	it('names the thread’s cause as the alternative where two causes fit', () => {
		for (const id of [
			'azure-wrong-aoai-key-keyvault',
			'relay-key-to-openai-python',
			'langchain-old-sdk-ignored-base-url',
			'dotnet-ollama-404-no-body',
			'requests-429-credits-not-applied',
			'rust-reqwest-decode-region',
			'cors-obsidian-wrong-api-address',
		]) {
			const real = dev.find((candidate) => candidate.id === id) as RealCase;
			const result = diagnose(pastedText(real));
			expect(result.alternatives?.map((alternative) => alternative.id)).toContain(
				real.expected_diagnosis,
			);
		}
	});
});

describe('real reports: holdout set (collected in rounds, each after the engine was frozen)', () => {
	it('has cases from threads not in the development set', () => {
		expect(holdout.length).toBeGreaterThanOrEqual(90);
		const devSources = new Set(dev.map((real) => real.source));
		for (const real of holdout) expect(devSources.has(real.source)).toBe(false);
	});
	// Each round's floor is its first measurement (see the README): it can only go up.
	for (const [round, first] of Object.entries(firstMeasurements)) {
		const cases = holdout.filter((real) => real.round === Number(round));
		const measured = measure(cases);
		it(`round ${round} stays at or above its first measurement ${first.correct}/${first.total} (now ${measured.correct}/${measured.total})`, () => {
			expect(measured.total).toBe(first.total);
			expect(measured.correct).toBeGreaterThanOrEqual(first.correct);
		});
		const answered = first.withAnswer;
		if (answered) {
			it(`round ${round} with one answered question stays at or above ${answered.correct}/${answered.total} (now ${measured.afterAnswer}/${measured.total})`, () => {
				expect(measured.afterAnswer).toBeGreaterThanOrEqual(answered.correct);
			});
		}
	}
});

describe('every diagnosis of a real report is well-formed', () => {
	for (const real of [...dev, ...holdout]) {
		it(real.id, () => {
			const result = diagnose(pastedText(real));
			expect(diagnosisIds).toContain(result.id);
			expect(lessonSlugs).toContain(result.lesson);
			expect(result.fixes.length).toBeGreaterThan(0);
			expect(result.title).not.toBe('');
			expect(result.confidence).toBeGreaterThan(0);
			expect(result.confidence).toBeLessThanOrEqual(1);
			// Every diagnosis quotes what it saw, "other" included.
			expect(result.evidence.length).toBeGreaterThan(0);
			for (const alternative of result.alternatives ?? []) {
				expect(diagnosisIds).toContain(alternative.id);
				expect(alternative.id).not.toBe(result.id);
				expect(alternative.why).not.toBe('');
			}
			// A question offers two to four different causes, the diagnosis first unless it is
			// "other", and never "other" itself.
			const choices = result.followUp?.choices.map((choice) => choice.id) ?? [];
			if (result.followUp) {
				expect(choices.length).toBeGreaterThanOrEqual(2);
				expect(choices.length).toBeLessThanOrEqual(4);
				expect(new Set(choices).size).toBe(choices.length);
				expect(choices).not.toContain('other');
				if (result.id !== 'other') expect(choices[0]).toBe(result.id);
			}
		});
	}
});
