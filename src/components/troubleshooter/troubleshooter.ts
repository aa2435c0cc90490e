/**
 * `<keylab-troubleshooter>`: diagnoses pasted errors as they are pasted (offline, nothing sent)
 * and runs the live key check. The key is read from the tab's key holder at the moment of the
 * check and never written to an attribute, the URL, storage or the console. Both halves load on
 * demand: the diagnosis on the error box's first focus or when the page goes idle, the check on
 * its first click, so the page itself ships little more than this element.
 */
import { keyHolder } from '../../../sandbox/keys/key-holder.ts';
import { el } from '../common/dom.ts';
import { isPasteLike, SettledAnnouncer } from './troubleshooter-announcer.ts';
import type { DiagnosisView, diagnosisView } from './troubleshooter-diagnosis.ts';
import { whenIdle } from '../common/when-idle.ts';
import { retryableImport } from '../common/retryable-import.ts';

// The engine at idle; after a failed load, the next keystroke imports it again under a new URL.
const importDiagnosis = retryableImport(() => import('./troubleshooter-diagnosis.ts'));

type DiagnosisModule = { diagnosisView: typeof diagnosisView };

/** The troubleshooter element. */
export class KeylabTroubleshooter extends HTMLElement {
	#controller: AbortController | undefined;
	#announcer: SettledAnnouncer | undefined;
	#diagnosis: Promise<DiagnosisModule> | undefined;
	// What the diagnosis region shows now, so an unchanged diagnosis is not rebuilt per keystroke.
	#shown = '';
	// The pasted text's own view, which the follow-up question's answers are made from.
	#view: DiagnosisView | undefined;

	connectedCallback(): void {
		const textarea = this.querySelector<HTMLTextAreaElement>('[data-error-input]');
		const check = this.querySelector<HTMLButtonElement>('[data-check]');
		const status = this.querySelector<HTMLElement>('[data-announce]');
		if (status)
			this.#announcer = new SettledAnnouncer(status, (state) => (this.dataset.announce = state));
		textarea?.addEventListener('focus', () => void this.#loadDiagnosis().catch(() => undefined));
		textarea?.addEventListener('input', (event) => void this.#diagnose(textarea, event));
		this.#region('results').addEventListener('change', (event) => this.#answer(event));
		// Fetched ahead of any paste, so one that comes after the network went away still works.
		whenIdle(() => void this.#loadDiagnosis().catch(() => undefined));
		check?.addEventListener('click', () => void this.#check());
		for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="ts-target"]')) {
			radio.addEventListener('change', () => this.#syncTarget());
		}
		this.#syncTarget();
		this.dataset.announce = 'settled';
		this.dataset.state = 'ready';
	}

	disconnectedCallback(): void {
		this.#controller?.abort();
		this.#announcer?.clear();
	}

	#region(name: 'results' | 'check-results'): HTMLElement {
		return this.querySelector<HTMLElement>(`[data-${name}]`) ?? this;
	}

	#loadDiagnosis(): Promise<DiagnosisModule> {
		this.#diagnosis ??= importDiagnosis().then(
			(module) => {
				// From here on a paste is diagnosed offline too.
				this.dataset.engine = 'loaded';
				return module;
			},
			(error: unknown) => {
				// Let the next keystroke try again (the network may be back).
				this.#diagnosis = undefined;
				throw error;
			},
		);
		return this.#diagnosis;
	}

