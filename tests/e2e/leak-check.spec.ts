import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from '@playwright/test';

const PAGE = '/leak-check/';

/** Real-shaped fake keys, made at run time so no key-shaped string is committed. */
function fakeKey(prefix = 'sk-proj-'): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const chunk = (n: number) =>
		'aZ9' + [...randomBytes(n)].map((byte) => alphabet[byte % alphabet.length]).join('');
	return `${prefix}${chunk(71)}${'T3Blbk'}${'FJ'}${chunk(71)}`;
}

const tool = (page: Page) => page.locator('keylab-leak-check');
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });

/** Opens the page, recording every request the page makes from the first byte on. */
async function open(page: Page): Promise<Request[]> {
	const requests: Request[] = [];
	page.on('request', (request) => requests.push(request));
	await page.goto(PAGE);
	await expect(tool(page)).toHaveAttribute('data-state', 'ready');
	// The detector loads when the page goes idle, before anyone touches it.
	await expect(tool(page)).toHaveAttribute('data-engine', 'loaded');
	return requests;
}

/** Asserts no request left the page's origin or carried any piece of a key. */
function expectNothingSent(page: Page, requests: Request[], keys: string[]) {
	const origin = new URL(page.url()).origin;
	for (const request of requests) {
		expect(new URL(request.url()).origin, request.url()).toBe(origin);
		expect(request.method()).toBe('GET');
		expect(request.postData()).toBeNull();
		for (const key of keys) expect(request.url()).not.toContain(key.slice(12, 30));
	}
}

test('a paste: each key found with its line, type and redacted form, and what to do now', async ({
	page,
	context,
}) => {
	const requests = await open(page);
	const before = requests.length;
	await context.setOffline(true);
	const key = fakeKey();
	const admin = `sk-admin-${randomBytes(45).toString('base64url')}aZ9`;
	const text = [
		'import OpenAI from "openai";',
		`const client = new OpenAI({ apiKey: "${key}" });`,
		'# example: OPENAI_API_KEY=sk-your-key-here or sk-...',
		`ADMIN=${admin}`,
	].join('\n');
	await page.getByLabel(/Paste code/).fill(text);
	await expect(tool(page)).toHaveAttribute('data-state', 'done');
	const region = findings(page);
	await expect(region.getByRole('heading', { level: 2 })).toHaveText(
		'2 leaked keys found in the pasted text. Revoke them now.',
	);
	const items = region.locator('[data-finding]');
	await expect(items).toHaveCount(2);
	await expect(items.nth(0)).toContainText('pasted text, line 2');
	await expect(items.nth(0)).toContainText('project key');
	await expect(items.nth(0).locator('code')).toHaveText(`${key.slice(0, 11)}…${key.slice(-4)}`);
	await expect(items.nth(1)).toContainText('line 4');
	await expect(items.nth(1)).toContainText('admin key');
	await expect(region.getByRole('heading', { name: 'What to do now' })).toBeVisible();
	await expect(region.getByText(/Revoke the key now/)).toBeVisible();
	await expect(region.getByRole('link', { name: /compromised-key lesson/i })).toHaveAttribute(
		'href',
		'/troubleshooting/compromised-key/',
	);
	await expect(page.getByRole('status')).toHaveText(/2 leaked keys found/);
	// The whole key is only in the box it was pasted into.
	const html = await region.innerHTML();
	for (const k of [key, admin]) expect(html).not.toContain(k.slice(12, 30));
	// Offline, and nothing at all was requested by the check.
	expect(requests.slice(before)).toEqual([]);
	expectNothingSent(page, requests, [key, admin]);
});

test('a 5 MB paste is checked at once, without filling the text box', async ({ page }) => {
	await open(page);
	const key = fakeKey();
	const line = 'const answer = await client.responses.create({ model: "gpt-4o-mini" });\n';
	const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)) + `KEY=${key}\n`;
	const box = page.getByLabel(/Paste code/);
	await box.evaluate((textarea, text) => {
		const clipboard = new DataTransfer();
		clipboard.setData('text/plain', text);
		textarea.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
		);
	}, big);
	await expect(tool(page)).toHaveAttribute('data-state', 'done');
	await expect(findings(page).locator('[data-finding]')).toContainText(
		`line ${big.split('\n').length - 1}`,
	);
	await expect(box).toHaveValue('');
	await expect(box).toHaveAttribute('placeholder', /5\.0 MB pasted: checked below, not shown/);
});

