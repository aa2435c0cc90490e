/**
 * The built site on a plain static host: scripts/serve-static.ts serves the build output with
 * the headers from its `_headers` (public/_headers), the way Netlify or Cloudflare Pages would,
 * without anything `astro preview` adds. Smoke tests run against it.
 */
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../scripts/serve-static.ts';
import { securityHeaders } from '../../src/headers.ts';
import { recordViolations, violations } from './support/csp.ts';
import { sitemapPaths } from './support/sitemap.ts';
import { runOnceCleanly } from './support/sandbox.ts';

let host: StaticServer;

test.beforeAll(async () => {
	host = await serveStatic({ root: process.env.KEYLAB_OUT_DIR ?? 'dist' });
});
test.afterAll(async () => {
	await host?.close();
});

test.beforeEach(async ({ page }) => {
	await recordViolations(page);
});

async function expectClean(page: Page): Promise<void> {
	expect(await violations(page)).toEqual([]);
	expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
}

test('every page answers with the security headers from _headers; misses get the 404 page', async () => {
	const api = await playwrightRequest.newContext({ baseURL: host.url });
	const paths = await sitemapPaths(api);
	expect(paths.length).toBeGreaterThan(5);
	for (const path of paths) {
		const response = await api.get(path);
		expect(response.status(), path).toBe(200);
		for (const [name, value] of Object.entries(securityHeaders))
			expect(response.headers()[name.toLowerCase()], `${name} on ${path}`).toBe(value);
	}
	const missing = await api.get('/no-such-page/');
	expect(missing.status()).toBe(404);
	// Our 404 page, not the host's, so a stale link still leads back into the course.
	expect(await missing.text()).toContain('This page does not exist');
	expect((await api.get('/_headers')).status()).toBe(404);
	await api.dispose();
});

test('fingerprinted assets are cached for a year', async ({ page }) => {
	await page.goto(`${host.url}/`);
	const src = await page.locator('script[src^="/_astro/"]').first().getAttribute('src');
	const response = await page.request.get(`${host.url}${src}`);
	expect(response.headers()['cache-control']).toContain('immutable');
	expect(response.headers()['content-type']).toContain('javascript');
});

test('the landing page leads into the course with no policy violation', async ({ page }) => {
	await page.goto(`${host.url}/`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('OpenAI API key');
	await page.getByRole('link', { name: 'Start the course' }).click();
	await expect(page).toHaveURL(/\/start\/what-is-an-api-key\/$/);
	await expectClean(page);
});

test('the troubleshooter diagnoses a pasted error', async ({ page }) => {
	await page.goto(`${host.url}/troubleshooter/`);
	const tool = page.locator('keylab-troubleshooter');
	await expect(tool).toHaveAttribute('data-state', 'ready');
	await page
		.getByLabel(/The error you got/)
		.fill(
			'AuthenticationError: 401 You have insufficient permissions for this operation. Missing scopes: model.request.',
		);
	await expect(tool).toHaveAttribute('data-state', 'diagnosed');
	await expect(page.getByRole('region', { name: 'Results' })).toContainText('lacks a permission');
	await expectClean(page);
});

test('a lesson sandbox runs in practice mode', async ({ page }) => {
	await page.goto(`${host.url}/using/first-call/?engine=worker`);
	await runOnceCleanly(page);
	await expectClean(page);
});
