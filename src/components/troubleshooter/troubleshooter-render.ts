/** Renders diagnoses and key-check steps for `<keylab-troubleshooter>`; text is always textContent. */
import { course, lessonPath, type LessonSlug } from '../../../sandbox/course.ts';
import type { CheckStep } from '../../../sandbox/diagnose/check-key.ts';
import type { Diagnosis, FollowUp } from '../../../sandbox/diagnose/index.ts';
import { el, uid } from '../common/dom.ts';

const STATUS_WORD: Record<CheckStep['status'], string> = {
	pass: 'Passed',
	fail: 'Failed',
	warn: 'Warning',
	skipped: 'Skipped',
};

/**
 * The catalog writes code in backticks ("`curl -I …`", "`dotenv`"), as the terminal shows it; on
 * the page those spans become <code>, still as text nodes only.
 */
function prose(text: string): (Node | string)[] {
	return text.split(/`([^`\n]+)`/).map((part, i) => (i % 2 === 1 ? el('code', {}, part) : part));
}

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

/** The other causes that fit, less likely, each with why and its own lesson. */
function alternativesOf(diagnosis: Diagnosis): HTMLElement[] {
	const alternatives = diagnosis.alternatives ?? [];
	if (alternatives.length === 0) return [];
	return [
		el(
			'p',
			{},
			el('strong', {}, alternatives.length === 1 ? 'Also possible' : 'Also possible, less likely'),
		),
		el(
			'ul',
			{ 'data-alternatives': '' },
			...alternatives.map((alternative) =>
				el(
					'li',
					{ 'data-alternative': alternative.id },
					el('strong', {}, `${alternative.title}: `),
					...prose(alternative.why),
				),
			),
		),
	];
}

/** What a screen reader hears for a diagnosis: its title and why, not the whole checklist. */
export function announcementOf(diagnosis: Diagnosis): string {
	const whose = diagnosis.provider
		? ` This error came from ${diagnosis.provider.name}, not OpenAI.`
		: '';
	return `Diagnosis: ${diagnosis.title}.${whose} ${diagnosis.explanation}`;
}

/** The diagnosis as an article: cause, evidence, fixes and the lesson link. */
export function renderDiagnosis(diagnosis: Diagnosis): HTMLElement {
	const confidence =
		diagnosis.confidence >= 0.8 ? 'high' : diagnosis.confidence >= 0.5 ? 'medium' : 'low';
	// Pasted and checked diagnoses can be on screen together: each needs its own title id.
	const titleId = uid('ts-diagnosis-title');
	return el(
		'article',
		{ 'data-diagnosis': diagnosis.id, 'aria-labelledby': titleId },
		el('h3', { id: titleId }, diagnosis.title),
		el(
			'p',
			{ class: 'ts-note' },
			`Cause: ${diagnosis.id} · ${confidence} confidence · ${diagnosis.retryable ? 'retrying later can work' : 'retrying will not help'}`,
		),
		diagnosis.provider &&
			el(
				'p',
				{ 'data-provider': diagnosis.provider.kind },
				el('strong', {}, 'Whose error: '),
				`${diagnosis.provider.name}, not OpenAI (${diagnosis.provider.evidence}).`,
			),
		el('p', {}, ...prose(diagnosis.explanation)),
		diagnosis.evidence.length > 0 && el('p', {}, el('strong', {}, 'What decided it')),
		...diagnosis.evidence.map((quote) => el('blockquote', {}, quote)),
		el('p', {}, el('strong', {}, 'How to fix it')),
		el('ol', {}, ...diagnosis.fixes.map((fix) => el('li', {}, ...prose(fix)))),
		...alternativesOf(diagnosis),
		lessonLink(diagnosis.lesson),
	);
}

/**
 * The follow-up question as radio buttons: each choice is a fact the person can check, and picking
 * one redraws the diagnosis above for that cause. "Not sure" goes back to what the text said.
 */
export function renderFollowUp(followUp: FollowUp): HTMLElement {
	const name = uid('ts-follow-up');
	const choice = (value: string, fact: string, means: string | undefined, checked = false) =>
		el(
			'label',
			{ class: 'ts-choice' },
			el('input', { type: 'radio', name, value, checked }),
			el('span', {}, ...prose(fact), means && el('span', { class: 'ts-note' }, ` Then: ${means}.`)),
		);
	return el(
		'div',
		{ class: 'ts-follow-up', 'data-follow-up': '' },
		el(
			'fieldset',
			{},
			el('legend', {}, `Not sure it fits? ${followUp.question}`),
			el(
				'p',
				{ class: 'ts-note' },
				'The error text fits more than one cause. Check one of these and pick the one that is true: the diagnosis above changes to match.',
			),
			...followUp.choices.map((option) => choice(option.id, option.sign, option.title)),
			choice('', 'Not sure: keep what the error text points to.', undefined, true),
			followUp.choices.some((option) => KEY_CHECK_TELLS.has(option.id)) &&
				el(
					'p',
					{ class: 'ts-note' },
					'Or ',
					el('a', { href: '#ts-key-heading', 'data-to-key-check': '' }, 'check the key'),
					' below: it tells a damaged key, a key OpenAI does not know, a restricted key and a missing model apart, and, if you allow one tiny request, an account without credit. Its result answers here when it can.',
				),
		),
	);
}

/** Causes the live key check below the error box can tell apart by itself. */
const KEY_CHECK_TELLS: ReadonlySet<string> = new Set([
	'invalid_key',
	'malformed_key',
	'revoked_key',
	'missing_scopes',
	'model_not_found',
	'insufficient_quota',
	'billing_not_active',
]);

/** One step of the live key check as a checklist item, with what was sent and what came back. */
export function renderStep(step: CheckStep): HTMLElement {
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
			el('ol', {}, ...step.diagnosis.fixes.slice(0, 3).map((fix) => el('li', {}, ...prose(fix)))),
		step.diagnosis && step.status === 'fail' && lessonLink(step.diagnosis.lesson),
	);
}
