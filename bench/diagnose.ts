/**
 * Measures diagnose() on the real reports and on 1 MB pastes.
 * Run: node bench/diagnose.ts   (Node 22 strips the types)
 */
import { readFileSync } from 'node:fs';
import { diagnose } from '../sandbox/diagnose/index.ts';

interface RealCase {
	raw_text: string | null;
	body: unknown;
	expected_diagnosis: string;
}

const fixtureUrl = new URL('../../shared/fixtures/real-errors-dev.json', import.meta.url);
const cases = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as RealCase[];
const correct = cases.filter(
	(real) => diagnose(real.raw_text || JSON.stringify(real.body)).id === real.expected_diagnosis,
).length;
console.log(`fixtures: ${correct}/${cases.length} correct`);

function median(input: string, runs = 15): { first: number; median: number } {
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
};
for (const [name, input] of Object.entries(inputs)) {
	const { first, median: mid } = median(input);
	console.log(
		`${name.padEnd(28)} ${diagnose(input).id.padEnd(20)} first ${first.toFixed(1)} ms, median ${mid.toFixed(1)} ms`,
	);
}
