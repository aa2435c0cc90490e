import { expect, test, type Page } from '@playwright/test';
import { getTemplate } from '../../sandbox/templates/index.ts';
import { appliedCss } from './support/applied-css.ts';

const LESSON = '/using/first-call/?engine=worker';
const NO_SANDBOX = '/start/what-is-an-api-key/';
const MONACO_REQUEST = /monaco|editor\.api|ts\.worker|editor\.worker|openai-dts/i;

const sandbox = (page: Page) => page.locator('keylab-sandbox').first();
const output = (page: Page) => sandbox(page).getByRole('log', { name: 'Output' });

/** Waits until the current run has finished (the run counter moved past `before`). */
async function finishedRun(page: Page, before: number): Promise<string> {
	await expect(sandbox(page)).toHaveAttribute('data-runs', String(before + 1), { timeout: 45_000 });
	return (await sandbox(page).getAttribute('data-state')) ?? '';
}

/** Replaces the project's files through the element's public API (as a scenario card does). */
async function setIndex(page: Page, contents: string): Promise<void> {
	await sandbox(page).evaluate(async (element, code) => {
		const el = element as HTMLElement & {
			setFiles(files: { path: string; contents: string }[]): Promise<void>;
		};
		const files = JSON.parse(element.querySelector('script[data-files]')?.textContent ?? '[]') as {
			path: string;
			contents: string;
		}[];
		await el.setFiles(
			files.map((file) => (file.path === 'index.js' ? { ...file, contents: code } : file)),
		);
	}, contents);
}

test('runs a lesson sample in practice mode and shows the model reply, without loading Monaco', async ({
	page,
}) => {
	const monacoRequests: string[] = [];
	page.on('request', (request) => {
		if (MONACO_REQUEST.test(request.url())) monacoRequests.push(request.url());
	});
	await page.goto(LESSON);
	await expect(sandbox(page)).toHaveAttribute('data-state', 'idle');
	// The code is there, highlighted, before any script has run.
	await expect(sandbox(page).getByRole('tabpanel')).toContainText('client.responses.create');

	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	expect(await finishedRun(page, 0)).toBe('ready');
	const stdout = output(page).locator('[data-stream="stdout"]');
	await expect(stdout.first()).not.toBeEmpty();
	await expect(output(page)).toContainText('Tokens used:');
	await expect(output(page)).toContainText('Exited with code 0');
	await expect(sandbox(page)).toHaveAttribute('data-engine-kind', 'worker');
	await expect(sandbox(page).locator('[data-engine-badge]')).toHaveText('In your browser');
	expect(monacoRequests).toEqual([]);
	expect(await appliedCss(page)).not.toContain('.monaco-editor');
});

test('a thrown error shows on stderr with exit code 1', async ({ page }) => {
	await page.goto(LESSON);
	await setIndex(page, "console.log('before');\nthrow new Error('boom from the test');\n");
	await expect(sandbox(page).getByRole('tabpanel')).toContainText('boom from the test');
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	expect(await finishedRun(page, 0)).toBe('error');
	await expect(output(page).locator('[data-stream="stdout"]')).toHaveText('before');
	const stderr = output(page).locator('[data-stream="stderr"]');
	// The label is visible text, not colour alone.
	await expect(stderr.first()).toContainText(/stderr/i);
	await expect(stderr.filter({ hasText: 'boom from the test' }).first()).toBeVisible();
	await expect(output(page)).toContainText('Exited with code 1');
	await expect(sandbox(page)).toHaveAttribute('data-exit-code', '1');
});

