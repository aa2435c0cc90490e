/**
 * `<keylab-scenario>`: the part that ships with the page: Hint and Show solution work on the
 * server-rendered text; Trigger and Check load the scenario runner (scenario-card-run.ts).
 * Progress (ids passed, never a key) is kept in localStorage.
 */
import type { ScenarioSession } from './scenario-card-run.ts';

const PROGRESS_KEY = 'keylab:scenarios-passed';

/** The ids of scenarios this browser has passed. */
export function passedScenarios(): string[] {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
	} catch {
		return [];
	}
}

/** Records a pass (only the scenario id). */
export function recordPass(id: string): void {
	const passed = new Set(passedScenarios()).add(id);
	try {
		localStorage.setItem(PROGRESS_KEY, JSON.stringify([...passed]));
	} catch {
		// Storage can be full or blocked; progress is a convenience, not a requirement.
	}
}

/** The element; tests wait on `data-state` (idle, triggered, checking, passed, failed). */
export class KeylabScenario extends HTMLElement {
	#session: Promise<ScenarioSession> | undefined;

	connectedCallback(): void {
		this.addEventListener('click', (event) => {
			const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
			if (button && this.contains(button)) void this.#act(button.dataset.action ?? '');
		});
		this.#showProgress();
	}

	/** The runner for this card, loaded on first use. */
	session(): Promise<ScenarioSession> {
		this.#session ??= import('./scenario-card-run.ts').then((m) => m.createScenarioSession(this));
		return this.#session;
	}

	#showProgress(): void {
		const badge = this.querySelector<HTMLElement>('[data-progress]');
		const done = passedScenarios().includes(this.dataset.scenario ?? '');
		if (badge) badge.textContent = done ? 'Scenario ✓ passed' : 'Scenario';
	}

	async #act(action: string): Promise<void> {
		if (action === 'hint') return this.#hint();
		if (action === 'solution') return this.#toggleSolution();
		const session = await this.session();
		if (action === 'trigger') await session.trigger();
		else if (action === 'check') {
			const result = await session.check();
			// A counter tests can wait on: each finished check moves it.
			this.dataset.checks = String(Number(this.dataset.checks ?? 0) + 1);
			if (result?.pass) {
				recordPass(this.dataset.scenario ?? '');
				this.#showProgress();
			}
		} else if (action === 'load-solution') await session.loadSolution();
		else if (action === 'solve') await session.solve();
	}

	#hint(): void {
		const list = this.querySelector<HTMLElement>('[data-hints]');
		const next = list?.querySelector<HTMLElement>('li[hidden]');
		if (!list || !next) return;
		list.hidden = false;
		next.hidden = false;
		if (!list.querySelector('li[hidden]'))
			this.querySelector<HTMLButtonElement>('[data-action="hint"]')?.setAttribute('disabled', '');
	}

	#toggleSolution(): void {
		const box = this.querySelector<HTMLElement>('[data-solution]');
		const button = this.querySelector<HTMLElement>('[data-action="solution"]');
		if (!box || !button) return;
		box.hidden = !box.hidden;
		button.setAttribute('aria-expanded', String(!box.hidden));
		button.textContent = box.hidden ? 'Show solution' : 'Hide solution';
	}
}

if (!customElements.get('keylab-scenario'))
	customElements.define('keylab-scenario', KeylabScenario);
