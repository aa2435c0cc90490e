/**
 * One run of a sandbox: pick the key and base URL for the mode, boot the page's engine, stream
 * output into the log, then summarise how it ended (with a diagnosis for SDK errors).
 */
import { lessonPath } from '../../../sandbox/course.ts';
import { OUTPUT_LIMITS, capOutput } from '../../../sandbox/engines/output-cap.ts';
import type { PracticeFetch, RunResult, SandboxFile } from '../../../sandbox/engines/types.ts';
import { createBroker, standInFor } from '../../../sandbox/keys/broker.ts';
import { keyHolder } from '../../../sandbox/keys/key-holder.ts';
import { getEngine } from '../runtime/engine-session.ts';
import type { OutputLog } from './output-log.ts';
import { getPracticeSession, practiceKey } from '../runtime/practice-session.ts';
import { showRanOn, watchSandbox } from './sandbox-engine.ts';

/** Long enough for a slow streamed answer, short enough that a stuck program is ended. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** What a run needs from the sandbox. */
export interface RunContext {
	root: HTMLElement;
	files: readonly SandboxFile[];
	entry: string;
	log: OutputLog;
	signal: AbortSignal;
	setState(state: 'booting' | 'running'): void;
	/** Told the key the tab holds (in any mode), so output can be scrubbed of it. */
	onKey(key: string | undefined): void;
}

/** A run's environment and, in Live mode, the broker that holds the key its stand-in replaces. */
interface RunEnvironment {
	env: Record<string, string>;
	liveFetch?: PracticeFetch;
}

async function environment(
	root: HTMLElement,
	log: OutputLog,
	files: readonly SandboxFile[],
): Promise<RunEnvironment | undefined> {
	if (root.dataset.mode === 'live') {
		const key = keyHolder.get();
		// The code gets a stand-in; the page's broker swaps the real key in for api.openai.com only.
		if (key) {
			const standIn = standInFor(key);
			const env: Record<string, string> = { OPENAI_API_KEY: standIn };
			// An admin key drives the Administration API samples, which read OPENAI_ADMIN_KEY.
			if (key.startsWith('sk-admin-')) env.OPENAI_ADMIN_KEY = standIn;
			return { env, liveFetch: createBroker({ holder: keyHolder, standIn }) };
		}
		log.note(
			'Live mode needs your API key: paste it in the key field above, or switch to Practice mode.',
			'warning',
		);
		root.querySelector<HTMLInputElement>('[data-key-input]')?.focus();
		return undefined;
	}
	const behavior = root.querySelector<HTMLSelectElement>('[data-practice-key]')?.value ?? 'valid';
	const [session, key] = await Promise.all([getPracticeSession(), practiceKey(behavior)]);
	// The practice console and scenario cards may swap the key (practice-bridge.ts listens).
	const detail = {
		env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: session.baseURL } as Record<string, string>,
	};
	// Programs of the Administration API lessons get the practice admin key. Only those that name
	// it: with OPENAI_ADMIN_KEY set, the SDK no longer says "Missing credentials" when
	// OPENAI_API_KEY is missing, and that error is what the missing-key lesson teaches.
	if (files.some((file) => file.contents.includes('OPENAI_ADMIN_KEY'))) {
		detail.env.OPENAI_ADMIN_KEY = await practiceKey('admin_key');
	}
	root.dispatchEvent(new CustomEvent('keylab:run-env', { bubbles: true, detail }));
	return { env: detail.env };
}

async function explain(log: OutputLog): Promise<void> {
	const stderr = log.streamText('stderr');
	if (!/\b(?:[A-Z][A-Za-z]*Error|\d{3} )/.test(stderr)) return;
	const { diagnose } = await import('../../../sandbox/diagnose/index.ts');
	const diagnosis = diagnose(stderr);
	if (diagnosis.id === 'other' || diagnosis.confidence < 0.5) return;
	log.diagnosis({
		title: diagnosis.title,
		href: lessonPath(diagnosis.lesson),
		linkText: 'How to fix it',
	});
}

/** Runs the files; resolves with how the run ended, or undefined when it could not start. */
export async function runProgram(context: RunContext): Promise<RunResult | undefined> {
	const { root, log, signal } = context;
	log.clear();
	// The engine starts while the run's environment is prepared (the practice API, its key): a
	// cold Run waits for the slower of the two, not for both in turn.
	const engineChoice = getEngine();
	engineChoice.catch(() => undefined);
	const prepared = await environment(root, log, context.files);
	if (!prepared) return undefined;
	// Scrubbing is the second line of defence, in every mode: code never holds the key, but a
	// learner may have typed it into a file or a scenario's variables.
	context.onKey(keyHolder.has() ? keyHolder.get() : undefined);
	context.setState('booting');
	watchSandbox(root);
	// A pinned WebContainer may still be booting: Stop ends the wait (the boot carries on).
	const stopped = new Promise<undefined>((resolve) => {
		if (signal.aborted) resolve(undefined);
		signal.addEventListener('abort', () => resolve(undefined), { once: true });
	});
	const chosen = await Promise.race([engineChoice, stopped]);
	if (!chosen) return { exitCode: 130, reason: 'stopped', durationMs: 0 };
	const { engine, note } = chosen;
	showRanOn(root, engine.kind);
	// The fallback note is said once per sandbox; the engine line keeps showing it.
	if (note && root.dataset.fallbackNoted === undefined) {
		root.dataset.fallbackNoted = '';
		log.note(note, 'warning');
	}
	if (signal.aborted) return { exitCode: 130, reason: 'stopped', durationMs: 0 };
	context.setState('running');
	// A program that prints in a loop is stopped at the output cap, as Stop would stop it.
	const capped = new AbortController();
	const stopCapped = () => capped.abort(signal.reason);
	signal.addEventListener('abort', stopCapped, { once: true });
	let overflowed = false;
	const result = await engine
		.run({
			files: context.files,
			entry: context.entry,
			env: prepared.env,
			...(prepared.liveFetch ? { liveFetch: prepared.liveFetch } : {}),
			signal: capped.signal,
			timeoutMs: Number(root.dataset.timeoutMs) || DEFAULT_TIMEOUT_MS,
			onOutput: capOutput(
				(chunk) => log.write(chunk),
				() => {
					overflowed = true;
					capped.abort();
				},
			),
		})
		.finally(() => signal.removeEventListener('abort', stopCapped));
	log.status(result);
	if (overflowed) {
		log.note(
			`The program printed more than ${OUTPUT_LIMITS.lines.toLocaleString('en')} lines or 1 MB, so keylab stopped it to keep this page responsive. Print less (a count or a summary) and run it again.`,
			'warning',
		);
	}
	if (result.exitCode !== 0) await explain(log);
	return result;
}
