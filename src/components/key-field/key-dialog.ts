/**
 * The practice console's "Create new secret key" and "Edit key" dialogs, with the platform's
 * fields (owner, name, project, permissions) and its "Save your key" step: the secret is shown
 * once, in this dialog, and removed from the page when it closes.
 */
import { RESOURCES } from '../../../sandbox/practice-api/state.ts';
import type {
	Access,
	KeyRecord,
	Permissions,
	Resource,
} from '../../../sandbox/practice-api/state.ts';
import type { PracticeAdmin } from '../../../sandbox/scenarios/admin.ts';
import { el, uid } from '../common/dom.ts';

/** The platform's names for the restrictable resources. */
export const RESOURCE_LABELS: Record<Resource, string> = {
	models: 'Models (list and read)',
	model_capabilities: 'Model capabilities (chat, embeddings, images…)',
	responses: 'Responses API',
	assistants: 'Assistants',
	threads: 'Threads',
	evals: 'Evals',
	fine_tuning: 'Fine-tuning',
	files: 'Files',
	vector_stores: 'Vector stores',
	batch: 'Batch',
	realtime: 'Realtime',
};

/** What the console does with a freshly revealed secret. */
export interface RevealActions {
	onUse(secret: string, key: KeyRecord): void;
}

function radios(
	name: string,
	legend: string,
	options: [string, string][],
	checked: string,
): HTMLFieldSetElement {
	return el(
		'fieldset',
		{ class: 'keylab-console-choice' },
		el('legend', {}, legend),
		...options.map(([value, text]) =>
			el(
				'label',
				{},
				el('input', { type: 'radio', name, value, checked: value === checked }),
				` ${text}`,
			),
		),
	);
}

function resourceRows(id: string, permissions: Permissions | undefined): HTMLFieldSetElement {
	const granted = permissions?.kind === 'restricted' ? permissions.resources : {};
	return el(
		'fieldset',
		{ class: 'keylab-console-resources', 'data-resources': true },
		el('legend', {}, 'Resources'),
		...RESOURCES.map((resource) => {
			const selectId = `${id}-${resource}`;
			const select = el('select', { id: selectId, name: `resource-${resource}` });
			for (const access of ['none', 'read', 'write'] as const) {
				const option = el('option', { value: access }, access[0].toUpperCase() + access.slice(1));
				option.selected = (granted[resource] ?? 'none') === access;
				select.append(option);
			}
			return el(
				'div',
				{ class: 'keylab-console-resource' },
				el('label', { for: selectId }, RESOURCE_LABELS[resource]),
				select,
			);
		}),
	);
}

function readPermissions(form: HTMLFormElement): Permissions {
	const data = new FormData(form);
	const kind = data.get('permissions');
	if (kind === 'read_only') return { kind: 'read_only' };
	if (kind !== 'restricted') return { kind: 'all' };
	const resources: Partial<Record<Resource, Access>> = {};
	for (const resource of RESOURCES) {
		const access = data.get(`resource-${resource}`) as Access | null;
		if (access && access !== 'none') resources[resource] = access;
	}
	return { kind: 'restricted', resources };
}

function dialogShell(
	host: HTMLElement,
	title: string,
): { dialog: HTMLDialogElement; form: HTMLFormElement; id: string } {
	const id = uid('keylab-kd');
	const form = el('form', { method: 'dialog' }, el('h4', { id: `${id}-title` }, title));
	const dialog = el(
		'dialog',
		{ class: 'keylab-console-dialog', 'aria-labelledby': `${id}-title` },
		form,
	);
	// The browser returns focus to the opener on close, but the key list may have re-rendered
	// it meanwhile (a save, a rotation); then focus its replacement.
	const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
	const { keyId, action } = opener?.dataset ?? {};
	// Closing removes the dialog, and with it any secret it showed.
	dialog.addEventListener('close', () => {
		dialog.remove();
		if (opener?.isConnected || !keyId || !action) return;
		const selector = `[data-key-id="${CSS.escape(keyId)}"][data-action="${CSS.escape(action)}"]`;
		host.querySelector<HTMLElement>(selector)?.focus();
	});
	host.append(dialog);
	return { dialog, form, id };
}

function permissionFields(
	form: HTMLFormElement,
	id: string,
	current: Permissions | undefined,
): void {
	const kind = current?.kind ?? 'all';
	const choice = radios(
		`permissions`,
		'Permissions',
		[
			['all', 'All'],
			['restricted', 'Restricted'],
			['read_only', 'Read only'],
		],
		kind,
	);
	const rows = resourceRows(id, current);
	rows.hidden = kind !== 'restricted';
	choice.addEventListener(
		'change',
		() => (rows.hidden = readPermissions(form).kind !== 'restricted'),
	);
	form.append(choice, rows);
}

function actions(...buttons: HTMLButtonElement[]): HTMLDivElement {
	return el('div', { class: 'keylab-console-actions' }, ...buttons);
}

