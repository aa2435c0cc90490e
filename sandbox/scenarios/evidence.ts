/**
 * Reading a run's evidence: the model calls in the request log, the program's output, key
 * literals in files. Checks are built from these so each one says what it saw.
 */
import type { RequestLogEntry } from '../practice-api/index.ts';
import type { ScenarioRun } from './types.ts';

const MODEL_PATHS = new Set(['/v1/chat/completions', '/v1/responses', '/v1/embeddings']);

/** The POSTs to model endpoints, in the order they arrived. */
export function modelCalls(run: ScenarioRun): RequestLogEntry[] {
	return run.requestLog.filter((entry) => entry.method === 'POST' && MODEL_PATHS.has(entry.path));
}

/** Model calls that got a 200. */
export function successes(run: ScenarioRun): RequestLogEntry[] {
	return modelCalls(run).filter((entry) => entry.status === 200);
}

/** Everything the program wrote, stdout and stderr interleaved as written. */
export function outputText(run: ScenarioRun): string {
	return run.output.map((chunk) => chunk.text).join('');
}

/** `401 invalid_api_key`-style label of a log entry. */
export function label(entry: RequestLogEntry): string {
	return `${entry.status} ${entry.errorCode ?? entry.errorType ?? ''}`.trim();
}

/** The first model call that failed, if any. */
export function firstFailure(run: ScenarioRun): RequestLogEntry | undefined {
	return modelCalls(run).find((entry) => entry.status !== 200);
}

/** True when the run ended normally and at least one model call succeeded. */
export function workedOnce(run: ScenarioRun): boolean {
	return run.exitCode === 0 && successes(run).length > 0;
}

/** Anything shaped like an OpenAI secret key (real or practice). */
export const KEY_LITERAL = /sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g;

/** Files that contain a key literal; `.env` counts only when `.gitignore` does not cover it. */
export function filesWithKeys(run: ScenarioRun): string[] {
	const gitignore = run.files.find((file) => file.path === '.gitignore')?.contents ?? '';
	const envIgnored = gitignore.split(/\r?\n/).some((line) => /^\/?\.env\*?$/.test(line.trim()));
	return run.files
		.filter((file) => (file.path === '.env' ? !envIgnored : true))
		.filter((file) => new RegExp(KEY_LITERAL.source).test(file.contents))
		.map((file) => file.path);
}

/** A generic reason for a run that did not reach the API at all. */
export function nothingSent(run: ScenarioRun): string {
	const text = outputText(run).trim();
	const lastLine =
		text
			.split('\n')
			.map((line) => line.trim())
			.find((line) => /Error\b|error:/i.test(line)) ?? text.split('\n').pop();
	return `The program sent no request to the API${lastLine ? ` (it ended with: ${lastLine.slice(0, 200)})` : ''}.`;
}
