/**
 * One run of a sandbox: pick the key and base URL for the mode, boot the page's engine, stream
 * output into the log, then summarise how it ended (with a diagnosis for SDK errors).
 */
import { lessonPath } from '../../sandbox/course.ts';
import type { RunResult, SandboxFile } from '../../sandbox/engines/types.ts';
import { keyHolder } from '../../sandbox/keys/key-holder.ts';
import { getEngine } from './engine-session.ts';
import type { OutputLog } from './output-log.ts';
import { getPracticeSession, practiceKey } from './practice-session.ts';
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
	/** Told the live key of this run, so output can be scrubbed of it. */
	onKey(key: string | undefined): void;
}

async function environment(
	root: HTMLElement,
	log: OutputLog,
): Promise<Record<string, string> | undefined> {
	if (root.dataset.mode === 'live') {
		const key = keyHolder.get();
		if (key) return { OPENAI_API_KEY: key };
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
	root.dispatchEvent(new CustomEvent('keylab:run-env', { bubbles: true, detail }));
	return detail.env;
}

async function explain(log: OutputLog): Promise<void> {
	const stderr = log.streamText('stderr');
	if (!/\b(?:[A-Z][A-Za-z]*Error|\d{3} )/.test(stderr)) return;
	const { diagnose } = await import('../../sandbox/diagnose/index.ts');
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
	const env = await environment(root, log);
	if (!env) return undefined;
	context.onKey(root.dataset.mode === 'live' ? env.OPENAI_API_KEY : undefined);
	context.setState('booting');
	watchSandbox(root);
	// A pinned WebContainer may still be booting: Stop ends the wait (the boot carries on).
	const stopped = new Promise<undefined>((resolve) => {
		if (signal.aborted) resolve(undefined);
		signal.addEventListener('abort', () => resolve(undefined), { once: true });
	});
	const chosen = await Promise.race([getEngine(), stopped]);
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
	const result = await engine.run({
		files: context.files,
		entry: context.entry,
		env,
		signal,
		timeoutMs: Number(root.dataset.timeoutMs) || DEFAULT_TIMEOUT_MS,
		onOutput: (chunk) => log.write(chunk),
	});
	log.status(result);
	if (result.exitCode !== 0) await explain(log);
	return result;
}
