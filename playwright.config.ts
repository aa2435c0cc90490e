import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/support/browser.ts';
import { reservePort } from './tests/e2e/support/port.ts';

// Playwright evaluates this file in every worker; the port is chosen once, in the runner, and
// inherited by the workers through the environment.
process.env.KEYLAB_E2E_PORT ??= String(await reservePort());
const port = Number(process.env.KEYLAB_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

// `KEYLAB_SKIP_BUILD=1` reuses the last build of KEYLAB_OUT_DIR while iterating on a test.
const build = process.env.KEYLAB_SKIP_BUILD ? '' : 'npm run build && ';

// Parallel runs (one per KEYLAB_OUT_DIR) keep their artifacts apart too.
const outDir = process.env.KEYLAB_OUT_DIR ?? 'dist';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `test-results/${outDir.replace(/\W/g, '_')}`,
	testMatch: '**/*.spec.ts',
	fullyParallel: true,
	// Two cores: one worker per core, Chromium is the heavy part.
	workers: process.env.CI ? 2 : 1,
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	reporter: 'list',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	use: {
		baseURL,
		launchOptions: chromiumLaunchOptions(),
		trace: 'retain-on-failure',
	},
	webServer: {
		command: `${build}npx astro preview --ignore-lock --host 127.0.0.1 --port ${port}`,
		url: baseURL,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { ASTRO_TELEMETRY_DISABLED: '1' },
	},
});
