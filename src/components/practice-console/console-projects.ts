/** The practice console's projects: id, spend, monthly budget and per-model rate limits. */
import type { Project } from '../../../sandbox/practice-api/index.ts';
import { servedModels } from '../../../sandbox/practice-api/models.ts';
import type { PracticeAdmin } from '../../../sandbox/scenarios/admin.ts';
import { el, uid } from '../common/dom.ts';
import { RECOMMENDED_MODEL } from '../../../sandbox/models/registry.ts';

// Aliases only (no dated snapshots), and only models that still answer today.
const MODEL_IDS = servedModels(Date.now())
	.filter((m) => !/-\d{4}-\d{2}-\d{2}$/.test(m.id) && (m.kind === 'chat' || m.kind === 'reasoning'))
	.map((m) => m.id);

/** A label and its control, wrapping as one: a label never ends a line without its field. */
const field = (text: string, control: HTMLInputElement | HTMLSelectElement) =>
	el('span', { class: 'keylab-console-field' }, el('label', { for: control.id }, text), control);

function projectCard(
	project: Project,
	admin: PracticeAdmin,
	say: (text: string) => void,
): HTMLElement {
	const id = uid('keylab-proj');
	const budget = el('input', {
		id: `${id}-budget`,
		type: 'number',
		min: '0.01',
		step: '0.01',
		inputmode: 'decimal',
		placeholder: 'No budget',
	});
	budget.value = project.monthlyBudgetUsd === null ? '' : String(project.monthlyBudgetUsd);
	const budgetForm = el(
		'form',
		{ class: 'keylab-console-inline', 'data-form': 'budget' },
		field('Monthly budget (USD)', budget),
		el('button', { type: 'submit' }, 'Save budget'),
	);
	budgetForm.addEventListener('submit', (event) => {
		event.preventDefault();
		const value = budget.value.trim() === '' ? null : Number(budget.value);
		try {
			admin.setBudget(project.id, value);
			say(
				value === null
					? `${project.name}: no monthly budget.`
					: `${project.name}: requests fail with 429 insufficient_quota once $${value} is spent this month.`,
			);
		} catch (error) {
			say(`Not saved: ${(error as Error).message}`);
		}
	});
	const model = el(
		'select',
		{ id: `${id}-model` },
		...MODEL_IDS.map((m) => el('option', { value: m }, m)),
	);
	model.value = RECOMMENDED_MODEL;
	const rpm = el('input', {
		id: `${id}-rpm`,
		type: 'number',
		min: '1',
		step: '1',
		placeholder: 'default',
	});
	const tpm = el('input', {
		id: `${id}-tpm`,
		type: 'number',
		min: '1',
		step: '1',
		placeholder: 'default',
	});
	const limitsForm = el(
		'form',
		{ class: 'keylab-console-inline', 'data-form': 'limits' },
		field('Model', model),
		field('Requests / min', rpm),
		field('Tokens / min', tpm),
		el('button', { type: 'submit' }, 'Save limits'),
	);
	limitsForm.addEventListener('submit', (event) => {
		event.preventDefault();
		const limits = {
			rpm: rpm.value ? Number(rpm.value) : undefined,
			tpm: tpm.value ? Number(tpm.value) : undefined,
		};
		try {
			admin.setRateLimit(project.id, model.value, limits);
			say(`${project.name}: limits for ${model.value} saved.`);
		} catch (error) {
			say(`Not saved: ${(error as Error).message}`);
		}
	});
	const limits = Object.entries(project.rateLimits).map(
		([m, l]) => `${m}: ${l.rpm ?? 'default'} RPM, ${l.tpm ?? 'default'} TPM`,
	);
	return el(
		'article',
		{ class: 'keylab-console-project', 'data-project-id': project.id },
		el('h5', {}, project.name),
		el('p', {}, el('code', {}, project.id), project.description ? ` · ${project.description}` : ''),
		el(
			'p',
			{},
			`Spent this month: $${project.spendUsd.toFixed(4)}${project.monthlyBudgetUsd !== null ? ` of $${project.monthlyBudgetUsd}` : ''}.`,
			project.allowedModels ? ` Allowed models: ${project.allowedModels.join(', ')}.` : '',
		),
		limits.length ? el('p', {}, `Rate limits: ${limits.join('; ')}.`) : null,
		budgetForm,
		limitsForm,
	);
}

/** Renders the projects of the default organization; leaves forms alone while one has focus. */
export function renderProjects(
	host: HTMLElement,
	admin: PracticeAdmin,
	say: (text: string) => void,
): void {
	if (host.contains(document.activeElement)) return;
	const projects = admin
		.projects()
		.filter((p) => p.orgId === admin.state.defaultOrgId && p.status === 'active');
	host.replaceChildren(
		el('h4', {}, 'Projects'),
		...projects.map((project) => projectCard(project, admin, say)),
	);
}
