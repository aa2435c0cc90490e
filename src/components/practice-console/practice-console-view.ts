/**
 * The practice console's body: the key list (masked keys, usage, edit/rotate/revoke) and the
 * projects (budget, rate limits). It reads and changes the page's one practice API, so keys made
 * here work in the sandbox, and usage appears as the sandbox runs. As on the platform, a revoked
 * key (and a rotated key's old secret) leaves the list: the list is the Admin API's.
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
	const button = (action: string, text: string) =>
		el(
			'button',
			{
				type: 'button',
				'data-action': action,
				'data-key-id': key.id,
				'aria-label': `${text} ${key.name}`,
			},
			text,
		);
	return el(
		'tr',
		{ 'data-key-id': key.id },
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
			button('edit', 'Edit'),
			button('rotate', 'Rotate'),
			button('revoke', 'Revoke'),
		),
	);
}

const COLUMNS = ['Name', 'Secret key', 'Project', 'Permissions', 'Usage', 'Actions'];

/** A key-list button that had focus before the list re-rendered, and where its row was. */
interface ListFocus {
	keyId: string | undefined;
	action: string | undefined;
	row: number;
}

// Focuses the same button in the re-rendered list. When its key has left the list (revoked,
// rotated, deleted by code), the same button of the row that took its place, or of the row above
// when it was the last; with no key left, `fallback`. Focus never drops to the page.
function focusInList(list: HTMLElement, from: ListFocus, fallback: HTMLElement): void {
	const rows = [...list.querySelectorAll<HTMLTableRowElement>('tr[data-key-id]')];
	const row =
		rows.find((candidate) => candidate.dataset.keyId === from.keyId) ??
		rows[Math.min(from.row, rows.length - 1)];
	const action = from.action ? `[data-action="${CSS.escape(from.action)}"]` : 'button';
	(row?.querySelector<HTMLElement>(action) ?? fallback).focus();
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
		el('thead', {}, el('tr', {}, ...COLUMNS.map((h) => el('th', { scope: 'col' }, h)))),
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
	// `focus` names the button to focus instead of the one that had focus (a rotation's new key).
	const render = (force = false, focus?: ListFocus) => {
		const keys = admin.listedKeys();
		const next = JSON.stringify([
			keys,
			keys.map((key) => admin.usage(key.id)),
			admin.projects(),
			Object.values(admin.state.serviceAccounts),
		]);
		if (!force && next === signature) return;
		signature = next;
		const focused = document.activeElement as HTMLElement | null;
		const rows = [...tbody.querySelectorAll('tr')];
		const refocus =
			focus ??
			(focused && tbody.contains(focused)
				? {
						keyId: focused.dataset.keyId,
						action: focused.dataset.action,
						row: rows.findIndex((row) => row.contains(focused)),
					}
				: undefined);
		const projects = new Map(admin.projects().map((p) => [p.id, p]));
		tbody.replaceChildren(...keys.map((key) => keyRow(admin, key, projects)));
		if (keys.length === 0)
			tbody.append(
				el(
					'tr',
					{ 'data-empty': true },
					el(
						'td',
						{ colspan: COLUMNS.length },
						'No secret keys. Create one with “+ Create new secret key”.',
					),
				),
			);
		if (refocus) focusInList(tbody, refocus, create);
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
			// The old row is gone; its replacement's Rotate opens the dialog, so focus returns there.
			render(true, { keyId: fresh.id, action: 'rotate', row: 0 });
			say(
				`“${key.name}” was rotated: the old key was revoked and removed, so requests with it now fail with 401 invalid_api_key.`,
			);
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
			say(
				`“${key.name}” was revoked and removed: requests with it now fail with 401 invalid_api_key.`,
			);
		}
	});

	render(true);
	// Usage changes whenever the sandbox runs; the practice API has no events, so look once a second.
	const timer = window.setInterval(() => render(), 1000);
	return { refresh: () => render(true), dispose: () => window.clearInterval(timer) };
}
