/**
 * `keylab scenarios verify` as part of the unit suite: each scenario's starter runs with
 * `node index.js` against a practice API server and must fail its check with the expected
 * failure; the reference solution must pass.
 */
import { expect, it } from 'vitest';
import { verifyScenarios } from '../../../sandbox/scenarios/verify.ts';
import { scenarioIds } from '../../../sandbox/scenarios/index.ts';

it('every starter fails with its expected reason and every solution passes', async () => {
	const verdicts = await verifyScenarios([], { concurrency: 4 });
	expect(verdicts.map((verdict) => verdict.id)).toEqual(scenarioIds);
	const problems = verdicts.flatMap((verdict) =>
		[verdict.starter, verdict.solution]
			.filter((variant) => !variant.ok)
			.map((variant) => `${verdict.id} ${variant.variant}: ${variant.problem}`),
	);
	expect(problems).toEqual([]);
}, 180_000);
