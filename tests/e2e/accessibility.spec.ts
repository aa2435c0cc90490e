import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { lessonPath, lessonSlugs } from '../../sandbox/course.ts';
import { sitemapPaths } from './support/sitemap.ts';

// The pages are known before the site is built, so each gets its own test and the sweep spreads
// over both workers; the first test proves this list is exactly the sitemap.
const pages = ['/', ...lessonSlugs.map(lessonPath)];

test('the accessibility sweep covers every page in the sitemap', async ({ request }) => {
	expect([...(await sitemapPaths(request))].sort()).toEqual([...pages].sort());
});

for (const path of pages) {
	test(`axe finds no violations on ${path} in light and dark themes`, async ({ page }) => {
		const failures: string[] = [];
		for (const theme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: theme });
			await page.goto(path);
			const { violations } = await new AxeBuilder({ page }).analyze();
			for (const violation of violations) {
				const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
				failures.push(`${theme}: ${violation.id} (${violation.help}) at ${targets.join(', ')}`);
			}
		}
		expect(failures).toEqual([]);
	});
}
