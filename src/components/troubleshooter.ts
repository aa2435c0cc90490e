/**
 * `<keylab-troubleshooter>`: diagnoses pasted errors as they are pasted (offline, nothing sent)
 * and runs the live key check. The key is read from the tab's key holder at the moment of the
 * check and never written to an attribute, the URL, storage or the console. The practice API
 * is imported only when a check runs against it.
 */
import { course, lessonPath, type LessonSlug } from '../../sandbox/course.ts';
import {
	checkKey,
	OPENAI_BASE_URL,
	type CheckStep,
	type KeyCheck,
} from '../../sandbox/diagnose/check-key.ts';
import { diagnose, type Diagnosis } from '../../sandbox/diagnose/index.ts';
import { keyHolder } from '../../sandbox/keys/key-holder.ts';
import { scrubSecrets } from '../../sandbox/keys/redact.ts';
import { el } from './dom.ts';

const STATUS_WORD: Record<CheckStep['status'], string> = {
	pass: 'Passed',
	fail: 'Failed',
	warn: 'Warning',
	skipped: 'Skipped',
};

function lessonLabel(slug: LessonSlug): string {
	for (const section of course) {
		for (const lesson of section.lessons) if (lesson.slug === slug) return lesson.label;
	}
	return slug;
}

function lessonLink(slug: LessonSlug): HTMLElement {
	return el(
		'p',
		{},
		'Lesson: ',
		el('a', { href: lessonPath(slug), 'data-lesson': slug }, lessonLabel(slug)),
	);
}

function renderDiagnosis(diagnosis: Diagnosis): HTMLElement {
	const confidence =
		diagnosis.confidence >= 0.8 ? 'high' : diagnosis.confidence >= 0.5 ? 'medium' : 'low';
	return el(
		'article',
		{ 'data-diagnosis': diagnosis.id, 'aria-labelledby': 'ts-diagnosis-title' },
		el('h3', { id: 'ts-diagnosis-title' }, diagnosis.title),
		el(
			'p',
			{ class: 'ts-note' },
			`Cause: ${diagnosis.id} · ${confidence} confidence · ${diagnosis.retryable ? 'retrying later can work' : 'retrying will not help'}`,
		),
		el('p', {}, diagnosis.explanation),
		diagnosis.evidence.length > 0 && el('p', {}, el('strong', {}, 'What decided it')),
		...diagnosis.evidence.map((quote) => el('blockquote', {}, quote)),
		el('p', {}, el('strong', {}, 'How to fix it')),
		el('ol', {}, ...diagnosis.fixes.map((fix) => el('li', {}, fix))),
		lessonLink(diagnosis.lesson),
	);
}

function renderStep(step: CheckStep): HTMLElement {
	const exchange: string[] = [];
	if (step.request) {
		exchange.push(`${step.request.method} ${step.request.url}`);
		for (const [name, value] of Object.entries(step.request.headers))
			exchange.push(`${name}: ${value}`);
	}
	if (step.response) {
		exchange.push('', `→ HTTP ${step.response.status}`);
		for (const [name, value] of Object.entries(step.response.headers))
			exchange.push(`${name}: ${value}`);
		if (step.response.error?.message) exchange.push(step.response.error.message);
	}
	return el(
		'li',
		{ 'data-step': step.id, 'data-status': step.status },
		el('strong', {}, `${STATUS_WORD[step.status]}: `),
		`${step.title}. ${step.summary}`,
		exchange.length > 0 &&
			el(
				'details',
				{},
				el('summary', {}, 'What was sent and what came back'),
				el('pre', {}, exchange.join('\n')),
			),
		step.diagnosis &&
			step.status === 'fail' &&
			el('ol', {}, ...step.diagnosis.fixes.slice(0, 3).map((fix) => el('li', {}, fix))),
		step.diagnosis && step.status === 'fail' && lessonLink(step.diagnosis.lesson),
	);
}

/** The troubleshooter element. */
export class KeylabTroubleshooter extends HTMLElement {
	#controller: AbortController | undefined;

	connectedCallback(): void {
		const textarea = this.querySelector<HTMLTextAreaElement>('[data-error-input]');
		const check = this.querySelector<HTMLButtonElement>('[data-check]');
		textarea?.addEventListener('input', () => this.#diagnose(textarea.value));
		check?.addEventListener('click', () => void this.#check());
		for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="ts-target"]')) {
			radio.addEventListener('change', () => this.#syncTarget());
		}
		this.#syncTarget();
		this.dataset.state = 'ready';
	}

	disconnectedCallback(): void {
		this.#controller?.abort();
	}

	#results(): HTMLElement {
		return this.querySelector<HTMLElement>('[data-results]') ?? this;
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

	#diagnose(text: string): void {
		const results = this.#results();
		if (text.trim() === '') {
			results.replaceChildren();
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
		results.replaceChildren(renderDiagnosis(shown));
		this.dataset.state = 'diagnosed';
	}

	async #check(): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const results = this.#results();
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
