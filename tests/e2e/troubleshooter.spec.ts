import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PAGE = '/troubleshooter/';

/** A real-shaped fake key, made at run time so no key-shaped string is committed. */
function fakeRealKey(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const chunk = (n: number) =>
		[...randomBytes(n)].map((byte) => alphabet[byte % alphabet.length]).join('');
	return `sk-proj-${chunk(74)}${'T3Blbk'}${'FJ'}${chunk(74)}`;
}

const tool = (page: Page) => page.locator('keylab-troubleshooter');
const results = (page: Page) => page.getByRole('region', { name: 'Results' });
/** Everything in the troubleshooter a screen reader reads out when it changes. */
const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
const liveRegions = (page: Page) => tool(page).locator(LIVE);

async function open(page: Page): Promise<void> {
	await page.goto(PAGE);
	await expect(tool(page)).toHaveAttribute('data-state', 'ready');
}

async function paste(page: Page, text: string): Promise<void> {
	await page.getByLabel(/The error you got/).fill(text);
	await expect(tool(page)).toHaveAttribute('data-state', 'diagnosed');
}

const errors: [string, string, RegExp, string][] = [
	[
		'quota arriving as a RateLimitError',
		"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
		/Out of credits/,
		'/troubleshooting/billing-and-quota/',
	],
	[
		'a 401 for missing scopes',
		'AuthenticationError: 401 You have insufficient permissions for this operation. Missing scopes: model.request.',
		/lacks a permission/,
		'/troubleshooting/permissions-and-projects/',
	],
	[
		'a placeholder key',
		'{"message":"Incorrect API key provided: YOUR_OPE***_KEY. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}',
		/key value is damaged/,
		'/troubleshooting/key-does-not-work/',
	],
	[
		'a CORS console line',
		"Access to fetch at 'https://api.openai.com/v1/chat/completions' from origin 'http://localhost:5173' has been blocked by CORS policy",
		/blocked the call/,
		'/troubleshooting/network-and-cors/',
	],
	[
		'an unverified organization streaming a model',
		"openai.BadRequestError: Error code: 400 - {'error': {'message': 'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.', 'type': 'invalid_request_error', 'param': 'stream', 'code': 'unsupported_value'}}",
		/needs a verified organization/,
		'/troubleshooting/permissions-and-projects/',
	],
	[
		'a base URL without /v1',
		"NotFoundError: Error code: 404 - {'error': {'message': 'Invalid URL (POST /chat/completions)', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
		/missing \/v1/,
		'/troubleshooting/network-and-cors/',
	],
];

for (const [name, text, title, lesson] of errors) {
	test(`diagnoses ${name} and links the lesson`, async ({ page }) => {
		await open(page);
		await paste(page, text);
		await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(title);
		// The diagnosis ends with its lesson (a question, when one is asked, comes after it).
		await expect(
			results(page).locator('article').getByRole('link', { name: /./ }).last(),
		).toHaveAttribute('href', lesson);
	});
}

