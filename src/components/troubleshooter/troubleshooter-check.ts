/**
 * The live key check of the troubleshooter, loaded when Check key is first pressed: a visitor
 * who only pastes errors never downloads it, nor the practice API it may import.
 */
import { checkKey, OPENAI_BASE_URL } from '../../../sandbox/diagnose/check-key.ts';
import type { KeyCheck } from '../../../sandbox/diagnose/check-types.ts';
import { checkVerdict } from '../../../sandbox/diagnose/check-verdict.ts';
import { el } from '../common/dom.ts';
import type { DiagnosisView } from './troubleshooter-diagnosis.ts';
import { renderDiagnosis, renderStep } from './troubleshooter-render.ts';

/** What to check and against what, as read from the form at the moment of the click. */
export interface CheckRequest {
	target: 'practice' | 'openai';
	/** A practice-API scenario key to use instead of `key`; '' for the typed key. */
	scenario: string;
	key: string;
	model: string | undefined;
	allowBillableRequest: boolean;
	signal: AbortSignal;
}

/** Runs the check into `results` step by step; resolves with what it found. */
export async function runKeyCheck(results: HTMLElement, request: CheckRequest): Promise<KeyCheck> {
	const list = el('ol', { class: 'ts-checklist', 'aria-label': 'Key check' });
	results.replaceChildren(
		el(
			'h3',
			{},
			request.target === 'practice'
				? 'Key check against the practice API'
				: 'Key check against api.openai.com',
		),
		list,
	);
	let key = request.key;
	let options: Parameters<typeof checkKey>[1] = {
		model: request.model,
		allowBillableRequest: request.allowBillableRequest,
		signal: request.signal,
		baseURL: OPENAI_BASE_URL,
	};
	if (request.target === 'practice') {
		// Loaded only now: a visitor who only pastes errors never downloads the practice API.
		const practice = await import('../../../sandbox/practice-api/index.ts');
		const api = practice.createPracticeApi();
		if (request.scenario) key = practice.scenarioKey(request.scenario);
		options = {
			...options,
			baseURL: practice.PRACTICE_BASE_URL,
			fetch: (fetchRequest) => api.fetch(fetchRequest),
		};
	}
	const result = await checkKey(key, {
		...options,
		onStep: (step) => list.append(renderStep(step)),
	});
	if (result.diagnosis) results.append(renderDiagnosis(result.diagnosis));
	return result;
}

/**
 * Lets the check answer the follow-up question on screen (check-verdict.ts): the choices it rules
 * out say so, and when it points to one choice that radio is picked, as if the person had (they
 * can still change it). Returns the diagnosis view for that choice.
 */
export function answerFromCheck(
	question: HTMLElement,
	view: DiagnosisView,
	check: KeyCheck,
): DiagnosisView | undefined {
	if (!view.followUp) return undefined;
	const verdict = checkVerdict(view.followUp, check);
	for (const note of question.querySelectorAll('[data-ruled-out]')) note.remove();
	for (const id of verdict.ruledOut)
		question
			.querySelector(`input[value="${id}"] + span`)
			?.append(
				el(
					'span',
					{ class: 'ts-note', 'data-ruled-out': '' },
					' The key check rules this out for the key you checked.',
				),
			);
	const radio =
		verdict.choice && question.querySelector<HTMLInputElement>(`input[value="${verdict.choice}"]`);
	if (!verdict.choice || !radio) return undefined;
	radio.checked = true;
	return view.answer(verdict.choice, verdict.finding);
}
