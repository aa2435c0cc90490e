/**
 * Issue 14 in the browser, with the worker engine: the new checked scenarios (an unverified
 * organization, a retry loop that knows when to stop) fail on their starters and pass on their
 * fixes, and the JavaScript / Python / curl tabs stay in sync across a page and across pages.
 */
import { expect, test } from '@playwright/test';
import { card, check, editIndex, solutionIndex, trigger } from './support/scenario-card.ts';

test.describe.configure({ timeout: 120_000 });

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