test('an SDK error gets a one-line diagnosis with a link to its lesson', async ({ page }) => {
	await page.goto(LESSON);
	await sandbox(page).locator('[data-practice-key]').selectOption('revoked');
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	expect(await finishedRun(page, 0)).toBe('error');
	await expect(output(page)).toContainText('AuthenticationError');
	const diagnosis = output(page).locator('.keylab-diagnosis');
	await expect(diagnosis).toHaveCount(1);
	await expect(diagnosis.getByRole('link')).toHaveAttribute('href', /^\/troubleshooting\//);
});

test('an infinite loop is stopped by Stop, and by the time limit', async ({ page }) => {
	await page.goto(LESSON);
	await setIndex(page, "console.log('looping');\nwhile (true) {}\n");
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(sandbox(page)).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
	await expect(output(page)).toContainText('looping');
	await sandbox(page).getByRole('button', { name: 'Stop' }).click();
	expect(await finishedRun(page, 0)).toBe('error');
	await expect(output(page)).toContainText('Stopped after');

	await sandbox(page).evaluate((element) => ((element as HTMLElement).dataset.timeoutMs = '1500'));
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	expect(await finishedRun(page, 1)).toBe('error');
	await expect(output(page)).toContainText('Timed out');
	// The engine survives a killed program: the sample runs again (with the default limit).
	await sandbox(page).evaluate((element) => delete (element as HTMLElement).dataset.timeoutMs);
	await sandbox(page).getByRole('button', { name: 'Reset' }).click();
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	expect(await finishedRun(page, 2)).toBe('ready');
});

test('Reset restores the template, before and after the editor loaded', async ({ page }) => {
	const template = getTemplate('first-request');
	const index = template.files.find((file) => file.path === 'index.js')?.contents ?? '';
	await page.goto(LESSON);
	await setIndex(page, 'console.log(1);\n');
	await expect(sandbox(page).getByRole('tabpanel')).not.toContainText('client.responses.create');
	await sandbox(page).getByRole('button', { name: 'Reset' }).click();
	await expect(sandbox(page).getByRole('tabpanel')).toContainText('client.responses.create');

	await sandbox(page).getByRole('tabpanel').locator('pre').first().click();
	await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type('// gone\n');
	const edited = await sandbox(page).evaluate(
		async (element) =>
			(
				await (
					element as HTMLElement & { getFiles(): Promise<{ path: string; contents: string }[]> }
				).getFiles()
			).find((file) => file.path === 'index.js')?.contents,
	);
	expect(edited).not.toContain('client.responses.create');
	await sandbox(page).getByRole('button', { name: 'Reset' }).click();
	const restored = await sandbox(page).evaluate(
		async (element) =>
			(
				await (
					element as HTMLElement & { getFiles(): Promise<{ path: string; contents: string }[]> }
				).getFiles()
			).find((file) => file.path === 'index.js')?.contents,
	);
	expect(restored).toBe(index);
});

test('Monaco loads only on request, with its CSS, the SDK types and a syntax error shown clearly', async ({
	page,
}) => {
	// The TypeScript worker parses the SDK's ~190 declaration files before it can underline.
	test.setTimeout(180_000);
	const monacoRequests: string[] = [];
	page.on('request', (request) => {
		if (MONACO_REQUEST.test(request.url())) monacoRequests.push(request.url());
	});
	await page.goto(LESSON);
	await page.waitForLoadState('networkidle');
	expect(monacoRequests, 'nothing of Monaco before the learner asks').toEqual([]);
	expect(await page.locator('link[data-keylab-stylesheet="monaco"]').count()).toBe(0);

	await sandbox(page).getByRole('tabpanel').locator('pre').first().click();
	await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
	expect(monacoRequests.length).toBeGreaterThan(0);
	await expect(page.locator('link[data-keylab-stylesheet="monaco"]')).toHaveCount(1);
	expect(await appliedCss(page)).toContain('.monaco-editor');

	// A wrong SDK call is underlined once the types reach the TypeScript worker.
	const editor = sandbox(page).locator('.monaco-editor');
	await editor.click();
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type('\nclient.respnses.list();');
	// The underline sits on the line of the wrong call, not elsewhere.
	const wrongLine = editor.locator('.view-line', { hasText: 'client.respnses.list' });
	await expect(async () => {
		const line = await wrongLine.boundingBox();
		const squiggles = await editor
			.locator('.squiggly-error')
			.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
		expect(squiggles.some((top) => Math.abs(top - (line?.y ?? -100)) < 3)).toBe(true);
	}).toPass({ timeout: 120_000 });

	// A syntax error fails the run with the parser's message.
	await page.keyboard.type('\nconst = 1;');
	await page.keyboard.press('ControlOrMeta+Enter');
	expect(await finishedRun(page, 0)).toBe('error');
	// Node's shape: where it is, the offending line, then the error.
	const stderr = output(page).locator('[data-stream="stderr"]');
	await expect(stderr.first()).toContainText('index.js');
	await expect(stderr.filter({ hasText: 'SyntaxError' }).first()).toBeVisible();
	await expect(output(page)).toContainText('Exited with code 1');
});

test('file tabs work with the keyboard', async ({ page }) => {
	await page.goto(LESSON);
	const tabs = sandbox(page).getByRole('tablist', { name: 'Files' }).getByRole('tab');
	await expect(tabs).toHaveText(['index.js', '.env', '.gitignore', 'package.json']);
	await tabs.first().focus();
	await page.keyboard.press('ArrowRight');
	await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
	await expect(tabs.nth(1)).toBeFocused();
	await expect(sandbox(page).getByRole('tabpanel')).toContainText('OPENAI_API_KEY=');
	await page.keyboard.press('End');
	await expect(tabs.nth(3)).toHaveAttribute('aria-selected', 'true');
	await expect(sandbox(page).getByRole('tabpanel')).toContainText('"openai"');
	await page.keyboard.press('ArrowRight');
	await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
});

test('Monaco’s CSS is on no page without a sandbox', async ({ page }) => {
	const stylesheets: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'stylesheet') stylesheets.push(request.url());
	});
	await page.goto(NO_SANDBOX, { waitUntil: 'networkidle' });
	expect(stylesheets.filter((url) => MONACO_REQUEST.test(url))).toEqual([]);
	expect(await appliedCss(page)).not.toContain('.monaco-editor');
	await page.goto('/', { waitUntil: 'networkidle' });
	expect(await appliedCss(page)).not.toContain('.monaco-editor');
});

test('the sandbox fits a phone screen', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto(LESSON);
	const box = await sandbox(page).boundingBox();
	expect(box?.width ?? 0).toBeLessThanOrEqual(375);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth,
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	expect(await finishedRun(page, 0)).toBe('ready');
});

test('Run stays put once the page scrolls to it, so a click aimed at it lands on it', async ({
	page,
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('/using/first-call/');
	// Scrolled to and measured in one task, as a click right after scrolling would aim; measured
	// again once anything laid out late above it has had two frames and a pause to move it.
	const [before, after] = await page.evaluate(async () => {
		const run = document.querySelector<HTMLElement>('keylab-sandbox [data-action="run"]')!;
		run.scrollIntoView({ block: 'center' });
		const first = run.getBoundingClientRect().top;
		await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
		await new Promise((resolve) => setTimeout(resolve, 300));
		return [first, run.getBoundingClientRect().top];
	});
	expect(after).toBe(before);
});
