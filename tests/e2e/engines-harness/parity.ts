/**
 * Runs a lesson sample or a scenario variant on any SandboxEngine and reduces what happened to
 * what must match between engines: output lines (stack frames and random ids aside), the exit
 * line, and the scenario's verdict. Runs in the harness page (worker) and in Node (the fake
 * WebContainer), so it touches neither the DOM nor Node built-ins.
 */
import type { OutputChunk, SandboxEngine } from '../../../sandbox/engines/types.ts';
import { listKeys } from '../../../sandbox/practice-api/admin.ts';
import {
	PRACTICE_BASE_URL,
	scenarioKey,
	type PracticeApi,
} from '../../../sandbox/practice-api/index.ts';
import { createAdmin } from '../../../sandbox/scenarios/admin.ts';
import { getScenario } from '../../../sandbox/scenarios/index.ts';
import { getTemplate } from '../../../sandbox/templates/index.ts';

/** What must be the same on both engines. */
export interface ParityReport {
	lines: string[];
	exit: string;
	verdict?: { pass: boolean; failure?: string };
}

/**
 * Output as comparable lines. Left out: stack frames (paths differ by engine), blank lines, and
 * the frame real Node puts around a fatal error (the throwing source line with a caret above the
 * error, `Node.js v22…` below it), which the worker does not print; the error itself must match.
 */
export function comparable(
	output: readonly OutputChunk[],
	options: { headers?: boolean } = {},
): string[] {
	const text = (stream: OutputChunk['stream']) =>
		output
			.filter((chunk) => chunk.stream === stream)
			.map((chunk) => chunk.text)
			.join('');
	const withoutFatalFrame = (lines: string[]) =>
		lines.filter((line, index) => {
			if (/^Node\.js v\d+/.test(line) || /^file:\/\/\S+:\d+$/.test(line)) return false;
			// The two lines after `file://…:N`: the source line and the caret under it.
			return !lines.slice(Math.max(0, index - 2), index).some((l) => /^file:\/\/\S+:\d+$/.test(l));
		});
	// Known difference (see the `test.fail` in engines.spec.ts): the worker prints an SDK error's
	// `headers` as `Headers {}`; Node lists them. Folded to one line unless asked for.
	const folded = (raw: string) =>
		options.headers ? raw : raw.replace(/headers: Headers \{[^}]*\}/g, 'headers: Headers {…}');
	// By design the worker refuses hosts other than the practice API and api.openai.com, where Node
	// tries DNS: a failed fetch's cause differs in its details, not in being a failed fetch.
	const withoutFetchCause = (lines: string[]) => {
		const kept: string[] = [];
		for (let index = 0; index < lines.length; index++) {
			const cause = /^(\s+)cause: TypeError: fetch failed/.exec(lines[index]);
			if (!cause) {
				kept.push(lines[index]);
				continue;
			}
			const indent = cause[1].length;
			kept.push(`${cause[1]}cause: TypeError: fetch failed`);
			let skipped = false;
			while (/^\s*/.exec(lines[index + 1] ?? '')![0].length > indent) {
				index++;
				skipped = true;
			}
			if (skipped && lines[index + 1] === `${cause[1]}}`) index++;
		}
		return kept;
	};
	return (['stdout', 'stderr'] as const).flatMap((stream) =>
		withoutFetchCause(withoutFatalFrame(folded(text(stream)).split('\n')))
			.filter((line) => line.trim() !== '' && !/^\s+at /.test(line))
			.map(
				(line) =>
					`${stream}: ${line
						// Request ids, response ids, timings: new on every run of either engine.
						.replace(
							/\b(req|resp|msg|chatcmpl|key|proj|sk-[a-z]+)[-_][A-Za-z0-9_-]{6,}/g,
							'$1_<id>',
						)
						.replace(/\b[0-9a-f]{16,}\b/g, '<hex>')
						.replace(/\b1\d{9}\b/g, '<unix time>')
						// Rate-limit windows move with the clock, so these depend on timing, not on the engine.
						.replace(/Used \d+, Requested/g, 'Used <n>, Requested')
						.replace(/try again in [\d.]+m?s/g, 'try again in <time>')
						// What is left of a window counts every earlier request to that practice API.
						.replace(/(x-ratelimit-remaining-(?:requests|tokens): )\d+/g, '$1<n>')
						// A masked key ends with the key's last four characters, random per setup.
						.replace(/(\*{8,})[A-Za-z0-9_-]{1,4}/g, '$1<last 4>')
						// So does the Administration API's redacted form of a key (sk-proj-...wxyz).
						.replace(/\b(sk-[a-z]+-\.\.\.)[A-Za-z0-9_-]{4}/g, '$1<last 4>')
						.replace(/('openai-processing-ms': )'\d+'/g, "$1'<ms>'")}`,
			),
	);
}

/** Runs a lesson sample in practice mode with the always-valid practice key. */
export async function runTemplate(engine: SandboxEngine, id: string): Promise<ParityReport> {
	const template = getTemplate(id);
	const output: OutputChunk[] = [];
	const result = await engine.run({
		files: template.files.map((file) => ({ ...file })),
		entry: template.entry,
		env: {
			OPENAI_API_KEY: scenarioKey('valid'),
			OPENAI_BASE_URL: PRACTICE_BASE_URL,
			// As the sandbox does (sandbox-run.ts): the Administration API samples read an admin key.
			...(template.files.some((file) => file.contents.includes('OPENAI_ADMIN_KEY'))
				? { OPENAI_ADMIN_KEY: scenarioKey('admin_key') }
				: {}),
		},
		timeoutMs: 30_000,
		onOutput: (chunk) => output.push(chunk),
	});
	return { lines: comparable(output), exit: `exit ${result.exitCode} (${result.reason})` };
}

/** Sets a scenario up on `api`, runs its starter or solution as the scenario card does, checks it. */
export async function runScenario(
	engine: SandboxEngine,
	api: PracticeApi,
	id: string,
	variant: 'starter' | 'solution',
	options: { headers?: boolean } = {},
): Promise<ParityReport> {
	const scenario = getScenario(id);
	const admin = createAdmin(api);
	let context = scenario.setup(admin, PRACTICE_BASE_URL);
	if (variant === 'solution' && scenario.solve) context = scenario.solve(admin, context);
	const files = variant === 'starter' ? scenario.starter(context) : scenario.solution(context);
	const env = { ...context.env, OPENAI_BASE_URL: PRACTICE_BASE_URL };
	const output: OutputChunk[] = [];
	const start = api.state.requestLog.length;
	const result = await engine.run({
		files,
		entry: 'index.js',
		env,
		timeoutMs: scenario.timeoutMs ?? 30_000,
		onOutput: (chunk) => output.push(chunk),
	});
	const verdict = scenario.check({
		output,
		exitCode: result.exitCode,
		requestLog: api.state.requestLog.slice(start),
		files,
		env,
		keys: listKeys(api.state),
		context,
	});
	return {
		lines: comparable(output, options),
		exit: `exit ${result.exitCode} (${result.reason})`,
		verdict: verdict.pass ? { pass: true } : { pass: false, failure: verdict.failure },
	};
}
