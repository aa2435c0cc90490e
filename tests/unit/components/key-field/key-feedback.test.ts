import { describe, expect, it } from 'vitest';
import { feedbackFor } from '../../../../src/components/key-field/key-feedback.ts';
import { scenarioKey } from '../../../../sandbox/practice-api/index.ts';

const real = `sk-proj-${'a'.repeat(74)}${'T3Blbk'}${'FJ'}${'b'.repeat(74)}`;

describe('feedbackFor', () => {
	it('says nothing for an empty field', () => {
		expect(feedbackFor('')).toBeUndefined();
		expect(feedbackFor('   ')).toBeUndefined();
	});

	it('accepts a well-formed project key without quoting it', () => {
		const feedback = feedbackFor(real);
		expect(feedback?.level).toBe('ok');
		expect(feedback?.text).toContain('project key');
		expect(feedback?.text).not.toContain(real);
	});

	it('flags a practice key as practice-only', () => {
		expect(feedbackFor(scenarioKey('valid'))?.level).toBe('warning');
		expect(feedbackFor(scenarioKey('valid'))?.text).toContain('practice key');
	});

	it('reports problems as errors', () => {
		expect(feedbackFor(`Bearer ${real}`)?.level).toBe('error');
		expect(feedbackFor('hello')?.level).toBe('error');
		expect(feedbackFor(real.slice(0, 30))?.level).toBe('error');
	});
});