	#target(): 'practice' | 'openai' {
		return this.querySelector<HTMLInputElement>('input[name="ts-target"]:checked')?.value ===
			'openai'
			? 'openai'
			: 'practice';
	}

	#syncTarget(): void {
		const practice = this.#target() === 'practice';
		for (const node of this.querySelectorAll<HTMLElement>('[data-practice-only]'))
			node.hidden = !practice;
	}

	/** Shows the diagnosis at once; announces it after a pause, or now for a paste. */
	async #diagnose(textarea: HTMLTextAreaElement, event: Event): Promise<void> {
		const results = this.#region('results');
		const pasted = isPasteLike(event);
		if (textarea.value.trim() === '') return this.#clear();
		let module: DiagnosisModule;
		try {
			module = await this.#loadDiagnosis();
		} catch {
			this.#shown = '';
			results.replaceChildren(
				el('p', {}, 'The diagnosis could not load: reconnect, then paste the error again.'),
			);
			this.#announcer?.say('The diagnosis could not load. Reconnect and paste again.', true);
			this.dataset.state = 'unavailable';
			return;
		}
		// Typing went on while the module loaded: diagnose what the box holds now.
		const text = textarea.value;
		if (text.trim() === '') return this.#clear();
		const view = module.diagnosisView(text, [keyHolder.has() ? keyHolder.get() : undefined]);
		// An unchanged diagnosis keeps its article and any answer given to its question.
		if (view.signature !== this.#shown) {
			results.replaceChildren(
				view.render(),
				...(view.renderFollowUp ? [view.renderFollowUp()] : []),
			);
			this.#view = view;
		}
		this.#shown = view.signature;
		this.#announcer?.say(view.announcement, pasted);
		this.dataset.state = 'diagnosed';
	}

	/** The person said which of the follow-up's facts is true: redraw the diagnosis for it. */
	#answer(event: Event): void {
		const input = event.target;
		if (!(input instanceof HTMLInputElement) || !input.closest('[data-follow-up]') || !this.#view)
			return;
		// Arrow keys move through radios one change at a time: speak once they settle.
		this.#showAnswer(this.#view.answer(input.value as Parameters<DiagnosisView['answer']>[0]));
	}

	/** Redraws the diagnosis for an answered question, keeping the question as it stands. */
	#showAnswer(answered: DiagnosisView, now = false): void {
		this.#region('results').querySelector('article')?.replaceWith(answered.render());
		this.#announcer?.say(answered.announcement, now);
	}

	#clear(): void {
		this.#region('results').replaceChildren();
		this.#shown = '';
		this.#view = undefined;
		this.#announcer?.clear();
		this.dataset.state = 'ready';
	}

	async #check(): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const results = this.#region('check-results');
		this.dataset.state = 'checking';
		try {
			const { runKeyCheck, answerFromCheck } = await import('./troubleshooter-check.ts');
			const target = this.#target();
			const scenario = this.querySelector<HTMLSelectElement>('[data-scenario]')?.value ?? '';
			const check = await runKeyCheck(results, {
				target,
				scenario,
				key: keyHolder.get() ?? '',
				model: this.querySelector<HTMLInputElement>('[data-model]')?.value.trim() || undefined,
				allowBillableRequest:
					this.querySelector<HTMLInputElement>('[data-billable]')?.checked === true,
				signal: controller.signal,
			});
			this.dataset.result = check.ok ? 'ok' : 'problem';
			// The check can answer the question the pasted error left open: about a real key when it
			// went to api.openai.com, or in practice with a practice key. A typed key checked against
			// the practice API says nothing about that key, so it answers nothing.
			const speaks = target === 'openai' || scenario !== '';
			const question = this.#region('results').querySelector<HTMLElement>('[data-follow-up]');
			const answered =
				speaks && question && this.#view && answerFromCheck(question, this.#view, check);
			if (answered) this.#showAnswer(answered, true);
		} catch {
			if (controller.signal.aborted) return;
			const failed = el(
				'li',
				{ 'data-status': 'fail' },
				el('strong', {}, 'Failed: '),
				'The check could not run.',
			);
			const list = results.querySelector('ol.ts-checklist');
			if (list) list.append(failed);
			else
				results.replaceChildren(
					el('ol', { class: 'ts-checklist', 'aria-label': 'Key check' }, failed),
				);
			this.dataset.result = 'problem';
		}
		this.dataset.state = 'checked';
	}
}

if (!customElements.get('keylab-troubleshooter'))
	customElements.define('keylab-troubleshooter', KeylabTroubleshooter);
