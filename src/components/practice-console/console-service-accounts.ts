/**
 * The practice console's service accounts, read and changed through the page's Administration API
 * (`/v1/organization/...` with the practice admin key), exactly as a team's own tooling would: an
 * account created by code shows up here, and a key issued here is listed by code.
 */
import { el } from '../common/dom.ts';

/** A few calls to the page's practice Administration API. */
export interface OrgClient {
	get<T>(path: string): Promise<T>;
	post<T>(path: string, body: unknown): Promise<T>;
}

type Page<T> = { data: T[]; has_more: boolean; last_id: string | null };
type ProjectObject = { id: string; name: string; status: string };
type AccountObject = { id: string; name: string; created_at: number };
type NewKey = { id: string; value: string; name: string };

/** A client of the Administration API at `baseURL` (…/v1), answered by `fetch`. */
export function orgClient(
	fetch: (request: Request) => Promise<Response>,
	baseURL: string,
	adminKey: string,
): OrgClient {
	const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(
			new Request(`${baseURL}/organization${path}`, {
				method,
				headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
		);
		const json = (await response.json()) as T & { error?: { message?: string } | string };
		if (!response.ok) {
			const error = json.error;
			throw new Error(typeof error === 'string' ? error : (error?.message ?? response.statusText));
		}
		return json;
	};
	return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

/** Every item of a paginated list, following `has_more` and `after`. */
async function all<T extends { id: string }>(client: OrgClient, path: string): Promise<T[]> {
	const items: T[] = [];
	let after: string | null = null;
	for (let pages = 0; pages < 100; pages++) {
		const query: string = `?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`;
		const page: Page<T> = await client.get<Page<T>>(path + query);
		items.push(...page.data);
		if (!page.has_more || !page.last_id) break;
		after = page.last_id;
	}
	return items;
}

/** What the section needs from the console. */
export interface ServiceAccountActions {
	/** Shows a newly issued key once, like the platform's "Save your key". */
	reveal(secret: string, keyId: string): void;
	say(text: string): void;
}

let generation = 0;

/** Renders the service accounts of every active project; leaves the list alone while it has focus. */
export async function renderServiceAccounts(
	host: HTMLElement,
	client: OrgClient,
	on: ServiceAccountActions,
): Promise<void> {
	const mine = ++generation;
	const projects = (await all<ProjectObject>(client, '/projects')).filter(
		(p) => p.status === 'active',
	);
	const rows: HTMLElement[] = [];
	for (const project of projects) {
		const accounts = await all<AccountObject>(
			client,
			`/projects/${encodeURIComponent(project.id)}/service_accounts`,
		);
		for (const account of accounts) {
			const issue = el(
				'button',
				{ type: 'button', 'aria-label': `Issue another key for ${account.name}` },
				'Issue another key',
			);
			issue.addEventListener('click', () => {
				const date = new Date().toISOString().slice(0, 10);
				client
					.post<NewKey>(
						`/projects/${encodeURIComponent(project.id)}/service_accounts/${encodeURIComponent(account.id)}/api_keys`,
						{ name: `${account.name} ${date}` },
					)
					.then(
						(key) => {
							on.say(
								`“${account.name}” has a new key. Switch your service to it, verify, then delete the old one.`,
							);
							on.reveal(key.value, key.id);
						},
						(error: Error) => on.say(`No key issued: ${error.message}`),
					);
			});
			rows.push(
				el(
					'li',
					{ 'data-service-account': account.id },
					el('strong', {}, account.name),
					` · ${project.name} · `,
					el('code', {}, account.id),
					' ',
					issue,
				),
			);
		}
	}
	// A newer render started while this one waited, or the learner is using the list.
	if (mine !== generation || host.contains(document.activeElement)) return;
	host.replaceChildren(
		el('h4', {}, 'Service accounts'),
		el(
			'p',
			{},
			'Read through the Administration API (GET /v1/organization/projects/{id}/service_accounts), as your code sees them. “Issue another key” is the first step of a rotation with no downtime.',
		),
		rows.length
			? el('ul', { class: 'keylab-console-accounts' }, ...rows)
			: el(
					'p',
					{},
					'No service accounts yet: create a key owned by a service account, or one with the Admin API.',
				),
	);
}
