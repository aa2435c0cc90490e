/**
 * Issue 14 in the browser, with the worker engine: the new checked scenarios (an unverified
 * organization, a retry loop that knows when to stop) fail on their starters and pass on their
 * fixes, and the JavaScript / Python / curl tabs stay in sync across a page and across pages.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PRACTICE_BASE_URL } from '../../sandbox/practice-api/index.ts';
import { getScenario } from '../../sandbox/scenarios/index.ts';

test.describe.configure({ timeout: 120_000 });

const card = (page: Page, id: string) => page.locator(`keylab-scenario[data-scenario="${id}"]`);
const sandbox = (page: Page) => page.locator('keylab-sandbox').first();

async function trigger(scenario: Locator): Promise<void> {
	await scenario.getByRole('button', { name: 'Trigger' }).click();
	await expect(scenario).toHaveAttribute('data-state', 'triggered');
}

/** Presses Check and waits for this check (not an earlier one) to finish. */
async function check(scenario: Locator, expected: 'passed' | 'failed'): Promise<string> {
	const before = Number((await scenario.getAttribute('data-checks')) ?? 0);
	await scenario.getByRole('button', { name: 'Check' }).click();
	await expect(scenario).toHaveAttribute('data-checks', String(before + 1), { timeout: 60_000 });
	await expect(scenario).toHaveAttribute('data-state', expected);
	return (await scenario.getByRole('status').textContent()) ?? '';
}

/** Replaces index.js by typing into the editor, as a learner would. */
async function editIndex(page: Page, contents: string): Promise<void> {
	await sandbox(page).getByRole('tab', { name: 'index.js' }).click();
	await sandbox(page).getByRole('tabpanel').locator('pre').first().click();
	await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
	await sandbox(page).locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText(contents);
}

const context = { env: {}, ids: {}, secrets: {}, baseURL: PRACTICE_BASE_URL };
const solutionIndex = (id: string) =>
	getScenario(id)
		.solution(context)
		.find((file) => file.path === 'index.js')?.contents ?? '';

test('organization not verified: the stream is refused, another model streams', async ({
	page,
}) => {
	await page.goto('/start/create-your-account/?engine=worker');
	const scenario = card(page, 'organization-not-verified');
	await trigger(scenario);
	expect(await check(scenario, 'failed')).toContain('must be verified to stream');
	await expect(scenario.locator('[data-check-output]')).toContainText(
		'400 Your organization must be verified to stream this model.',
	);
	await editIndex(page, solutionIndex('organization-not-verified'));
	expect(await check(scenario, 'passed')).toContain('gpt-6-luna answered');
});

test('retry loop: the too-large request is retried by the starter, sent once by the fix', async ({
	page,
}) => {
	await page.goto('/troubleshooting/rate-limits/?engine=worker');
	const scenario = card(page, 'retry-loop');
	await trigger(scenario);
	expect(await check(scenario, 'failed')).toContain('"Request too large" request was sent');
	await editIndex(page, solutionIndex('retry-loop'));
	expect(await check(scenario, 'passed')).toContain('the too-large request was sent once');
});

test('language tabs stay in sync on a page and across pages', async ({ page }) => {
	await page.goto('/using/first-call/');
	const groups = page.locator('starlight-tabs[data-sync-key="language"]');
	expect(await groups.count()).toBeGreaterThanOrEqual(3);
	await groups.first().getByRole('tab', { name: 'Python' }).click();
	// includeHidden: the streaming sample's group sits in a closed <details>.
	for (const group of await groups.all()) {
		await expect(group.getByRole('tab', { name: 'Python', includeHidden: true })).toHaveAttribute(
			'aria-selected',
			'true',
		);
	}
	await expect(page.getByText('first-request.py').first()).toBeVisible();
	await page.goto('/troubleshooting/model-not-found/');
	await expect(
		page.locator('starlight-tabs[data-sync-key="language"]').first().getByRole('tab', {
			name: 'Python',
		}),
	).toHaveAttribute('aria-selected', 'true');
});
