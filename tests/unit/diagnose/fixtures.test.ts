import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../sandbox/diagnose/index.ts';
import { diagnosisIds, type DiagnosisId } from '../../../sandbox/diagnose/index.ts';
import { lessonSlugs } from '../../../sandbox/course.ts';

interface RealCase {
	id: string;
	http_status: number | null;
	body: unknown;
	raw_text: string | null;
	headers: Record<string, string> | null;
	expected_diagnosis: DiagnosisId;
}

// Real reports gathered from public issue trackers; see tests/fixtures/diagnose/README.md.
const fixtureUrl = new URL('../../fixtures/diagnose/real-errors-dev.json', import.meta.url);
const cases = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as RealCase[];

describe('real reports (real-errors-dev.json)', () => {
	it('has cases', () => expect(cases.length).toBeGreaterThan(30));

	for (const real of cases) {
		if (real.raw_text) {
			it(`${real.id} (pasted text)`, () => {
				expect(diagnose(real.raw_text as string).id).toBe(real.expected_diagnosis);
			});
		}
		if (real.body !== null || real.http_status !== null) {
			it(`${real.id} (structured)`, () => {
				const result = diagnose({
					status: real.http_status ?? undefined,
					headers: real.headers,
					body: real.body ?? real.raw_text,
				});
				expect(result.id).toBe(real.expected_diagnosis);
			});
		}
	}

	it('every diagnosis is well-formed', () => {
		for (const real of cases) {
			const result = diagnose(real.raw_text || JSON.stringify(real.body));
			expect(diagnosisIds).toContain(result.id);
			expect(lessonSlugs).toContain(result.lesson);
			expect(result.fixes.length).toBeGreaterThan(0);
			expect(result.title).not.toBe('');
			expect(result.confidence).toBeGreaterThan(0);
			expect(result.confidence).toBeLessThanOrEqual(1);
		}
	});
});
