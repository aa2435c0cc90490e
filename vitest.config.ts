import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		// Only unit tests: Playwright specs live in tests/e2e and must never be collected here.
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Two cores on CI: keep the pool small so builds in other suites are not starved.
		maxWorkers: 2,
	},
});
