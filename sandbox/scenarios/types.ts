/**
 * The shape of a checked troubleshooting scenario: data (files, hints) plus code (`setup`,
 * `solve`, `check`). The same module runs headlessly in Node (`keylab scenarios verify`) and in
 * the browser (the scenario card), so nothing here touches Node built-ins or the DOM.
 */
import type { LessonSlug } from '../course.ts';
import type { OutputChunk, SandboxFile } from '../engines/types.ts';
import type { KeyRecord, RequestLogEntry } from '../practice-api/index.ts';
import type { PracticeAdmin } from './admin.ts';

/** What `setup` made in the practice API: the run's environment and the ids a check needs. */
export interface ScenarioContext {
	/**
	 * Variables the scenario imposes on the run (OPENAI_BASE_URL is added by the runner). A key
	 * that is absent stays unset: the missing-key scenario relies on that.
	 */
	env: Record<string, string>;
	/** Ids of keys and projects made by setup (or solve), by role, e.g. `{ leaked: 'key_…' }`. */
	ids: Record<string, string>;
	/** Secrets by the same roles; in memory only, starter files may embed one (hard-coded key). */
	secrets: Record<string, string>;
	/** The base URL the runner gives the program (`http://localhost:4010/v1` in the browser). */
	baseURL: string;
}

/** Everything a check may look at: the evidence of one run. */
export interface ScenarioRun {
	/** Output in the order the program wrote it. */
	output: readonly OutputChunk[];
	exitCode: number;
	/** Request-log entries written during this run only. */
	requestLog: readonly RequestLogEntry[];
	/** The files as they were run. */
	files: readonly SandboxFile[];
	/** The environment the program saw. */
	env: Readonly<Record<string, string>>;
	/** The practice API's keys after the run (no secrets), for checks about revoking and scopes. */
	keys: readonly KeyRecord[];
	/** What setup (and solve) produced. */
	context: ScenarioContext;
}

/** A check's answer; `failure` is a stable id the verifier compares, `reason` is for people. */
export type CheckResult =
	{ pass: true; reason: string } | { pass: false; reason: string; failure: string };

/** One checked scenario. */
export interface Scenario {
	id: string;
	lesson: LessonSlug;
	title: string;
	/** One or two sentences: the situation the learner is in. */
	summary: string;
	/** Creates what the scenario needs in the practice API; returns the run environment. */
	setup(admin: PracticeAdmin, baseURL: string): ScenarioContext;
	/** The broken project. A function because some files embed a key made by setup. */
	starter(context: ScenarioContext): SandboxFile[];
	/** The reference fix of the files (same as the starter when the fix is elsewhere). */
	solution(context: ScenarioContext): SandboxFile[];
	/**
	 * The console or environment steps of the reference fix (rotate, revoke, set a variable);
	 * returns the new context. Absent when editing the files is the whole fix.
	 */
	solve?(admin: PracticeAdmin, context: ScenarioContext): ScenarioContext;
	/** What the reference fix does, in words, for "Show solution". */
	solutionSteps: string[];
	/** Hints from gentle to explicit. */
	hints: string[];
	/** The `failure` id the starter must produce (checked by `keylab scenarios verify`). */
	starterFailure: string;
	/** Judges a run from its evidence. */
	check(run: ScenarioRun): CheckResult;
	/** Upper bound for one run, for the runners' time limit. */
	timeoutMs?: number;
}

/** Shorthand for a passing result. */
export function pass(reason: string): CheckResult {
	return { pass: true, reason };
}

/** Shorthand for a failing result. */
export function fail(failure: string, reason: string): CheckResult {
	return { pass: false, failure, reason };
}
