import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/browser.ts';

// The engine spec serves its own bundles on a fake origin and needs no site build or preview:
// `npx playwright test -c tests/e2e/engines-harness/playwright.config.ts` runs it alone, fast.
export default defineConfig({
	testDir: '..',
	testMatch: 'engines.spec.ts',
	workers: 1,
	retries: 0,
	reporter: [['list']],
	timeout: 60_000,
	expect: { timeout: 15_000 },
	outputDir: '../../../test-results/engines',
	use: { launchOptions: chromiumLaunchOptions(), trace: 'retain-on-failure' },
});
