/**
 * What a scenario card does once used: set the scenario up on the page's practice API, load its
 * starter into the page's sandbox, keep the run environment (shown and editable in the card),
 * and Check: run the sandbox's current files on the page's engine and judge the evidence.
 */
import type { OutputChunk, SandboxFile } from '../../../sandbox/engines/types.ts';
import { listKeys } from '../../../sandbox/practice-api/admin.ts';
import { keyHolder } from '../../../sandbox/keys/key-holder.ts';
import { maskKey } from '../../../sandbox/keys/mask-key.ts';
import { scrubSecrets } from '../../../sandbox/keys/redact.ts';
import { createAdmin } from '../../../sandbox/scenarios/admin.ts';
import { getScenario } from '../../../sandbox/scenarios/index.ts';
import type { CheckResult, ScenarioContext } from '../../../sandbox/scenarios/types.ts';
import { el } from '../common/dom.ts';
import { getEngine } from '../runtime/engine-session.ts';
import {
	CONSOLE_KEY_EVENT,
	installPracticeBridge,
	setPracticeEnv,
} from '../runtime/practice-bridge.ts';
import { getPracticeSession } from '../runtime/practice-session.ts';

/** The card's actions. */
export interface ScenarioSession {
	trigger(): Promise<void>;
	check(): Promise<CheckResult | undefined>;
	loadSolution(): Promise<void>;
	solve(): Promise<void>;
}

interface SandboxLike extends HTMLElement {
	setFiles(files: readonly SandboxFile[]): Promise<void>;
	getFiles(): Promise<SandboxFile[]>;
}

function findSandbox(root: HTMLElement): SandboxLike | undefined {
	if (root.dataset.sandbox)
		return document.querySelector<SandboxLike>(root.dataset.sandbox) ?? undefined;
	const all = [...document.querySelectorAll<SandboxLike>('keylab-sandbox')];
	const before = all.filter(
		(s) => s.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING,
	);
	return before.at(-1) ?? all[0];
}

