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
