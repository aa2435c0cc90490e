/**
 * `<keylab-troubleshooter>`: diagnoses pasted errors as they are pasted (offline, nothing sent)
 * and runs the live key check. The key is read from the tab's key holder at the moment of the
 * check and never written to an attribute, the URL, storage or the console. The practice API
 * is imported only when a check runs against it.
 */
import { checkKey, OPENAI_BASE_URL, type KeyCheck } from '../../sandbox/diagnose/check-key.ts';
import { diagnose, type Diagnosis } from '../../sandbox/diagnose/index.ts';
import { keyHolder } from '../../sandbox/keys/key-holder.ts';
import { scrubSecrets } from '../../sandbox/keys/redact.ts';
import { el } from './dom.ts';
import { isPasteLike, SettledAnnouncer } from './troubleshooter-announcer.ts';
import { announcementOf, renderDiagnosis, renderStep } from './troubleshooter-render.ts';

/** The troubleshooter element. */
export class KeylabTroubleshooter extends HTMLElement {
	#controller: AbortController | undefined;
	#announcer: SettledAnnouncer | undefined;
	// What the diagnosis region shows now, so an unchanged diagnosis is not rebuilt per keystroke.
	#shown = '';

	connectedCallback(): void {
		const textarea = this.querySelector<HTMLTextAreaElement>('[data-error-input]');
		const check = this.querySelector<HTMLButtonElement>('[data-check]');
		const status = this.querySelector<HTMLElement>('[data-announce]');
		if (status)
			this.#announcer = new SettledAnnouncer(status, (state) => (this.dataset.announce = state));
		textarea?.addEventListener('input', (event) =>
			this.#diagnose(textarea.value, isPasteLike(event)),
		);
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

	/** Shows the diagnosis of `text` at once; announces it after a pause, or now for a paste. */
	#diagnose(text: string, pasted: boolean): void {
		const results = this.#region('results');
		if (text.trim() === '') {
			results.replaceChildren();
			this.#shown = '';
			this.#announcer?.clear();
			this.dataset.state = 'ready';
			return;
		}
		// A pasted error may quote the key that failed: scrub the held key from anything shown.
		const diagnosis = diagnose(text);
		const secrets = [keyHolder.has() ? keyHolder.get() : undefined];
		const scrub = (value: string) => scrubSecrets(value, secrets);
		const shown: Diagnosis = {
			...diagnosis,
			explanation: scrub(diagnosis.explanation),
			evidence: diagnosis.evidence.map(scrub),
			fixes: diagnosis.fixes.map(scrub),
		};
		const signature = JSON.stringify(shown);
		if (signature !== this.#shown) results.replaceChildren(renderDiagnosis(shown));
		this.#shown = signature;
		this.#announcer?.say(announcementOf(shown), pasted);
		this.dataset.state = 'diagnosed';
	}

	async #check(): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const results = this.#region('check-results');
		const target = this.#target();
		const scenario = this.querySelector<HTMLSelectElement>('[data-scenario]')?.value ?? '';
		const model = this.querySelector<HTMLInputElement>('[data-model]')?.value.trim() || undefined;
		const allowBillableRequest =
			this.querySelector<HTMLInputElement>('[data-billable]')?.checked === true;
		this.dataset.state = 'checking';
		const list = el('ol', { class: 'ts-checklist', 'aria-label': 'Key check' });
		results.replaceChildren(
			el(
				'h3',
				{},
				target === 'practice'
					? 'Key check against the practice API'
					: 'Key check against api.openai.com',
			),
			list,
		);
		try {
			let key = keyHolder.get() ?? '';
			let options: Parameters<typeof checkKey>[1] = {
				model,
				allowBillableRequest,
				signal: controller.signal,
			};
			if (target === 'practice') {
				// Loaded only now: a visitor who only pastes errors never downloads the practice API.
				const practice = await import('../../sandbox/practice-api/index.ts');
				const api = practice.createPracticeApi();
				if (scenario) key = practice.scenarioKey(scenario);
				options = {
					...options,
					baseURL: practice.PRACTICE_BASE_URL,
					fetch: (request) => api.fetch(request),
				};
			} else {
				options = { ...options, baseURL: OPENAI_BASE_URL };
			}
			const result: KeyCheck = await checkKey(key, {
				...options,
				onStep: (step) => list.append(renderStep(step)),
			});
			if (result.diagnosis) results.append(renderDiagnosis(result.diagnosis));
			this.dataset.result = result.ok ? 'ok' : 'problem';
		} catch {
			if (controller.signal.aborted) return;
			list.append(
				el(
					'li',
					{ 'data-status': 'fail' },
					el('strong', {}, 'Failed: '),
					'The check could not run.',
				),
			);
			this.dataset.result = 'problem';
		}
		this.dataset.state = 'checked';
	}
}

if (!customElements.get('keylab-troubleshooter'))
	customElements.define('keylab-troubleshooter', KeylabTroubleshooter);
