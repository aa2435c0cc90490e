/**
 * Measures diagnose() on the real reports (accuracy per diagnosis id and per ecosystem, for the
 * development and the holdout set) and its speed: median time per report and on 1 MB pastes.
 * Run: node bench/diagnose.ts   (Node 22 strips the types)
 */
import { diagnose } from '../sandbox/diagnose/index.ts';
import {
	firstMeasurements,
	loadCases,
	measure,
	pastedText,
	ratio,
	table,
	type Measurement,
} from '../tests/fixtures/diagnose/accuracy.ts';

function report(name: string, measured: Measurement): void {
	console.log(`\n## ${name}: ${ratio(measured)}\n`);
	console.log(
		`With one answered question: ${ratio({ correct: measured.afterAnswer, total: measured.total })} (asked on ${measured.asked} of ${measured.total}; counts a miss as answered when the thread's cause was one of the choices)\n`,
	);
	console.log(table('diagnosis id', measured.byId));
	console.log('');
	console.log(table('ecosystem', measured.byEcosystem));
	// A sealed round's misses stay unlisted: their ids describe the reports, and reading them would
	// unseal the round.
	const sealed = measured.misses.filter(({ real }) => firstMeasurements[real.round ?? 0]?.sealed);
	const listed = measured.misses.filter((miss) => !sealed.includes(miss));
	if (listed.length > 0) {
		console.log('\nMisses (expected → got, with the alternative the engine named):');
		if (sealed.length > 0) console.log(`(${sealed.length} misses in sealed rounds not listed)`);
		for (const { real, got } of listed) {
			const also = got.alternatives?.map((alternative) => alternative.id).join(', ');
			console.log(
				`- ${real.id}: ${real.expected_diagnosis} → ${got.id}${also ? ` (also: ${also})` : ''}`,
			);
		}
	}
}

const dev = loadCases('dev');
const holdout = loadCases('holdout');
report('Development set', measure(dev));
report('Holdout set, now (all rounds)', measure(holdout));
console.log('\n## Holdout, first measurements (the honest estimate for unseen reports)\n');
const pooled = { correct: 0, total: 0 };
const pooledSince = { correct: 0, total: 0 };
const pooledAnswered = { correct: 0, total: 0 };
for (const [round, first] of Object.entries(firstMeasurements)) {
	const now = measure(holdout.filter((real) => real.round === Number(round)));
	pooled.correct += first.correct;
	pooled.total += first.total;
	const again = first.again ? `, ${ratio(first.again)} ${first.again.when}` : '';
	const answered = first.withAnswer
		? ` (${ratio(first.withAnswer)} with one answered question)`
		: '';
	if (first.withAnswer) {
		pooledAnswered.correct += first.withAnswer.correct;
		pooledAnswered.total += first.withAnswer.total;
		pooledSince.correct += first.correct;
		pooledSince.total += first.total;
	}
	console.log(
		`- round ${round}: ${ratio(first)} when first measured${answered}${again}, ${ratio(now)} now`,
	);
}
console.log(`- all rounds, first measurements pooled: ${ratio(pooled)}`);
console.log(
	`- rounds measured since the follow-up question, pooled: ${ratio(pooledSince)} from the text alone, ${ratio(pooledAnswered)} with one answered question`,
);

function timeOf(input: string, runs: number): { first: number; median: number } {
	let start = performance.now();
	diagnose(input);
	const first = performance.now() - start;
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		start = performance.now();
		diagnose(input);
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { first, median: times[Math.floor(runs / 2)] };
}

const perReport = [...dev, ...holdout]
	.map((real) => timeOf(pastedText(real), 5).median)
	.sort((a, b) => a - b);
console.log(
	`\n## Speed\n\nmedian per real report: ${perReport[Math.floor(perReport.length / 2)].toFixed(3)} ms (slowest ${perReport.at(-1)?.toFixed(2)} ms, ${perReport.length} reports)`,
);

const MB = 1024 * 1024;
const line = '2026-11-27T01:00:00Z INFO worker handled request id=123 status=ok Error: none\n';
const log = line.repeat(Math.ceil(MB / line.length)).slice(0, MB);
const quota =
	"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}";
const inputs: Record<string, string> = {
	'log, error in the middle': log.slice(0, MB / 2) + quota + log.slice(MB / 2),
	'log, error at the end': log + quota,
	'log, no error': log,
	'one repeated char': 'x'.repeat(MB),
	'open braces': '{'.repeat(MB),
	'repeated fragments': "Incorrect API key provided: 'error': {".repeat(MB / 38),
	'repeated URLs': 'POST https://api.openai.com/v1/chat/completions '.repeat(MB / 48),
};
for (const [name, input] of Object.entries(inputs)) {
	const { first, median } = timeOf(input, 15);
	console.log(
		`1 MB, ${name.padEnd(26)} ${diagnose(input).id.padEnd(20)} first ${first.toFixed(1)} ms, median ${median.toFixed(1)} ms`,
	);
}
