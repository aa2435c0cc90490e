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

test('axe still sees a contrast failure in the last block of a lesson', async ({ page }) => {
	// Lesson blocks skip layout while the page loads (content-visibility in src/styles/keylab.css)
	// and are laid out at `load`; a sweep that skipped blocks would pass pages it never checked.
	await page.goto('/using/first-call/');
	const lastBlock = page.locator('.sl-markdown-content > p').last();
	await lastBlock.evaluate((block) => {
		block.style.color = '#777';
		block.style.background = '#888';
	});
	expect(await lastBlock.evaluate((block) => getComputedStyle(block).contentVisibility)).toBe(
		'visible',
	);
	const { violations } = await new AxeBuilder({ page })
		.setLegacyMode(true)
		.withRules(['color-contrast'])
		.analyze();
	expect(violations.map((violation) => violation.id)).toEqual(['color-contrast']);
});

// The page's structure is the same in both themes; only colours change. The dark pass runs the
// rules that read colours, which keeps the sweep fast enough to cover every page on every run.
const colourRules = ['color-contrast', 'link-in-text-block'];

// The 404 page is in no sitemap; a missing address shows it.
for (const path of [...pages, '/no-such-page/']) {
	test(`axe finds no violations on ${path} in light and dark themes`, async ({ page }) => {
		const failures: string[] = [];
		for (const theme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: theme });
			await page.goto(path);
			// Legacy mode runs axe in the page itself instead of opening a page per run to merge
			// frame results: twice as fast, and these pages have no cross-origin frame to merge.
			const axe = new AxeBuilder({ page }).setLegacyMode(true);
			const { violations } = await (theme === 'dark' ? axe.withRules(colourRules) : axe).analyze();
			for (const violation of violations) {
				const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
				failures.push(`${theme}: ${violation.id} (${violation.help}) at ${targets.join(', ')}`);
			}
		}
		expect(failures).toEqual([]);
	});
}