/** Shows the secret once, with Copy and "Use in sandbox". */
function reveal(
	dialog: HTMLDialogElement,
	form: HTMLFormElement,
	secret: string,
	key: KeyRecord,
	on: RevealActions,
): void {
	const inputId = uid('keylab-secret');
	const input = el('input', {
		id: inputId,
		readonly: true,
		class: 'keylab-console-secret',
		'data-secret': true,
		spellcheck: 'false',
	});
	input.value = secret;
	const copy = el('button', { type: 'button' }, 'Copy');
	const note = el('p', { role: 'status', 'aria-live': 'polite', class: 'keylab-console-note' });
	copy.addEventListener('click', () => {
		navigator.clipboard?.writeText(secret).then(
			() => (note.textContent = 'Copied.'),
			() => (note.textContent = 'Copy failed: select the key and copy it yourself.'),
		);
	});
	const use = el('button', { type: 'button', 'data-action': 'use-key' }, 'Use in sandbox');
	use.addEventListener('click', () => {
		on.onUse(secret, key);
		note.textContent = `The sandbox’s practice runs now use ${key.redacted}.`;
	});
	const done = el('button', { type: 'submit', value: 'done' }, 'Done');
	form.replaceChildren(
		el('h4', { id: dialog.getAttribute('aria-labelledby') ?? undefined }, 'Save your key'),
		el(
			'p',
			{},
			'Save this secret key somewhere safe. For security reasons you won’t be able to see it again: the console shows only its masked form from now on. If you lose it, rotate it.',
		),
		el('label', { for: inputId }, `Secret key for “${key.name}”`),
		el('div', { class: 'keylab-console-secret-row' }, input, copy),
		note,
		actions(use, done),
	);
	input.focus();
	input.select();
}

/** Opens "Create new secret key"; `onChange` runs after anything was created. */
export function openCreateDialog(
	host: HTMLElement,
	admin: PracticeAdmin,
	on: RevealActions & { onChange(): void },
): HTMLDialogElement {
	const { dialog, form, id } = dialogShell(host, 'Create new secret key');
	const owner = radios(
		'owner',
		'Owned by',
		[
			['user', 'You'],
			['service_account', 'Service account'],
		],
		'user',
	);
	const nameId = `${id}-name`;
	const projectId = `${id}-project`;
	const project = el('select', { id: projectId, name: 'project' });
	for (const p of admin
		.projects()
		.filter((p) => p.orgId === admin.state.defaultOrgId && p.status === 'active')) {
		project.append(el('option', { value: p.id }, p.name));
	}
	project.append(el('option', { value: 'new' }, '+ Create a new project'));
	project.value = admin.state.defaultProjectId;
	const newProject = el(
		'div',
		{ class: 'keylab-console-new-project', hidden: true },
		el('label', { for: `${id}-pname` }, 'Project name'),
		el('input', { id: `${id}-pname`, name: 'projectName', autocomplete: 'off' }),
		el('label', { for: `${id}-pdesc` }, 'Description (optional)'),
		el('input', { id: `${id}-pdesc`, name: 'projectDescription', autocomplete: 'off' }),
	);
	project.addEventListener('change', () => (newProject.hidden = project.value !== 'new'));
	form.append(
		owner,
		el('label', { for: nameId }, 'Name (optional)'),
		el('input', { id: nameId, name: 'name', placeholder: 'My Test Key', autocomplete: 'off' }),
		el('label', { for: projectId }, 'Project'),
		project,
		newProject,
	);
	permissionFields(form, id, undefined);
	const error = el('p', { class: 'keylab-console-error', role: 'alert' });
	const cancel = el('button', { type: 'button' }, 'Cancel');
	cancel.addEventListener('click', () => dialog.close());
	form.append(
		error,
		actions(
			cancel,
			el('button', { type: 'submit', 'data-action': 'create-key' }, 'Create secret key'),
		),
	);
	form.addEventListener('submit', (event) => {
		if (dialog.dataset.revealed) return;
		event.preventDefault();
		const data = new FormData(form);
		const text = (name: string) => {
			const value = data.get(name);
			return typeof value === 'string' ? value.trim() : '';
		};
		let target = project.value;
		if (target === 'new') {
			const name = text('projectName');
			if (!name) {
				error.textContent = 'Give the new project a name.';
				return;
			}
			target = admin.createProject({
				name,
				description: text('projectDescription'),
			}).id;
		}
		const minted = admin.createKey({
			name: text('name') || 'Secret key',
			owner: data.get('owner') === 'service_account' ? 'service_account' : 'user',
			projectId: target,
			permissions: readPermissions(form),
		});
		dialog.dataset.revealed = 'true';
		on.onChange();
		reveal(dialog, form, minted.secret, minted.record, on);
	});
	dialog.showModal();
	return dialog;
}

/** Opens "Edit key": its name and permissions, as the platform allows after creation. */
export function openEditDialog(
	host: HTMLElement,
	admin: PracticeAdmin,
	key: KeyRecord,
	onChange: () => void,
): HTMLDialogElement {
	const { dialog, form, id } = dialogShell(host, `Edit “${key.name}”`);
	const nameId = `${id}-name`;
	const name = el('input', { id: nameId, name: 'name', autocomplete: 'off' });
	name.value = key.name;
	form.append(el('label', { for: nameId }, 'Name'), name);
	permissionFields(form, id, key.permissions);
	const cancel = el('button', { type: 'button' }, 'Cancel');
	cancel.addEventListener('click', () => dialog.close());
	form.append(actions(cancel, el('button', { type: 'submit', 'data-action': 'save-key' }, 'Save')));
	form.addEventListener('submit', () => {
		admin.rename(key.id, name.value.trim() || key.name);
		admin.setPermissions(key.id, readPermissions(form));
		onChange();
	});
	dialog.showModal();
	return dialog;
}

/** After a rotation: the new secret, shown once. */
export function openRevealDialog(
	host: HTMLElement,
	secret: string,
	key: KeyRecord,
	on: RevealActions,
): HTMLDialogElement {
	const { dialog, form } = dialogShell(host, 'Save your key');
	reveal(dialog, form, secret, key, on);
	dialog.showModal();
	form.querySelector<HTMLInputElement>('[data-secret]')?.focus();
	return dialog;
}
