/**
 * `keylab scenarios verify [id...]`: runs each checked scenario headlessly against a practice API
 * server in this process; the starter must fail with its expected reason and the solution pass.
 * `keylab scenarios list` prints the ids and their lessons.
 */
import { scenarioIds, scenarios } from '../../sandbox/scenarios/index.ts';
import type { ScenarioVerdict } from '../../sandbox/scenarios/verify.ts';

const USAGE = `Usage: keylab scenarios verify [id...] [--verbose]
       keylab scenarios list

verify  Runs each scenario's starter (must fail its check with the expected reason) and its
        reference solution (must pass) with \`node index.js\` against a practice API server.
        Exit code 0 when all are as expected, 1 otherwise.
list    Prints every scenario id with its lesson.
Options: --verbose prints each run's check reason and output. --concurrency N (default 4).`;

function line(verdict: ScenarioVerdict, verbose: boolean): string {
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
	const { starter, solution } = verdict;
	const head = `${verdict.ok ? 'ok  ' : 'FAIL'} ${verdict.id} (starter ${seconds(starter.outcome.durationMs)}, solution ${seconds(solution.outcome.durationMs)})`;
	const details = [starter, solution].flatMap((v) => {
		const lines: string[] = [];
		if (!v.ok) lines.push(`     ${v.variant}: ${v.problem}`);
		if (verbose || !v.ok) {
			lines.push(`     ${v.variant} check: ${v.outcome.result.reason}`);
			const output = v.outcome.run.output
				.map((chunk) => chunk.text)
				.join('')
				.trim();
			if (output)
				lines.push(
					...output
						.split('\n')
						.slice(0, verbose ? 40 : 8)
						.map((text) => `       | ${text}`),
				);
		}
		return lines;
	});
	return [head, ...details].join('\n');
}

/** Runs the command; resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (!sub || sub === '--help' || sub === '-h') {
		console.log(USAGE);
		return sub ? 0 : 2;
	}
	if (sub === 'list') {
		for (const scenario of scenarios) console.log(`${scenario.id.padEnd(20)} ${scenario.lesson}`);
		return 0;
	}
	if (sub !== 'verify') {
		console.error(`keylab scenarios: unknown subcommand "${sub}".\n\n${USAGE}`);
		return 2;
	}
	let verbose = false;
	let concurrency = 4;
	const ids: string[] = [];
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (arg === '--verbose') verbose = true;
		else if (arg === '--concurrency') concurrency = Number(rest[++i]);
		else ids.push(arg);
	}
	const unknown = ids.filter((id) => !scenarioIds.includes(id));
	if (unknown.length > 0 || !(concurrency >= 1)) {
		console.error(
			unknown.length > 0
				? `keylab scenarios: unknown scenario ${unknown.map((id) => `"${id}"`).join(', ')}. Known: ${scenarioIds.join(', ')}.`
				: 'keylab scenarios: --concurrency needs a number of at least 1.',
		);
		return 2;
	}
	const started = performance.now();
	// Imported here so `keylab scenarios list` does not load the Node runner.
	const { verifyScenarios } = await import('../../sandbox/scenarios/verify.ts');
	const verdicts = await verifyScenarios(ids, {
		concurrency,
		onVerdict: (verdict) => console.log(line(verdict, verbose)),
	});
	const failed = verdicts.filter((verdict) => !verdict.ok);
	const total = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		failed.length === 0
			? `\n${verdicts.length} scenario(s) verified in ${total}s: every starter fails as expected and every solution passes.`
			: `\n${failed.length} of ${verdicts.length} scenario(s) failed verification (${total}s): ${failed.map((v) => v.id).join(', ')}.`,
	);
	return failed.length === 0 ? 0 : 1;
}
