import type { Page } from '@playwright/test';

/**
 * Every stylesheet rule the document has applied, as text: to prove a UI's CSS (Monaco's,
 * Pagefind's) is absent from a page until that UI loads.
 */
export async function appliedCss(page: Page): Promise<string> {
	return page.evaluate(() =>
		[...document.styleSheets]
			.map((sheet) => {
				try {
					return [...sheet.cssRules].map((rule) => rule.cssText).join('\n');
				} catch {
					return '';
				}
			})
			.join('\n'),
	);
}
