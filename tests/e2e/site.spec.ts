import { expect, test } from '@playwright/test';
import { lessonPath, lessonSlugs } from '../../sandbox/course.ts';
import { sitemapPaths } from './support/sitemap.ts';

test('pages are cross-origin isolated, so a WebContainer can boot', async ({ page }) => {
	const response = await page.goto('/start/what-is-an-api-key/');
	expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
	expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
});

test('the landing page says what keylab is and leads into the course and the troubleshooter', async ({
	page,
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('OpenAI API key');
	await page.getByRole('link', { name: 'Start the course' }).click();
	await expect(page).toHaveURL(/\/start\/what-is-an-api-key\/$/);
	await page.goto('/');
	await page.getByRole('link', { name: 'Fix a failing key' }).click();
	await expect(page).toHaveURL(/\/troubleshooter\/$/);
});

test('every lesson of the course is built, listed in the sitemap and in the sidebar', async ({
	page,
	request,
}) => {
	const listed = new Set(await sitemapPaths(request));
	await page.goto('/start/what-is-an-api-key/');
	const sidebar = page.getByRole('navigation', { name: 'Main' });
	for (const slug of lessonSlugs) {
		const path = lessonPath(slug);
		expect(listed.has(path), `${path} in the sitemap`).toBe(true);
		await expect(sidebar.locator(`a[href="${path}"]`), `${path} in the sidebar`).toHaveCount(1);
	}
});

test('a lesson says when its platform facts were last checked', async ({ page }) => {
	await page.goto('/keys/generate-your-first-key/');
	const note = page.getByText('Checked against OpenAI’s platform on');
	await expect(note).toBeVisible();
	await expect(note.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
});

test('the "On this page" column starts where it ends up, even before the main pane arrives', async ({
	page,
}) => {
	// Starlight's HTML has the column before the main pane; a page arriving in pieces was painted
	// with the column alone at the left, then moved right (a layout shift of 0.41 on this lesson).
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/using/first-call/');
	const column = page.locator('.right-sidebar');
	const across = async () => {
		const box = await column.boundingBox();
		return { x: box?.x, width: box?.width };
	};
	const settled = await across();
	expect(settled.x ?? 0).toBeGreaterThan(900);
	// As the browser sees it before the parser has reached the main pane.
	await page.locator('.main-pane').evaluate((pane) => pane.remove());
	expect(await across()).toEqual(settled);
});

test('a missing address answers 404 with a way back to every lesson and the troubleshooter', async ({
	page,
}) => {
	const response = await page.goto('/keys/generate-a-key/');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
	await expect(page).toHaveTitle(/^Page not found/);
	const main = page.getByRole('main');
	for (const slug of lessonSlugs)
		await expect(main.locator(`a[href="${lessonPath(slug)}"]`), slug).not.toHaveCount(0);
	await main.getByRole('link', { name: 'Fix a failing key' }).click();
	await expect(page).toHaveURL(/\/troubleshooter\/$/);
});

/** WCAG contrast ratio of two `rgb()`/hex colours. */
function contrast(a: string, b: string): number {
	const channels = (colour: string): number[] =>
		colour.startsWith('#')
			? [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16))
			: (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
	const luminance = (colour: string): number => {
		const [r, g, b] = channels(colour).map((value) => {
			const c = value / 255;
			return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

for (const theme of ['light', 'dark'] as const) {
	test(`the logo stands out from the header in the ${theme} theme`, async ({ page, request }) => {
		await page.emulateMedia({ colorScheme: theme });
		await page.goto('/');
		const logo = page.locator('header .site-title img:visible');
		await expect(logo).toHaveCount(1);
		const svg = await (await request.get((await logo.getAttribute('src')) ?? '')).text();
		const strokes = new Set([...svg.matchAll(/stroke="(#[0-9a-f]{6})"/gi)].map((m) => m[1]));
		expect(strokes.size, 'one drawn colour').toBe(1);
		const header = await page
			.locator('header.header')
			.evaluate((element) => getComputedStyle(element).backgroundColor);
		// WCAG 1.4.11: graphics that identify the site need 3:1 against what is behind them.
		expect(contrast([...strokes][0], header)).toBeGreaterThanOrEqual(3);
	});
}
