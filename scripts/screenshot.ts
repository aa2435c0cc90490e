/**
 * Takes the README's screenshot of a running site: `node scripts/screenshot.ts http://127.0.0.1:4321/`.
 * Writes docs/screenshot.png (1280×800, light theme).
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/browser.ts';

const url = process.argv[2] ?? 'http://127.0.0.1:4321/';
const browser = await chromium.launch(chromiumLaunchOptions());
try {
	const page = await browser.newPage({
		viewport: { width: 1280, height: 800 },
		colorScheme: 'light',
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.screenshot({ path: 'docs/screenshot.png' });
	console.log(`docs/screenshot.png from ${url}`);
} finally {
	await browser.close();
}