test('the lesson link leads to the lesson', async ({ page }) => {
	await open(page);
	await paste(page, errors[0][1]);
	await results(page).locator('a[data-lesson]').click();
	await expect(page).toHaveURL(/\/troubleshooting\/billing-and-quota\/$/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('pasted errors are diagnosed offline', async ({ page, context }) => {
	await open(page);
	// The engine loads when the page goes idle, without anyone touching it.
	await expect(tool(page)).toHaveAttribute('data-engine', 'loaded');
	await context.setOffline(true);
	await paste(
		page,
		'NotFoundError: 404 The model `gtp-4` does not exist or you do not have access to it.',
	);
	await expect(results(page)).toContainText('did you mean "gpt-4"');
	await context.setOffline(false);
});

test('an engine that cannot load says so, and the next keystroke tries again', async ({ page }) => {
	// Any URL of the chunk: a retry asks for it under a new one (retryable-import.ts).
	await page.route(/\/troubleshooter-diagnosis\.[\w-]+\.js(?:\?.*)?$/, (route) =>
		route.abort('internetdisconnected'),
	);
	await open(page);
	const textarea = page.getByLabel(/The error you got/);
	await textarea.fill('RateLimitError: 429 You exceeded your current quota');
	await expect(tool(page)).toHaveAttribute('data-state', 'unavailable');
	await expect(results(page)).toContainText('could not load');
	await expect(tool(page).getByRole('status')).toContainText('could not load');
	await page.unrouteAll();
	await textarea.press('End');
	await page.keyboard.type('.');
	await expect(tool(page)).toHaveAttribute('data-state', 'diagnosed');
	await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(/Out of credits/);
});

test('the live check against the in-page practice API shows a checklist', async ({ page }) => {
	await open(page);
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	await page.getByRole('combobox', { name: /Which practice key/ }).selectOption('quota_exhausted');
	await page.getByLabel(/minimal request/).check();
	await page.getByRole('button', { name: 'Check key' }).click();
	await expect(tool(page)).toHaveAttribute('data-state', 'checked');
	await expect(tool(page)).toHaveAttribute('data-result', 'problem');
	const checklist = page.getByRole('list', { name: 'Key check' });
	await expect(checklist.locator('[data-step="authentication"]')).toHaveAttribute(
		'data-status',
		'pass',
	);
	await expect(checklist.locator('[data-step="quota"]')).toHaveAttribute('data-status', 'fail');
	await expect(
		tool(page).locator('[data-check-results] [data-diagnosis="insufficient_quota"]'),
	).toBeVisible();
	// The practice API ran in the page: nothing went to OpenAI.
	expect(requests.filter((url) => url.includes('api.openai.com'))).toEqual([]);
});

test('a typed key stays out of the DOM, URL, storage and console, and is forgotten', async ({
	page,
}) => {
	const key = fakeRealKey();
	const logs: string[] = [];
	page.on('console', (message) => logs.push(message.text()));
	await open(page);
	await page.getByLabel('The key to check').fill(key + '\n');
	await expect(tool(page).locator('[data-key-feedback]')).not.toBeEmpty();
	// A real key is never sent to the practice API: the check stops at the format step.
	await page.getByRole('button', { name: 'Check key' }).click();
	await expect(tool(page)).toHaveAttribute('data-state', 'checked');
	await expect(page.locator('[data-step="format"]')).toHaveAttribute('data-status', 'fail');
	const traces = await page.evaluate(() => ({
		html: document.documentElement.outerHTML,
		url: location.href,
		storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
		cookies: document.cookie,
	}));
	for (const [where, text] of Object.entries({ ...traces, console: logs.join('\n') })) {
		expect(text.includes(key), `key found in ${where}`).toBe(false);
		expect(text.includes(key.slice(20, 60)), `part of the key found in ${where}`).toBe(false);
	}
	await page.getByRole('button', { name: 'Forget key' }).click();
	await expect(page.getByLabel('The key to check')).toHaveValue('');
});

/** Counts, from now on, the DOM changes of every live region in the troubleshooter. */
async function watchLiveRegions(page: Page): Promise<void> {
	await tool(page).evaluate((root, live) => {
		const counter = window as unknown as { liveChanges: number };
		counter.liveChanges = 0;
		const observer = new MutationObserver((records) => (counter.liveChanges += records.length));
		for (const region of root.querySelectorAll(live))
			observer.observe(region, { childList: true, characterData: true, subtree: true });
	}, LIVE);
}

const liveChanges = (page: Page) =>
	page.evaluate(() => (window as unknown as { liveChanges: number }).liveChanges);

const TYPED = 'RateLimitError: 429 You exceeded your current quota';

test('a pasted error that quotes the held key never shows it, whichever answer is chosen', async ({
	page,
}) => {
	const key = fakeRealKey();
	await open(page);
	await page.getByLabel('The key to check').fill(key);
	await paste(
		page,
		// The echo rule quotes this line as evidence: only redaction and scrubbing keep the key out.
		`AuthenticationError: Error code: 401 - Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.\nrequest headers: {'Authorization': 'Bearer ${key}'}`,
	);
	const question = results(page).getByRole('group', { name: /Which of these is true\?/ });
	const choices = question.getByRole('radio');
	const count = await choices.count();
	expect(count).toBeGreaterThan(2);
	const expectNoKey = async (after: string) => {
		const shown = await page.evaluate(() => ({
			html: document.documentElement.outerHTML,
			said: document.querySelector('[data-announce]')?.textContent ?? '',
		}));
		for (const [where, text] of Object.entries(shown)) {
			expect(text.includes(key.slice(8, 40)), `key in ${where} after ${after}`).toBe(false);
			expect(text.includes(key.slice(-30)), `key's end in ${where} after ${after}`).toBe(false);
		}
	};
	for (let i = 0; i < count; i++) {
		await choices.nth(i).check();
		await expectNoKey(`choice ${i + 1}`);
	}
	// Checked against the practice API, a typed key says nothing about itself: no answer.
	await question.getByRole('radio', { name: /^Not sure/ }).check();
	await page.getByRole('combobox', { name: /Which practice key/ }).selectOption('');
	await page.getByRole('button', { name: 'Check key' }).click();
	await expect(tool(page)).toHaveAttribute('data-state', 'checked');
	await expect(question.getByRole('radio', { name: /^Not sure/ })).toBeChecked();
	// Against api.openai.com (here a fake that echoes the whole key back, as no real server
	// should) the check answers the question: still nothing of the key shows.
	await page.route('https://api.openai.com/v1/models', (route) =>
		route.fulfill({
			status: 401,
			contentType: 'application/json',
			body: JSON.stringify({
				error: {
					message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
					type: 'invalid_request_error',
					param: null,
					code: 'invalid_api_key',
				},
			}),
		}),
	);
	await page.getByLabel(/api\.openai\.com \(your real key\)/).check();
	await page.getByRole('button', { name: 'Check key' }).click();
	await expect(tool(page)).toHaveAttribute('data-state', 'checked');
	await expect(question.getByRole('radio', { name: /^Not sure/ })).not.toBeChecked();
	await expect(results(page).locator('blockquote', { hasText: 'The key check:' })).toBeVisible();
	await expectNoKey('the key check answered');
});

test('typing an error character by character announces its diagnosis once', async ({ page }) => {
	await open(page);
	await watchLiveRegions(page);
	await page.getByLabel(/The error you got/).focus();
	await page.keyboard.type(TYPED, { delay: 15 });
	await expect(liveRegions(page).filter({ hasText: /Out of credits/ })).toHaveCount(1);
	// One announcement; a slow machine may let one pause through mid-word, never one per key.
	expect(await liveChanges(page)).toBeLessThanOrEqual(2);
	await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(/Out of credits/);
});

test('the diagnosis shows at once, is spoken after a pause or a paste, and never twice', async ({
	page,
	context,
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.clock.install();
	await open(page);
	await page.clock.pauseAt(Date.now() + 1_000);
	await watchLiveRegions(page);
	const status = tool(page).getByRole('status');
	const textarea = page.getByLabel(/The error you got/);
	await textarea.focus();
	await page.keyboard.type(TYPED);
	// Seen at once, not yet spoken: the time for a pause has not passed.
	await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(/Out of credits/);
	await expect(tool(page)).toHaveAttribute('data-announce', 'pending');
	await page.clock.runFor(399);
	expect(await liveChanges(page)).toBe(0);
	await page.clock.runFor(1);
	await expect(status).toContainText('Out of credits');
	await expect(tool(page)).toHaveAttribute('data-announce', 'settled');
	expect(await liveChanges(page)).toBe(1);

	// More typing that leaves the diagnosis as it was is not read out again.
	await page.keyboard.type(', please check your plan');
	await expect(tool(page)).toHaveAttribute('data-announce', 'pending');
	await page.clock.runFor(400);
	await expect(tool(page)).toHaveAttribute('data-announce', 'settled');
	expect(await liveChanges(page)).toBe(1);

	// A paste is spoken right away, with no time passing.
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	await page.evaluate(() =>
		navigator.clipboard.writeText(
			"Access to fetch at 'https://api.openai.com/v1/models' from origin 'http://localhost:3000' has been blocked by CORS policy",
		),
	);
	await page.keyboard.press('ControlOrMeta+v');
	await expect(textarea).toHaveValue(/blocked by CORS policy/);
	await expect(status).toContainText('blocked the call');
	await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(/blocked the call/);
});

test('the diagnosis sits between the error box and the key check, on desktop and a phone', async ({
	page,
}) => {
	for (const viewport of [
		{ width: 1280, height: 800 },
		{ width: 375, height: 740 },
	]) {
		await page.setViewportSize(viewport);
		await open(page);
		await paste(page, errors[0][1]);
		const box = async (locator: ReturnType<Page['locator']>) => {
			const found = await locator.boundingBox();
			if (!found) throw new Error('not laid out');
			return found;
		};
		const error = await box(page.getByLabel(/The error you got/));
		const diagnosis = await box(results(page));
		const keyCheck = await box(page.getByRole('heading', { name: 'Check a key' }));
		expect(diagnosis.y).toBeGreaterThanOrEqual(error.y + error.height);
		expect(keyCheck.y).toBeGreaterThanOrEqual(diagnosis.y + diagnosis.height);
		expect(diagnosis.x + diagnosis.width).toBeLessThanOrEqual(viewport.width);
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			`horizontal scroll at ${viewport.width}px`,
		).toBeLessThanOrEqual(viewport.width);
	}
});

for (const theme of ['light', 'dark'] as const) {
	test(`in the ${theme} theme, text to copy is monospace, the lesson link is the accent, and focus shows the site's ring`, async ({
		page,
	}) => {
		await page.emulateMedia({ colorScheme: theme });
		await open(page);
		const font = (locator: ReturnType<Page['locator']>) =>
			locator.evaluate((element) => getComputedStyle(element).fontFamily);
		const textarea = page.getByLabel(/The error you got/);
		const keyInput = page.getByLabel('The key to check');
		expect(await font(textarea)).toMatch(/monospace/);
		expect(await font(keyInput)).toMatch(/monospace/);

		await paste(page, 'RateLimitError: 429 You exceeded your current quota');
		const link = results(page).getByRole('link', { name: /Billing and quota/ });
		const [linkColour, accent] = await link.evaluate((element) => {
			// The theme's accent text colour, resolved the way the browser resolves the link's.
			const probe = document.createElement('span');
			probe.style.color = 'var(--sl-color-text-accent)';
			document.body.append(probe);
			const colours = [getComputedStyle(element).color, getComputedStyle(probe).color];
			probe.remove();
			return colours;
		});
		expect(linkColour).toBe(accent);

		await keyInput.focus();
		await page.keyboard.press('Tab');
		const show = page.getByRole('button', { name: 'Show' });
		await expect(show).toBeFocused();
		const ring = await show.evaluate((element) => {
			const style = getComputedStyle(element);
			return `${style.outlineStyle} ${style.outlineWidth}`;
		});
		expect(ring).toBe('solid 2px');
	});
}

test('on a phone, the first screen shows where to paste, and the key check explains itself', async ({
	page,
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await open(page);
	const errorBox = await page.getByLabel(/The error you got/).boundingBox();
	if (!errorBox) throw new Error('the error box is not laid out');
	// Its top and at least three lines of it are on the first screen, without scrolling.
	expect(errorBox.y + 3 * 24).toBeLessThanOrEqual(844);
	// What the key check sends, and where, is said next to the key check, not above the paste box.
	const keyCheck = page.getByRole('region', { name: 'Check a key' });
	await expect(keyCheck).toContainText('listing models needs only the Read permission');
	await expect(page.locator('.sl-markdown-content > p').first()).not.toContainText(
		'api.openai.com',
	);
});

test('says whose error it is and names the second cause that fits', async ({ page }) => {
	await open(page);
	await paste(
		page,
		"litellm.AuthenticationError: OpenrouterException - Error code: 401 - {'error': {'message': 'No auth credentials found', 'code': 401}}",
	);
	await expect(results(page).locator('[data-provider="openrouter"]')).toContainText(
		'OpenRouter, not OpenAI',
	);
	await paste(page, 'RateLimitError: 429 status code (no body)');
	await expect(results(page).locator('[data-provider]')).toHaveCount(0);
	await expect(results(page).locator('[data-alternative="insufficient_quota"]')).toContainText(
		'Out of credits',
	);
});

test('when the text fits several causes, one question decides it, by mouse or keyboard', async ({
	page,
}) => {
	await open(page);
	await paste(page, 'RateLimitError: 429 status code (no body)');
	const heading = results(page).getByRole('heading', { level: 3 });
	await expect(heading).toHaveText('Rate limit reached');
	const question = results(page).getByRole('group', { name: /Which of these is true\?/ });
	await expect(question.getByRole('radio')).toHaveCount(4);
	await expect(question.getByRole('radio', { name: /^Not sure/ })).toBeChecked();
	// The live check can tell these causes apart too: the question points to it.
	await question.getByRole('link', { name: 'check the key' }).click();
	await expect(page).toHaveURL(/#ts-key-heading$/);
	await expect(page.getByRole('heading', { name: 'Check a key' })).toBeInViewport();

	await question.getByRole('radio', { name: /no credit left/ }).check();
	await expect(heading).toHaveText('Out of credits or over the spend limit');
	await expect(results(page).locator('blockquote').first()).toContainText(
		'You said: The account has no credit left',
	);
	await expect(results(page).locator('[data-alternative="rate_limit"]')).toBeVisible();
	await expect(tool(page).locator('[data-announce]')).toHaveText(/^Diagnosis: Out of credits/);

	// Arrow keys move the answer like any radio group; the diagnosis follows.
	await page.keyboard.press('ArrowDown');
	await expect(question.getByRole('radio', { name: /billing was never set up/ })).toBeFocused();
	await expect(heading).toHaveText('Billing is not active on this account');
	await question.getByRole('radio', { name: /^Not sure/ }).check();
	await expect(heading).toHaveText('Rate limit reached');

	// An answer lasts while the text says the same, and goes when it says something else.
	await question.getByRole('radio', { name: /no credit left/ }).check();
	await page.getByLabel(/The error you got/).press('End');
	await page.getByLabel(/The error you got/).pressSequentially(' ');
	await expect(heading).toHaveText('Out of credits or over the spend limit');
	await paste(
		page,
		"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
	);
	await expect(heading).toHaveText('Out of credits or over the spend limit');
	await expect(results(page).locator('blockquote', { hasText: 'You said' })).toHaveCount(0);
	// OpenAI's quota error is the same for an account that never set up API billing: it asks that
	// one thing, afresh.
	await expect(question.getByRole('radio')).toHaveCount(3);
	await expect(question.getByRole('radio', { name: /^Not sure/ })).toBeChecked();
	await expect(question.getByRole('radio', { name: /billing was never set up/ })).toBeVisible();
});

test('code read as an answer: the cause is in the body, and code in the text shows as code', async ({
	page,
}) => {
	await open(page);
	await paste(
		page,
		"Traceback (most recent call last):\n  File \"bot.py\", line 12, in reply\n    text = response['choices'][0]['message']['content']\nKeyError: 'choices'",
	);
	await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(
		'The program read an error as if it were an answer',
	);
	const question = results(page).getByRole('group', { name: /Which of these is true\?/ });
	await expect(
		question.locator('code', { hasText: 'curl -I https://api.openai.com/v1/models' }),
	).toBeVisible();
	// Backticks are the terminal's way of marking code; the page shows <code> instead.
	expect(await results(page).textContent()).not.toContain('`');
});

test('the key check answers the question when it can, and says what it rules out', async ({
	page,
}) => {
	await open(page);
	await paste(page, 'RateLimitError: 429 status code (no body)');
	const heading = results(page).getByRole('heading', { level: 3 });
	const question = results(page).getByRole('group', { name: /Which of these is true\?/ });
	await expect(question.getByRole('radio', { name: /^Not sure/ })).toBeChecked();
	const checkWith = async (scenario: string, billable: boolean) => {
		await page.getByRole('combobox', { name: /Which practice key/ }).selectOption(scenario);
		await page.getByLabel(/minimal request/).setChecked(billable);
		await page.getByRole('button', { name: 'Check key' }).click();
		await expect(tool(page)).toHaveAttribute('data-state', 'checked');
	};

	// A key whose account has no credit: the failing step answers, as if the person had.
	await checkWith('quota_exhausted', true);
	await expect(question.getByRole('radio', { name: /no credit left/ })).toBeChecked();
	await expect(heading).toHaveText('Out of credits or over the spend limit');
	await expect(results(page).locator('blockquote').first()).toContainText('The key check:');
	await expect(tool(page).locator('[data-announce]')).toHaveText(/^Diagnosis: Out of credits/);

	// A working key with credit rules out credit and billing, which leaves the rate limit.
	await checkWith('valid', true);
	await expect(question.locator('[data-ruled-out]')).toHaveCount(2);
	await expect(
		question.getByRole('radio', { name: /no credit left.*rules this out/ }),
	).toBeVisible();
	await expect(question.getByRole('radio', { name: /^Many requests/ })).toBeChecked();
	await expect(heading).toHaveText('Rate limit reached');
	// Confirming what the text said first adds the finding after the text's own evidence.
	await expect(
		results(page).locator('blockquote', {
			hasText: 'the key you checked passed the format check, authentication',
		}),
	).toBeVisible();

	// Without the opt-in request nothing about credit is known: no answer, no notes.
	await checkWith('valid', false);
	await expect(question.locator('[data-ruled-out]')).toHaveCount(0);
	// The person's own answer still wins.
	await question.getByRole('radio', { name: /no payment method/ }).check();
	await expect(heading).toHaveText('Billing is not active on this account');
});

test('axe finds nothing with a diagnosis and its answered question on screen, in both themes', async ({
	page,
}) => {
	const failures: string[] = [];
	for (const theme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: theme });
		await open(page);
		await paste(page, 'RateLimitError: 429 status code (no body)');
		await results(page)
			.getByRole('radio', { name: /no credit left/ })
			.check();
		await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(
			'Out of credits or over the spend limit',
		);
		const { violations } = await new AxeBuilder({ page })
			.include('keylab-troubleshooter')
			.analyze();
		for (const violation of violations) {
			const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
			failures.push(`${theme}: ${violation.id} (${violation.help}) at ${targets.join(', ')}`);
		}
	}
	expect(failures).toEqual([]);
});
