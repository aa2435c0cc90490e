/**
 * `keylab scenarios verify`: every scenario's starter must fail its check with the expected
 * failure, and its reference solution must pass. Node only (it spawns `node`).
 */
import { getScenario, scenarios } from './index.ts';
import { runScenarioInNode, type NodeRun, type Variant } from './node-runner.ts';
import type { Scenario } from './types.ts';

/** The verdict on one variant of one scenario. */
export interface VariantVerdict {
	variant: Variant;
	ok: boolean;
	/** What went wrong, for a person; empty when ok. */
	problem: string;
	outcome: NodeRun;
}

/** The verdict on one scenario. */
export interface ScenarioVerdict {
	id: string;
	ok: boolean;
	starter: VariantVerdict;
	solution: VariantVerdict;
}

function judge(scenario: Scenario, variant: Variant, outcome: NodeRun): VariantVerdict {
	const { result } = outcome;
	let problem = '';
	if (variant === 'solution' && !result.pass) {
		problem = `the solution fails its check (${result.failure}): ${result.reason}`;
	} else if (variant === 'starter' && result.pass) {
		problem = `the starter passes its check: ${result.reason}`;
	} else if (variant === 'starter' && !result.pass && result.failure !== scenario.starterFailure) {
		problem = `the starter fails with "${result.failure}", expected "${scenario.starterFailure}": ${result.reason}`;
	}
	return { variant, ok: problem === '', problem, outcome };
}

/** Runs `tasks` with at most `limit` in flight, keeping their order in the result. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
	const results: T[] = new Array<T>(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
	return results;
}

/** Verifies the scenarios with `ids` (all when empty); `onVerdict` hears each as it completes. */
export async function verifyScenarios(
	ids: readonly string[] = [],
	options: { concurrency?: number; onVerdict?: (verdict: ScenarioVerdict) => void } = {},
): Promise<ScenarioVerdict[]> {
	const chosen = ids.length > 0 ? ids.map(getScenario) : [...scenarios];
	// Slow ones (long timeouts) first, so they overlap with the quick ones.
	const order = [...chosen].sort((a, b) => (b.timeoutMs ?? 0) - (a.timeoutMs ?? 0));
	const done = new Map<string, Partial<Record<Variant, VariantVerdict>>>();
	const verdicts = new Map<string, ScenarioVerdict>();
	const tasks = order.flatMap((scenario) =>
		(['starter', 'solution'] as const).map((variant) => async () => {
			const verdict = judge(scenario, variant, await runScenarioInNode(scenario, variant));
			const pair = done.get(scenario.id) ?? {};
			pair[variant] = verdict;
			done.set(scenario.id, pair);
			if (pair.starter && pair.solution) {
				const full = {
					id: scenario.id,
					ok: pair.starter.ok && pair.solution.ok,
					starter: pair.starter,
					solution: pair.solution,
				};
				verdicts.set(scenario.id, full);
				options.onVerdict?.(full);
			}
		}),
	);
	await pool(tasks, options.concurrency ?? 4);
	return chosen.map((scenario) => verdicts.get(scenario.id)!);
}
