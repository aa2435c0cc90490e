/**
 * Benchmark of the practice API: requests per second and p50/p99 latency, in-process and over
 * loopback HTTP. Bounded loops only. Usage: `npm run bench:practice-api [-- --quick]`.
 */
import { Agent, request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
	createKey,
	createPracticeApi,
	FIXED_IDS,
	scenarioKey,
	setKeyLimits,
} from '../sandbox/practice-api/index.ts';
import { createServiceAccount } from '../sandbox/practice-api/organization.ts';
import { startPracticeServer } from '../sandbox/practice-api/node-server.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 2000 : 20000;
const HTTP_N = quick ? 1000 : 5000;
const CONCURRENCY = 16;

type Result = {
	name: string;
	requests: number;
	rps: number;
	cpuRps: number;
	p50: number;
	p99: number;
};

/** CPU time of this process, ms: on a shared machine, requests per CPU-second is the stable figure. */
function cpuMs(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

function summarise(name: string, latencies: number[], wallMs: number, cpu: number): Result {
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return {
		name,
		requests: sorted.length,
		rps: (sorted.length / wallMs) * 1000,
		cpuRps: (sorted.length / cpu) * 1000,
		p50: at(0.5),
		p99: at(0.99),
	};
}

const api = createPracticeApi();
const { key, value } = createKey(api.state, { name: 'bench' });
// The benchmark measures the handler, not the rate limiter's refusals.
setKeyLimits(api.state, key.id, { rpm: 1e12, tpm: 1e15 });
api.state.requestLogLimit = 1000;
const auth = { authorization: `Bearer ${value}`, 'content-type': 'application/json' };
const chat = JSON.stringify({
	model: 'gpt-4o-mini',
	messages: [{ role: 'user', content: 'Hello there' }],
});

const cases: Array<{ name: string; make: () => Request }> = [
	{
		name: 'POST /v1/chat/completions',
		make: () =>
			new Request('http://localhost:4010/v1/chat/completions', {
				method: 'POST',
				headers: auth,
				body: chat,
			}),
	},
	{
		name: 'GET /v1/models',
		make: () => new Request('http://localhost:4010/v1/models', { headers: auth }),
	},
	{
		name: '401 unknown key',
		make: () =>
			new Request('http://localhost:4010/v1/models', {
				headers: { authorization: 'Bearer sk-nope' },
			}),
	},
];

// The Administration API: a page of a 100-key project, and issuing a service account's key.
const project = FIXED_IDS.project.default;
for (let i = 0; i < 98; i++) createKey(api.state, { name: `audit ${i}` });
const account = createServiceAccount(api.state, api.state.projects[project], { name: 'bench' });
const admin = { authorization: `Bearer ${scenarioKey('admin_key')}` };
const adminCases: Array<{ name: string; make: () => Request }> = [
	{
		name: 'admin GET …/projects/{id}/api_keys (100 keys, page of 20)',
		make: () =>
			new Request(`http://localhost:4010/v1/organization/projects/${project}/api_keys`, {
				headers: admin,
			}),
	},
	{
		name: 'admin POST …/service_accounts/{id}/api_keys (create)',
		make: () =>
			new Request(
				`http://localhost:4010/v1/organization/projects/${project}/service_accounts/${account.id}/api_keys`,
				{ method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: '{}' },
			),
	},
];
// Creating keys grows the key table; the list is measured first, on its 100 keys.
cases.push(...adminCases);

async function inProcess(name: string, make: () => Request): Promise<Result> {
	for (let i = 0; i < 500; i++) await (await api.fetch(make())).text(); // warm-up
	const latencies: number[] = [];
	const start = performance.now();
	const cpu = cpuMs();
	for (let i = 0; i < N; i++) {
		const t = performance.now();
		await (await api.fetch(make())).text();
		latencies.push(performance.now() - t);
	}
	return summarise(`in-process ${name}`, latencies, performance.now() - start, cpuMs() - cpu);
}

async function overHttp(): Promise<Result> {
	const server = await startPracticeServer({ port: 0, host: '127.0.0.1', api });
	const url = new URL(server.url + '/chat/completions');
	const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	const one = () =>
		new Promise<number>((resolve, reject) => {
			const t = performance.now();
			const req = httpRequest(url, { method: 'POST', headers: auth, agent }, (res) => {
				res.resume();
				res.on('end', () => resolve(performance.now() - t));
			});
			req.on('error', reject);
			req.end(chat);
		});
	for (let i = 0; i < 200; i++) await one();
	const latencies: number[] = [];
	let next = 0;
	const start = performance.now();
	// Client and server share this process, so the CPU figure covers both ends.
	const cpu = cpuMs();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < HTTP_N) {
				next++;
				latencies.push(await one());
			}
		}),
	);
	const wall = performance.now() - start;
	const cpuUsed = cpuMs() - cpu;
	agent.destroy();
	await server.close();
	return summarise(
		`node server POST /v1/chat/completions (concurrency ${CONCURRENCY})`,
		latencies,
		wall,
		cpuUsed,
	);
}

const results: Result[] = [];
for (const c of cases) results.push(await inProcess(c.name, c.make));
results.push(await overHttp());
console.log(
	`practice API benchmark (node ${process.version}, load average ${loadavg()[0].toFixed(1)})`,
);
for (const r of results) {
	console.log(
		`${r.name.padEnd(72)} ${r.requests} req  ${r.rps.toFixed(0).padStart(6)} req/s (${r.cpuRps.toFixed(0)}/CPU-s)  p50 ${r.p50.toFixed(3)} ms  p99 ${r.p99.toFixed(3)} ms`,
	);
}
console.log(`crashes: ${api.state.crashes}`);
