/**
 * Site search (src/components/overrides/SiteSearch.astro): Pagefind's UI loads only on intent,
 * and search still finds lessons by mouse and by keyboard.
 */
import { expect, test } from '@playwright/test';
import { appliedCss } from './support/applied-css.ts';

const isPagefindUi = (url: string) => /\/ui-core\.[\w-]+\.js$/.test(url);

test('a lesson loads no search UI, script or styles, until the learner reaches for search', async ({
	page,
}) => {
	const fetched: string[] = [];
	page.on('request', (request) => fetched.push(request.url()));
	await page.goto('/start/what-is-an-api-key/', { waitUntil: 'networkidle' });
	expect(fetched.filter(isPagefindUi)).toEqual([]);
	expect(await appliedCss(page)).not.toContain('.pagefind-ui');
	const loaded = page.waitForRequest((request) => isPagefindUi(request.url()));
	await page.getByRole('button', { name: /^Search/ }).hover();
	await loaded;
	await expect(page.locator('link[data-keylab-stylesheet="search"]')).toHaveCount(1);
	await expect.poll(() => appliedCss(page)).toContain('#starlight__search .pagefind-ui__result');
});

test('Ctrl+K opens search, a query finds the compromised-key lesson, Escape closes it', async ({
	page,
}) => {
	await page.goto('/start/what-is-an-api-key/');
	await page.keyboard.press('Control+k');
	const dialog = page.getByRole('dialog', { name: 'Search' });
	await expect(dialog).toBeVisible();
	const input = dialog.getByRole('textbox', { name: 'Search' });
	await expect(input).toBeFocused();
	await page.keyboard.type('compromised');
	await expect(
		dialog.locator('a[href*="/troubleshooting/compromised-key/"]').first(),
	).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
});

test('a click on the button opens search, and a result leads to its lesson', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: /^Search/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Search' });
	await dialog.getByRole('textbox', { name: 'Search' }).fill('rate limit');
	const result = dialog.locator('a[href*="/troubleshooting/rate-limits/"]').first();
	await result.click();
	await expect(page).toHaveURL(/\/troubleshooting\/rate-limits\//);
});

test('offline, search says why it cannot load instead of staying blank', async ({
	page,
	context,
}) => {
	await page.goto('/start/what-is-an-api-key/', { waitUntil: 'networkidle' });
	await context.setOffline(true);
	await page.keyboard.press('Control+k');
	await expect(page.getByRole('alert')).toContainText('you are offline');
});
