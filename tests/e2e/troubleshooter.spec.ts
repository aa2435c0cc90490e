import { randomBytes } from 'node:crypto';
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
];

for (const [name, text, title, lesson] of errors) {
	test(`diagnoses ${name} and links the lesson`, async ({ page }) => {
		await open(page);
		await paste(page, text);
		await expect(results(page).getByRole('heading', { level: 3 })).toHaveText(title);
		await expect(results(page).getByRole('link', { name: /./ }).last()).toHaveAttribute(
			'href',
			lesson,
		);
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
	await context.setOffline(true);
	await paste(
		page,
		'NotFoundError: 404 The model `gtp-4` does not exist or you do not have access to it.',
	);
	await expect(results(page)).toContainText('did you mean "gpt-4"');
	await context.setOffline(false);
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
	await expect(results(page).locator('[data-diagnosis="insufficient_quota"]')).toBeVisible();
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