test('placeholders and practice keys are not leaks', async ({ page }) => {
	await open(page);
	const practice = `sk-proj-${'PRACTICE'}${randomBytes(60).toString('base64url').replace(/[-_]/g, 'a')}`;
	await page
		.getByLabel(/Paste code/)
		.fill(`OPENAI_API_KEY=${practice}\nexample = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n`);
	await expect(tool(page)).toHaveAttribute('data-state', 'done');
	await expect(findings(page).getByRole('heading', { level: 2 })).toHaveText(
		'No OpenAI key found in the pasted text.',
	);
	await expect(findings(page).locator('[data-not-leaks]')).toContainText(
		'1 practice key and 1 placeholder',
	);
});

test('a folder: files in subfolders are read, .git, node_modules and binaries skipped, nothing sent', async ({
	page,
	context,
}) => {
	const key = fakeKey('sk-svcacct-');
	const other = fakeKey();
	const dir = mkdtempSync(join(tmpdir(), 'keylab-leak-folder-'));
	const folder = join(dir, 'my-app');
	for (const sub of ['src', '.git', 'node_modules/x'])
		mkdirSync(join(folder, sub), { recursive: true });
	writeFileSync(join(folder, 'README.md'), '# app\n');
	writeFileSync(join(folder, 'src/config.js'), `// config\n\nexport const key = '${key}';\n`);
	writeFileSync(join(folder, '.git/config'), `token=${other}\n`);
	writeFileSync(join(folder, 'node_modules/x/index.js'), `k="${other}"\n`);
	writeFileSync(join(folder, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
	const requests = await open(page);
	const before = requests.length;
	await context.setOffline(true);
	await page.getByLabel('Choose a folder').setInputFiles(folder);
	await expect(tool(page)).toHaveAttribute('data-state', 'done');
	const items = findings(page).locator('[data-finding]');
	await expect(items).toHaveCount(1);
	await expect(items.first()).toContainText('my-app/src/config.js, line 3');
	await expect(items.first()).toContainText('service account key');
	await expect(findings(page).getByText('Skipped 1 file')).toBeVisible();
	expect(requests.slice(before)).toEqual([]);
	expectNothingSent(page, requests, [key, other]);
});

test('dropped files are checked', async ({ page }) => {
	await open(page);
	const key = fakeKey();
	await page.locator('[data-drop]').evaluate((zone, text) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([text], '.env', { type: 'text/plain' }));
		transfer.items.add(new File(['nothing here\n'], 'notes.txt', { type: 'text/plain' }));
		zone.dispatchEvent(
			new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
		);
	}, `OPENAI_API_KEY=${key}\n`);
	await expect(tool(page)).toHaveAttribute('data-state', 'done');
	await expect(findings(page).getByRole('heading', { level: 2 })).toHaveText(
		'1 leaked key found in 2 files. Revoke it now.',
	);
	await expect(findings(page).locator('[data-finding]')).toContainText('.env, line 1');
});

test('on a phone, in dark mode: no sideways scroll, and axe finds nothing', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.emulateMedia({ colorScheme: 'dark' });
	await open(page);
	await page.getByLabel(/Paste code/).fill(`key: ${fakeKey('sk-svcacct-')}`);
	await expect(tool(page)).toHaveAttribute('data-state', 'done');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
	);
	expect(overflow).toBeLessThanOrEqual(0);
	const { violations } = await new AxeBuilder({ page }).include('keylab-leak-check').analyze();
	expect(
		violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
	).toEqual([]);
});

test('keyboard: the file pickers are reachable and focus is visible', async ({ page }) => {
	await open(page);
	await page.getByLabel(/Paste code/).focus();
	// The site's one focus ring, as on the troubleshooter, not the browser's thin grey one.
	expect(
		await page.getByLabel(/Paste code/).evaluate((element) => {
			const style = getComputedStyle(element);
			return `${style.outlineStyle} ${style.outlineWidth}`;
		}),
	).toBe('solid 2px');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Choose files')).toBeFocused();
	const outline = await page
		.locator('.lc-pick')
		.first()
		.evaluate((label) => getComputedStyle(label).outlineStyle);
	expect(outline).not.toBe('none');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Choose a folder')).toBeFocused();
});

test('linked from the troubleshooter, the compromised-key lesson and the landing page', async ({
	page,
}) => {
	for (const path of ['/troubleshooter/', '/troubleshooting/compromised-key/', '/']) {
		await page.goto(path);
		await expect(page.locator('main a[href="/leak-check/"]').first()).toBeVisible();
	}
	// In the sidebar's Tools (the landing page is a splash page without one).
	await page.goto('/start/what-is-an-api-key/');
	await expect(page.locator('nav a[href="/leak-check/"]').first()).toHaveText(/Leak check/);
});
