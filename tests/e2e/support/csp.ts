import type { Page } from '@playwright/test';

/** One `securitypolicyviolation` event, as the page saw it. */
export interface Violation {
	directive: string;
	blockedURI: string;
	sample: string;
}

declare global {
	interface Window {
		__keylabViolations?: Violation[];
	}
}

/**
 * Records every CSP violation the page reports, from before its first script runs. Playwright's
 * init scripts are exempt from the page's CSP, so the recorder itself is never blocked.
 */
export async function recordViolations(page: Page): Promise<void> {
	await page.addInitScript(() => {
		window.__keylabViolations = [];
		document.addEventListener('securitypolicyviolation', (event) => {
			window.__keylabViolations?.push({
				directive: event.effectiveDirective,
				blockedURI: event.blockedURI,
				sample: event.sample,
			});
		});
	});
}

/** The violations recorded so far on the current document. */
export function violations(page: Page): Promise<Violation[]> {
	return page.evaluate(() => window.__keylabViolations ?? []);
}
