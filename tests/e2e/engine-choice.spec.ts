/**
 * Worker first: on a cold page in desktop Chrome, with StackBlitz (which serves WebContainers)
 * failing at once, hanging, or answering slowly, Run shows program output without waiting for it
 * (how fast is `npm run bench`'s to measure); the WebContainer is only contacted once the learner
 * reaches for a sandbox; a failed boot is said once and remembered for the tab; the learner can
 * pin an engine.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { sandbox } from './support/sandbox.ts';

const LESSON = '/using/first-call/';
const WEBCONTAINER_HOSTS =
	/^https:\/\/([\w-]+\.)*(stackblitz\.com|staticblitz\.com|webcontainer\.io|webcontainer-api\.io)\//;
const DESKTOP_CHROME =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

test.use({ userAgent: DESKTOP_CHROME });

const output = (page: Page) => sandbox(page).getByRole('log', { name: 'Output' });

// Installed before the page loads: the time of the press on Run and of the first program output.
const timing = () => {
	const marks: { pressed?: number; first?: number } = {};
	Object.assign(window, { __runMarks: marks });
	document.addEventListener(
		'pointerdown',
		(event) => {
			if ((event.target as Element).closest('[data-action="run"]'))
				marks.pressed ??= performance.now();
		},
		true,
	);
	new MutationObserver(() => {
		if (marks.pressed !== undefined && document.querySelector('[data-output] [data-stream]'))
			marks.first ??= performance.now();
	}).observe(document, { childList: true, subtree: true });
};

// Each behaviour notes when StackBlitz has answered, so the test can ask whether the first output
// came before that: the order of events, which a loaded machine does not change.
interface Answer {
	answered: boolean;
}
const behaviours: Record<string, (route: Route, answer: Answer) => Promise<void>> = {
	'fails at once': async (route, answer) => {
		answer.answered = true;
		await route.abort('connectionrefused');
	},
	// Never answered: the request stays pending, as when StackBlitz hangs.
	hangs: () => new Promise<void>(() => {}),
	'answers slowly': async (route, answer) => {
		await new Promise((resolve) => setTimeout(resolve, 20_000));
		answer.answered = true;
		await route
			.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html>' })
			.catch(() => undefined);
	},
};

for (const [name, behave] of Object.entries(behaviours)) {
	test(`when StackBlitz ${name}, Run shows the first output without waiting for it`, async ({
		page,
	}) => {
		const contacted: string[] = [];
		const answer: Answer = { answered: false };
		await page.route(WEBCONTAINER_HOSTS, (route) => {
			contacted.push(route.request().url());
			return behave(route, answer);
		});
		await page.addInitScript(timing);
		await page.goto(LESSON);
		expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
		await expect(sandbox(page)).toHaveAttribute('data-state', 'idle');
		await sandbox(page).getByRole('button', { name: 'Run' }).click();
		await expect(output(page).locator('[data-stream]').first()).toBeVisible();
		const marks = await page.evaluate(
			() => (window as unknown as { __runMarks: { pressed: number; first: number } }).__runMarks,
		);
		// Run did not wait for the WebContainer: the first output came while StackBlitz's slow
		// answer (20 s) was still on its way, or while it hung. How fast it comes is measured by
		// `npm run bench` (bench/sandbox.ts), not here: a timed budget in a loaded test run only
		// measures the load (3 s was once exceeded on a loaded CI machine).
		if (name !== 'fails at once') expect(answer.answered, 'StackBlitz had answered').toBe(false);
		expect(marks.first).toBeGreaterThan(marks.pressed);
		await expect(output(page)).toContainText('Exited with code 0');
		await expect(sandbox(page)).toHaveAttribute('data-engine-kind', 'worker');
		await expect(sandbox(page).locator('[data-engine-badge]')).toHaveText('In your browser');
		// The WebContainer was tried in the background all the same.
		await expect.poll(() => contacted.length).toBeGreaterThan(0);
		if (name === 'fails at once') {
			await expect(sandbox(page)).toHaveAttribute('data-webcontainer', 'failed');
			await expect(sandbox(page).locator('[data-engine]')).toContainText(
				'Node.js (WebContainer) could not start',
			);
			// Said in the engine line, not repeated in the output.
			await expect(output(page)).not.toContainText('could not start');
		}
	});
}

test('a failed boot is remembered for the tab: the next page does not try again', async ({
	page,
}) => {
	const contacted: string[] = [];
	await page.route(WEBCONTAINER_HOSTS, (route) => {
		contacted.push(route.request().url());
		return route.abort('connectionrefused');
	});
	await page.goto(LESSON);
	await sandbox(page).hover();
	await expect(sandbox(page)).toHaveAttribute('data-webcontainer', 'failed');
	const tried = contacted.length;
	expect(tried).toBeGreaterThan(0);
	await page.reload();
	await sandbox(page).hover();
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(output(page)).toContainText('Exited with code 0');
	await expect(sandbox(page)).toHaveAttribute('data-webcontainer', 'failed');
	expect(contacted.length).toBe(tried);
});

test('reading a lesson without touching a sandbox makes no request to any third party', async ({
	page,
	baseURL,
}) => {
	const thirdParty: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(baseURL!).origin)
			thirdParty.push(request.url());
	});
	await page.route(WEBCONTAINER_HOSTS, (route) => route.abort('connectionrefused'));
	await page.goto(LESSON, { waitUntil: 'networkidle' });
	// Read down the page, past the sandbox, without pointing at it.
	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(1_000);
	expect(thirdParty).toEqual([]);
	// The control: reaching for the sandbox does contact StackBlitz (so the check above can fail).
	await sandbox(page).hover();
	await expect.poll(() => thirdParty.some((url) => WEBCONTAINER_HOSTS.test(url))).toBe(true);
});

test('the learner can pin the engine for the tab, with the keyboard', async ({ page }) => {
	const contacted: string[] = [];
	await page.route(WEBCONTAINER_HOSTS, (route) => {
		contacted.push(route.request().url());
		return route.abort('connectionrefused');
	});
	await page.goto(LESSON);
	const picker = sandbox(page).getByLabel('Engine');
	await expect(picker).toHaveValue('auto');
	await picker.focus();
	await picker.selectOption('worker');
	await expect(sandbox(page).locator('[data-engine]')).toHaveText(
		'Pinned: your code runs in your browser.',
	);
	await page.reload();
	await expect(sandbox(page).getByLabel('Engine')).toHaveValue('worker');
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(output(page)).toContainText('Exited with code 0');
	await expect(sandbox(page).locator('[data-engine-badge]')).toHaveText('In your browser');
	// Pinned to the worker: the WebContainer is not even tried.
	expect(contacted).toEqual([]);
	// Pinning the WebContainer when it cannot start: the run still happens, with one calm note.
	await sandbox(page).getByLabel('Engine').selectOption('webcontainer');
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(sandbox(page)).toHaveAttribute('data-runs', '2', { timeout: 45_000 });
	await expect(output(page)).toContainText('Exited with code 0');
	await expect(sandbox(page)).toHaveAttribute('data-engine-kind', 'worker');
	await expect(sandbox(page).locator('[data-engine]')).toContainText('could not start');
});

test('Stop ends the wait for a pinned WebContainer that is still booting', async ({ page }) => {
	await page.route(WEBCONTAINER_HOSTS, () => new Promise<void>(() => {}));
	await page.goto(LESSON);
	await sandbox(page).getByLabel('Engine').selectOption('webcontainer');
	await expect(sandbox(page)).toHaveAttribute('data-webcontainer', 'booting');
	await expect(sandbox(page).locator('[data-boot-progress]')).toBeVisible();
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(sandbox(page)).toHaveAttribute('data-state', 'booting');
	await sandbox(page).getByRole('button', { name: 'Stop' }).click();
	// Well before the 20 s boot limit.
	await expect(sandbox(page)).toHaveAttribute('data-runs', '1', { timeout: 3_000 });
	await expect(sandbox(page)).toHaveAttribute('data-webcontainer', 'booting');
});
