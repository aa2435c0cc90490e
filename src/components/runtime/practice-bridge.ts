/**
 * How the practice console and the scenario cards hand an environment to the page's sandbox.
 *
 * The sandbox builds a practice-mode run's env itself; before it starts the run it dispatches
 *   root.dispatchEvent(new CustomEvent('keylab:run-env', { bubbles: true, detail: { env } }))
 * and runs with `detail.env` afterwards. This module answers that event with the override the
 * learner chose last ("Use in sandbox" in the console, Trigger on a scenario card). Keys live
 * here in memory only, like every other key on the page.
 */

/** Dispatched by `<keylab-sandbox>` before a practice-mode run; listeners may replace `env`. */
export const RUN_ENV_EVENT = 'keylab:run-env';
/** Dispatched on `document` when the override changes (for notes in the UI). */
export const PRACTICE_ENV_EVENT = 'keylab:practice-env';

/** Dispatched on `document` with `{ secret, redacted }` when the learner picks a console key. */
export const CONSOLE_KEY_EVENT = 'keylab:console-key';

/** The detail of RUN_ENV_EVENT. */
export interface RunEnvDetail {
	env: Record<string, string>;
}

/** The environment a console or card asks practice runs to use; `null` unsets a variable. */
export interface PracticeEnvOverride {
	/** Who set it, e.g. `console` or `scenario:revoked-key`. */
	source: string;
	/** For people: "the key sk-proj-...abcd" (never a whole key). */
	label: string;
	env: Record<string, string | null>;
}

let override: PracticeEnvOverride | undefined;

/** `env` with the current override applied. */
export function applyOverride(env: Readonly<Record<string, string>>): Record<string, string> {
	const next = { ...env };
	for (const [name, value] of Object.entries(override?.env ?? {})) {
		if (value === null) delete next[name];
		else next[name] = value;
	}
	return next;
}

/** Makes practice runs use `next` (replacing any earlier override). */
export function setPracticeEnv(next: PracticeEnvOverride): void {
	override = { ...next, env: { ...next.env } };
	document.dispatchEvent(
		new CustomEvent(PRACTICE_ENV_EVENT, { detail: { source: next.source, label: next.label } }),
	);
}

/** Drops the override if `source` set it. */
export function clearPracticeEnv(source: string): void {
	if (override?.source !== source) return;
	override = undefined;
	document.dispatchEvent(new CustomEvent(PRACTICE_ENV_EVENT, { detail: undefined }));
}

/** Who set the current override, and its label (no values). */
export function currentOverride(): Pick<PracticeEnvOverride, 'source' | 'label'> | undefined {
	return override && { source: override.source, label: override.label };
}

let installed = false;

/** Starts answering RUN_ENV_EVENT; called by the console and the cards when they first act. */
export function installPracticeBridge(): void {
	if (installed) return;
	installed = true;
	document.addEventListener(RUN_ENV_EVENT, (event) => {
		const detail = (event as CustomEvent<RunEnvDetail | undefined>).detail;
		if (detail && override) detail.env = applyOverride(detail.env);
	});
}