/** Wires one card. */
export async function createScenarioSession(root: HTMLElement): Promise<ScenarioSession> {
	const scenario = getScenario(root.dataset.scenario ?? '');
	const practice = await getPracticeSession();
	const admin = createAdmin(practice.api);
	installPracticeBridge();
	const result = root.querySelector<HTMLElement>('[data-result]')!;
	const envHost = root.querySelector<HTMLElement>('[data-env]')!;
	const checkButton = root.querySelector<HTMLButtonElement>('[data-action="check"]');
	let context: ScenarioContext | undefined;
	// Variables in the order shown; values are set as properties only, never as attributes.
	let env: Array<{ name: string; value: string }> = [];

	const say = (text: string, state?: string) => {
		result.textContent = text;
		if (state) root.dataset.state = state;
	};
	const envRecord = () =>
		Object.fromEntries(env.filter((v) => v.name.trim()).map((v) => [v.name.trim(), v.value]));
	const publishEnv = () => {
		// Unset the sandbox's own key first: the missing-key scenario depends on its absence.
		const key = envRecord().OPENAI_API_KEY;
		setPracticeEnv({
			source: `scenario:${scenario.id}`,
			label: key ? `the scenario key ${maskKey(key)}` : 'no OPENAI_API_KEY',
			env: { OPENAI_API_KEY: null, ...envRecord() },
		});
	};

	const renderEnv = () => {
		const rows = env.map((variable, index) => {
			const name = el('input', {
				'aria-label': `Name of variable ${index + 1}`,
				spellcheck: 'false',
				'data-env-name': index,
			});
			name.value = variable.name;
			const value = el('input', {
				type: 'password',
				'aria-label': `Value of ${variable.name || `variable ${index + 1}`}`,
				spellcheck: 'false',
				autocomplete: 'off',
				'data-env-value': index,
			});
			value.value = variable.value;
			name.addEventListener('input', () => ((variable.name = name.value), publishEnv()));
			value.addEventListener('input', () => ((variable.value = value.value), publishEnv()));
			const remove = el(
				'button',
				{ type: 'button', 'aria-label': `Remove ${variable.name || 'variable'}` },
				'Remove',
			);
			remove.addEventListener(
				'click',
				() => ((env = env.filter((v) => v !== variable)), publishEnv(), renderEnv()),
			);
			return el('li', {}, name, ' = ', value, ' ', remove);
		});
		const add = el('button', { type: 'button', 'data-action': 'add-env' }, 'Add variable');
		add.addEventListener('click', () => {
			env.push({ name: '', value: '' });
			renderEnv();
			envHost.querySelector<HTMLInputElement>(`[data-env-name="${env.length - 1}"]`)?.focus();
		});
		envHost.replaceChildren(
			el(
				'fieldset',
				{ class: 'keylab-scenario-env' },
				el('legend', {}, 'Environment of the run (OPENAI_BASE_URL is set for you)'),
				el('ul', {}, ...rows),
				add,
			),
		);
	};

	document.addEventListener(CONSOLE_KEY_EVENT, (event) => {
		const { secret, redacted } = (event as CustomEvent<{ secret: string; redacted: string }>)
			.detail;
		if (!context) return;
		const slot = env.find((v) => v.name === 'OPENAI_API_KEY');
		if (slot) slot.value = secret;
		else env.unshift({ name: 'OPENAI_API_KEY', value: secret });
		renderEnv();
		publishEnv();
		say(`OPENAI_API_KEY is now ${redacted}, from the practice console.`);
	});

	const sandbox = () => {
		const found = findSandbox(root);
		if (!found) say('This page has no sandbox to load the scenario into.', 'error');
		return found;
	};

	const session: ScenarioSession = {
		async trigger() {
			const target = sandbox();
			if (!target) return;
			context = scenario.setup(admin, practice.baseURL);
			env = Object.entries(context.env).map(([name, value]) => ({ name, value }));
			await target.setFiles(scenario.starter(context));
			renderEnv();
			publishEnv();
			if (checkButton) checkButton.disabled = false;
			say(
				'The broken project is in the sandbox. Run it, read the error, fix it, then press Check.',
				'triggered',
			);
		},
		async check() {
			const target = sandbox();
			if (!target || !context) return undefined;
			say('Checking: running your code…', 'checking');
			const files = await target.getFiles();
			const runEnv = { ...envRecord(), OPENAI_BASE_URL: practice.baseURL };
			const output: OutputChunk[] = [];
			const start = practice.api.state.requestLog.length;
			const { engine } = await getEngine();
			const ended = await engine.run({
				files,
				entry: 'index.js',
				env: runEnv,
				timeoutMs: scenario.timeoutMs ?? 30_000,
				onOutput: (chunk) => output.push(chunk),
			});
			const verdict = scenario.check({
				output,
				exitCode: ended.exitCode,
				requestLog: practice.api.state.requestLog.slice(start),
				files,
				env: runEnv,
				keys: listKeys(practice.api.state),
				context,
			});
			// The held key never shows here either, even if the learner typed it into a file.
			const secrets = [keyHolder.has() ? keyHolder.get() : undefined];
			const pre = root.querySelector<HTMLElement>('[data-check-output]');
			if (pre)
				pre.textContent =
					scrubSecrets(output.map((chunk) => chunk.text).join(''), secrets) || '(no output)';
			root.querySelector<HTMLElement>('[data-output-box]')?.removeAttribute('hidden');
			say(
				`${verdict.pass ? 'Passed' : 'Not yet'}: ${scrubSecrets(verdict.reason, secrets)}`,
				verdict.pass ? 'passed' : 'failed',
			);
			return verdict;
		},
		async loadSolution() {
			const target = sandbox();
			if (!context) await session.trigger();
			if (!target || !context) return;
			await target.setFiles(scenario.solution(context));
			say('The solution’s files are in the sandbox. Press Check.');
		},
		async solve() {
			if (!context) await session.trigger();
			if (!context || !scenario.solve) return;
			context = scenario.solve(admin, context);
			env = Object.entries(context.env).map(([name, value]) => ({ name, value }));
			renderEnv();
			publishEnv();
			say('Done in the practice console: ' + scenario.solutionSteps.join(' '));
		},
	};
	return session;
}
