/**
 * The practice console's body: the key list (masked keys, usage, edit/rotate/revoke) and the
 * projects (budget, rate limits). It reads and changes the page's one practice API, so keys made
 * here work in the sandbox, and usage appears as the sandbox runs.
 */
import type { KeyRecord, Project } from '../../../sandbox/practice-api/index.ts';
import { createAdmin, type PracticeAdmin } from '../../../sandbox/scenarios/admin.ts';
import { el } from '../common/dom.ts';
import {
	openCreateDialog,
	openEditDialog,
	openRevealDialog,
	RESOURCE_LABELS,
	type RevealActions,
} from '../key-field/key-dialog.ts';
import {
	CONSOLE_KEY_EVENT,
	installPracticeBridge,
	setPracticeEnv,
} from '../runtime/practice-bridge.ts';
import { getPracticeSession, practiceKey } from '../runtime/practice-session.ts';
import { renderProjects } from './console-projects.ts';
import { orgClient, renderServiceAccounts } from './console-service-accounts.ts';

/** The mounted console. */
export interface ConsoleView {
	refresh(): void;
	dispose(): void;
}

const usd = (value: number) =>
	value === 0 ? '$0.00' : value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(2)}`;

const plural = (count: number, noun: string) =>
	`${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

function permissionSummary(key: KeyRecord): string {
	const p = key.permissions;
	if (key.shape === 'admin') return 'Admin';
	if (p.kind === 'all') return 'All';
	if (p.kind === 'read_only') return 'Read only';
	const granted = Object.entries(p.resources).filter(([, access]) => access && access !== 'none');
	if (granted.length === 0) return 'Restricted (nothing)';
	return `Restricted: ${granted.map(([resource, access]) => `${RESOURCE_LABELS[resource as keyof typeof RESOURCE_LABELS].split(' (')[0]} ${access}`).join(', ')}`;
}

function keyRow(
	admin: PracticeAdmin,
	key: KeyRecord,
	projects: Map<string, Project>,
): HTMLTableRowElement {
	const usage = admin.usage(key.id);
	const revoked = key.status === 'revoked';
	const button = (action: string, text: string, disabled = false) =>
		el(
			'button',
			{
				type: 'button',
				'data-action': action,
				'data-key-id': key.id,
				disabled,
				'aria-label': `${text} ${key.name}`,
			},
			text,
		);
	return el(
		'tr',
		{ 'data-key-id': key.id, 'data-status': key.status },
		el(
			'th',
			{ scope: 'row' },
			key.name,
			// The platform's "Created by": only a service account's key needs saying so.
			key.owner === 'service_account'
				? el(
						'span',
						{ class: 'keylab-console-sub' },
						// Accounts made through the Admin API have a name; show which one owns the key.
						key.serviceAccountId && admin.state.serviceAccounts[key.serviceAccountId]
							? `Service account: ${admin.state.serviceAccounts[key.serviceAccountId].name}`
							: 'Service account',
					)
				: null,
		),
		el('td', {}, el('code', {}, key.redacted)),
		el('td', {}, projects.get(key.projectId)?.name ?? key.projectId),
		el('td', { 'data-permissions': true }, permissionSummary(key)),
		el('td', { 'data-key-status': true }, revoked ? 'Revoked' : 'Active'),
		// One column, one line per figure: three narrow columns pushed the actions off screen.
		el(
			'td',
			{ class: 'keylab-num', 'data-usage': true },
			el('span', {}, plural(usage.requests, 'request')),
			el('span', {}, plural(usage.inputTokens + usage.outputTokens, 'token')),
			el('span', {}, usd(usage.costUsd)),
		),
		el(
			'td',
			{ class: 'keylab-console-row-actions' },
			button('edit', 'Edit', revoked),
			button('rotate', 'Rotate'),
			button('revoke', 'Revoke', revoked),
		),
	);
}

// Focuses `selector`'s button in the re-rendered list; when it is disabled now (a revoked key's
// Revoke), the first enabled button of its row, so focus never falls back to the page.
function focusInList(list: HTMLElement, selector: string): void {
	const target = list.querySelector<HTMLButtonElement>(selector);
	if (!target) return;
	const row = [...(target.closest('tr')?.querySelectorAll('button') ?? [])];
	(target.disabled ? row.find((button) => !button.disabled) : target)?.focus();
}

/** Builds the console into `root` and keeps it in step with the practice API. */
export async function mountConsole(root: HTMLElement): Promise<ConsoleView> {
	const session = await getPracticeSession();
	const { api } = session;
	const admin = createAdmin(api);
	// Service accounts go through the Administration API, with the page's practice admin key.
	const org = orgClient(session.fetch, session.baseURL, await practiceKey('admin_key'));
	installPracticeBridge();
	const body = root.querySelector<HTMLElement>('[data-console-body]') ?? root;
	const status = root.querySelector<HTMLElement>('[data-console-status]');
	const say = (text: string) => status && (status.textContent = text);

	const reveal: RevealActions = {
		onUse(secret, key) {
			setPracticeEnv({
				source: 'console',
				label: `the key ${key.redacted}`,
				env: { OPENAI_API_KEY: secret },
			});
			document.dispatchEvent(
				new CustomEvent(CONSOLE_KEY_EVENT, { detail: { secret, redacted: key.redacted } }),
			);
		},
	};
	const tbody = el('tbody');
	const table = el(
		'table',
		{ class: 'keylab-console-keys' },
		el('caption', {}, 'Secret keys of this practice organization'),
		el(
			'thead',
			{},
			el(
				'tr',
				{},
				...['Name', 'Secret key', 'Project', 'Permissions', 'Status', 'Usage', 'Actions'].map((h) =>
					el('th', { scope: 'col' }, h),
				),
			),
		),
		tbody,
	);
	const create = el(
		'button',
		{ type: 'button', 'data-action': 'create' },
		'+ Create new secret key',
	);
	const projectsHost = el('div', { class: 'keylab-console-projects' });
	const accountsHost = el('div', { class: 'keylab-console-service-accounts' });
	body.replaceChildren(
		el(
			'section',
			{ 'aria-label': 'API keys' },
			el('div', { class: 'keylab-console-toolbar' }, el('h4', {}, 'API keys'), create),
			el(
				'div',
				{
					class: 'keylab-console-scroll',
					tabindex: 0,
					role: 'region',
					'aria-label': 'API keys table',
				},
				table,
			),
		),
		accountsHost,
		projectsHost,
	);

	let signature = '';
	const render = (force = false) => {
		const keys = admin.keys().filter((key) => !key.scenario);
		const next = JSON.stringify([
			keys,
			keys.map((key) => admin.usage(key.id)),
			admin.projects(),
			Object.values(admin.state.serviceAccounts),
		]);
		if (!force && next === signature) return;
		signature = next;
		const focused = document.activeElement as HTMLElement | null;
		const refocus =
			focused && tbody.contains(focused)
				? `[data-key-id="${focused.dataset.keyId}"][data-action="${focused.dataset.action}"]`
				: undefined;
		const projects = new Map(admin.projects().map((p) => [p.id, p]));
		tbody.replaceChildren(...keys.map((key) => keyRow(admin, key, projects)));
		if (keys.length === 0)
			tbody.append(el('tr', {}, el('td', { colspan: 10 }, 'No keys yet. Create one.')));
		if (refocus) focusInList(tbody, refocus);
		renderProjects(projectsHost, admin, say);
		renderServiceAccounts(accountsHost, org, {
			say,
			reveal(secret, keyId) {
				render(true);
				const record = admin.state.keys[keyId];
				if (record) openRevealDialog(root, secret, record, reveal);
			},
		}).catch((error: unknown) => say(`Service accounts could not be read: ${String(error)}`));
	};

	create.addEventListener('click', () =>
		openCreateDialog(root, admin, { ...reveal, onChange: () => render(true) }),
	);
	tbody.addEventListener('click', (event) => {
		const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
		const key = button?.dataset.keyId ? admin.state.keys[button.dataset.keyId] : undefined;
		if (!button || !key) return;
		const action = button.dataset.action;
		if (action === 'edit')
			openEditDialog(root, admin, key, () => (render(true), say(`Saved “${key.name}”.`)));
		if (action === 'rotate') {
			const fresh = admin.rotateKey(key.id);
			render(true);
			say(`“${key.name}” was rotated: the old key is revoked.`);
			openRevealDialog(root, fresh.secret, fresh.record, reveal);
		}
		if (action === 'revoke') {
			// A second click confirms, so one stray click does not break a working key.
			if (button.dataset.confirm !== 'true') {
				button.dataset.confirm = 'true';
				button.textContent = 'Confirm revoke';
				// The name must say it too, or a screen reader still hears "Revoke" (WCAG 2.5.3).
				button.setAttribute('aria-label', `Confirm revoke ${key.name}`);
				return;
			}
			admin.revokeKey(key.id);
			render(true);
			say(`“${key.name}” is revoked. Requests with it now fail with 401 invalid_api_key.`);
		}
	});

	render(true);
	// Usage changes whenever the sandbox runs; the practice API has no events, so look once a second.
	const timer = window.setInterval(() => render(), 1000);
	return { refresh: () => render(true), dispose: () => window.clearInterval(timer) };
}
