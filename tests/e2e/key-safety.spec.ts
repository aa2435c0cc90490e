import { expect, test, type Request } from '@playwright/test';
import { standInFor } from '../../sandbox/keys/broker.ts';
import { fakeRealKey, pageTraces } from './support/key-traces.ts';
import { output, runAndWait, sandbox, setIndex } from './support/sandbox.ts';

const LESSON = '/using/first-call/?engine=worker';
const LIVE_HOST = 'api.openai.com';

function liveReply(text: string) {
	return {
		id: 'resp_test',
		object: 'response',
		created_at: 1,
		status: 'completed',
		model: 'gpt-6-luna',
		output: [
			{
				id: 'msg_test',
				type: 'message',
				role: 'assistant',
				status: 'completed',
				content: [{ type: 'output_text', text, annotations: [] }],
			},
		],
		usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
	};
}

test('a pasted key stays in the password field and the holder, and reaches only api.openai.com', async ({
	page,
	context,
}) => {
	test.setTimeout(120_000);
	const key = fakeRealKey();
	const liveRequests: { url: string; authorization: string | undefined }[] = [];
	const leaks: string[] = [];
	const consoleLines: string[] = [];

	// Intercept the live host at the context, so worker requests are caught as well.
	let liveMode: 'ok' | 'echo' = 'ok';
	await context.route(`https://${LIVE_HOST}/**`, async (route) => {
		const request = route.request();
		liveRequests.push({ url: request.url(), authorization: request.headers()['authorization'] });
		const cors = {
			'access-control-allow-origin': '*',
			'access-control-allow-headers': '*',
			'x-request-id': 'req_test',
		};
		if (request.method() === 'OPTIONS')
			return route.fulfill({
				status: 204,
				headers: { ...cors, 'access-control-allow-methods': '*' },
			});
		if (liveMode === 'echo') {
			// A hostile or buggy server echoing the whole key: the output must still mask it.
			return route.fulfill({
				status: 401,
				headers: { ...cors, 'content-type': 'application/json' },
				body: JSON.stringify({
					error: {
						message: `Incorrect API key provided: ${key}.`,
						type: 'invalid_request_error',
						param: null,
						code: 'invalid_api_key',
					},
				}),
			});
		}
		return route.fulfill({
			status: 200,
			headers: { ...cors, 'content-type': 'application/json' },
			body: JSON.stringify(liveReply('Hello from the intercepted live API.')),
		});
	});
	const inspect = (request: Request) => {
		const url = new URL(request.url());
		if (url.hostname === LIVE_HOST) return;
		const headers = JSON.stringify(request.headers());
		const body = request.postData() ?? '';
		if ([request.url(), headers, body].some((part) => part.includes(key)))
			leaks.push(`request to ${url.host}`);
	};
	context.on('request', inspect);
	page.on('console', (message) => consoleLines.push(message.text()));
	page.on('worker', (worker) =>
		worker.on('console', (message) => consoleLines.push(message.text())),
	);

	await page.goto(LESSON);
	await sandbox(page).getByLabel('Live').check();
	await expect(sandbox(page).getByRole('note')).toContainText('billed');
	const field = sandbox(page).getByLabel('Your OpenAI API key');
	await field.fill(key);
	// Drawn as dots, but not a password field: no password manager offers to save the key.
	await expect(field).toHaveAttribute('type', 'text');
	await expect(field).toHaveAttribute('autocomplete', 'off');
	expect(
		await field.evaluate((input) =>
			getComputedStyle(input).getPropertyValue('-webkit-text-security'),
		),
	).toBe('disc');
	await expect(sandbox(page).locator('[data-key-feedback]')).not.toBeEmpty();

	// Show/hide changes only the input type: the value stays out of attributes and text.
	await sandbox(page).getByRole('button', { name: 'Show' }).click();
	expect(
		await field.evaluate((input) =>
			getComputedStyle(input).getPropertyValue('-webkit-text-security'),
		),
	).toBe('none');
	await sandbox(page).getByRole('button', { name: 'Hide' }).click();
	await expect(field).toHaveAttribute('data-concealed', '');

	// 1. The lesson sample, live: the reply comes from the intercepted api.openai.com.
	expect(await runAndWait(page)).toBe('ready');
	await expect(output(page)).toContainText('Hello from the intercepted live API.');
	expect(liveRequests.some((request) => request.authorization === `Bearer ${key}`)).toBe(true);

	// 2. A program that prints its key gets the stand-in; a server echoing the real key hands the
	// program the stand-in too (the broker swaps it back in the response).
	await setIndex(
		page,
		"import OpenAI from 'openai';\nconsole.log('key:', process.env.OPENAI_API_KEY);\nconsole.error('err:', process.env.OPENAI_API_KEY);\nawait new OpenAI().models.list();\n",
	);
	liveMode = 'echo';
	expect(await runAndWait(page)).toBe('error');
	await expect(output(page)).toContainText(`key: ${standInFor(key)}`);
	await expect(output(page)).toContainText(`err: ${standInFor(key)}`);
	await expect(output(page)).toContainText(`Incorrect API key provided: ${standInFor(key)}`);
	await expect(output(page)).toContainText('AuthenticationError');

	// 3. Practice mode: the key is not used at all; the practice API answers.
	await sandbox(page).getByRole('button', { name: 'Reset' }).click();
	await sandbox(page).getByLabel('Practice', { exact: true }).check();
	const liveBefore = liveRequests.length;
	expect(await runAndWait(page)).toBe('ready');
	await expect(output(page)).toContainText('Tokens used:');
	expect(liveRequests.length).toBe(liveBefore);

	// 4. The download carries no key either.
	const download = page.waitForEvent('download');
	await sandbox(page).getByRole('button', { name: 'Download .zip' }).click();
	const zipPath = await (await download).path();
	const { readFileSync } = await import('node:fs');
	const { unzipSync, strFromU8 } = await import('fflate');
	const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
	expect(Object.keys(entries)).toContain('.env');
	for (const [name, bytes] of Object.entries(entries))
		expect(strFromU8(bytes), name).not.toContain(key);

	// The sweep: storage, cookies, URL, DOM attributes and text, console, other hosts.
	const traces = await pageTraces(page);
	for (const [where, value] of Object.entries(traces))
		expect(value.includes(key), `key found in ${where}`).toBe(false);
	expect(await field.inputValue()).toBe(key);
	expect(await field.getAttribute('value')).toBeNull();
	expect(traces.otherInputs).not.toContain(key);
	expect(consoleLines.filter((line) => line.includes(key))).toEqual([]);
	expect(leaks).toEqual([]);
	expect(liveRequests.length).toBeGreaterThan(0);
	expect(liveRequests.every((request) => new URL(request.url).hostname === LIVE_HOST)).toBe(true);

	// Forget key: gone from the field and the holder; a live run now asks for a key.
	await sandbox(page).getByLabel('Live').check();
	await sandbox(page).getByRole('button', { name: 'Forget key' }).click();
	await expect(field).toHaveValue('');
	await expect(sandbox(page).locator('[data-key-feedback]')).toContainText('forgotten');
	const liveAfterForget = liveRequests.length;
	await runAndWait(page);
	await expect(output(page)).toContainText('needs your API key');
	expect(liveRequests.length).toBe(liveAfterForget);
});

test('a reload starts with no key', async ({ page }) => {
	const key = fakeRealKey();
	await page.goto(LESSON);
	await sandbox(page).getByLabel('Live').check();
	await sandbox(page).getByLabel('Your OpenAI API key').fill(key);
	await page.reload();
	await sandbox(page).getByLabel('Live').check();
	await expect(sandbox(page).getByLabel('Your OpenAI API key')).toHaveValue('');
	expect(await page.content()).not.toContain(key);
});
