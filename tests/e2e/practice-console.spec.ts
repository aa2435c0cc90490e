/**
 * The practice console drives the page's practice API: a restricted key made in it fails in the
 * sandbox with the real "Missing scopes" 401, passes once the permission is fixed, and after Revoke
 * leaves the list and fails like an unknown key. The secret is shown once and then gone from the
 * page. The console and the Administration API share one practice organization: what one does,
 * the other shows, and they list the same keys after a revoke or a rotation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { keyAudit } from '../../sandbox/templates/key-audit.ts';
import { setIndex } from './support/sandbox.ts';

const LESSON = '/keys/restricted-permissions/?engine=worker';

test.describe.configure({ timeout: 120_000 });

const sandbox = (page: Page) => page.locator('keylab-sandbox').first();
const output = (page: Page) => sandbox(page).getByRole('log', { name: 'Output' });
const consoleElement = (page: Page) => page.locator('keylab-practice-console');

async function run(page: Page): Promise<void> {
	const before = Number((await sandbox(page).getAttribute('data-runs')) ?? 0);
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(sandbox(page)).toHaveAttribute('data-runs', String(before + 1), { timeout: 45_000 });
}

test('a restricted key fails with Missing scopes, then passes once the permission is fixed', async ({
	page,
}) => {
	await page.goto(LESSON);
	await consoleElement(page).getByRole('button', { name: 'Open the practice console' }).click();
	await expect(consoleElement(page)).toHaveAttribute('data-state', 'ready');

	await consoleElement(page).getByRole('button', { name: '+ Create new secret key' }).click();
	const create = page.getByRole('dialog', { name: 'Create new secret key' });
	await create.getByLabel('Name (optional)').fill('Restricted test');
	await create.getByRole('radio', { name: 'Restricted' }).check();
	await expect(create.getByRole('group', { name: 'Resources' })).toBeVisible();
	await create.getByRole('button', { name: 'Create secret key' }).click();

	const reveal = page.getByRole('dialog', { name: 'Save your key' });
	const secret = await reveal.getByRole('textbox').inputValue();
	expect(secret).toMatch(/^sk-proj-[A-Za-z0-9_-]+PRACTICE/);
	await reveal.getByRole('button', { name: 'Use in sandbox' }).click();
	await reveal.getByRole('button', { name: 'Done' }).click();
	await expect(reveal).toHaveCount(0);
	// Shown once: afterwards only the masked form is anywhere on the page.
	const row = consoleElement(page).getByRole('row', { name: /Restricted test/ });
	await expect(row).toContainText(`sk-proj-...${secret.slice(-4)}`);
	const everywhere = await page.evaluate(
		() =>
			document.documentElement.outerHTML +
			[...document.querySelectorAll('input')].map((i) => i.value).join(' '),
	);
	expect(everywhere).not.toContain(secret);

	await run(page);
	await expect(output(page)).toContainText(
		'401 You have insufficient permissions for this operation. Missing scopes: api.responses.write',
	);

	await row.getByRole('button', { name: 'Edit Restricted test' }).click();
	const edit = page.getByRole('dialog', { name: 'Edit “Restricted test”' });
	await edit.getByRole('combobox', { name: 'Responses API' }).selectOption('write');
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(row).toContainText('Responses API write');

	await run(page);
	await expect(output(page)).toContainText('Exited with code 0');
	await expect(row.locator('[data-usage] > span').first()).toHaveText('1 request');

	await row.getByRole('button', { name: 'Revoke Restricted test' }).click();
	await row.getByRole('button', { name: 'Confirm revoke Restricted test' }).click();
	// Revoking deletes the key, as on the platform: it leaves the list, and the list says it is empty.
	await expect(row).toHaveCount(0);
	await expect(consoleElement(page).getByRole('status')).toHaveText(
		'“Restricted test” was revoked and removed: requests with it now fail with 401 invalid_api_key.',
	);
	await expect(consoleElement(page).locator('tbody tr')).toHaveText(
		'No secret keys. Create one with “+ Create new secret key”.',
	);
	await expect(
		consoleElement(page).getByRole('button', { name: '+ Create new secret key' }),
	).toBeFocused();
	await run(page);
	await expect(output(page)).toContainText(
		`401 Incorrect API key provided: ${secret.slice(0, 8)}${'*'.repeat(secret.length - 12)}${secret.slice(-4)}.`,
	);
});

test('the console and its dialog have no axe violations', async ({ page }) => {
	await page.goto(LESSON);
	await consoleElement(page).getByRole('button', { name: 'Open the practice console' }).click();
	await expect(consoleElement(page)).toHaveAttribute('data-state', 'ready');
	expect(
		(await new AxeBuilder({ page }).include('keylab-practice-console').analyze()).violations,
	).toEqual([]);
	await consoleElement(page).getByRole('button', { name: '+ Create new secret key' }).click();
	await page.getByRole('radio', { name: 'Restricted' }).check();
	expect(
		(await new AxeBuilder({ page }).include('.keylab-console-dialog').analyze()).violations,
	).toEqual([]);
});

for (const [device, viewport] of [
	['a desktop', { width: 1280, height: 800 }],
	['a phone', { width: 375, height: 667 }],
] as const) {
	test(`the key dialog sits in the middle of ${device} screen and fits it`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await page.goto(LESSON);
		await consoleElement(page).getByRole('button', { name: 'Open the practice console' }).click();
		await consoleElement(page).getByRole('button', { name: '+ Create new secret key' }).click();
		const box = await page.getByRole('dialog', { name: 'Create new secret key' }).boundingBox();
		if (!box) throw new Error('The dialog is not rendered.');
		// Equal space on either side, within a pixel of rounding, and nothing off screen.
		expect(Math.abs(box.x - (viewport.width - box.x - box.width))).toBeLessThanOrEqual(1);
		expect(Math.abs(box.y - (viewport.height - box.y - box.height))).toBeLessThanOrEqual(1);
		expect(box.x).toBeGreaterThan(0);
		expect(box.y).toBeGreaterThan(0);
	});

	test(`a key's secret shows in monospace, and its actions stay in view on ${device} screen`, async ({
		page,
	}) => {
		await page.setViewportSize(viewport);
		await page.goto(LESSON);
		await consoleElement(page).getByRole('button', { name: 'Open the practice console' }).click();
		await consoleElement(page).getByRole('button', { name: '+ Create new secret key' }).click();
		const create = page.getByRole('dialog', { name: 'Create new secret key' });
		await create.getByLabel('Name (optional)').fill('Layout key');
		await create.getByRole('button', { name: 'Create secret key' }).click();
		const reveal = page.getByRole('dialog', { name: 'Save your key' });
		// l, I and 1 must differ in a key that is copied by eye.
		expect(
			await reveal.getByRole('textbox').evaluate((input) => getComputedStyle(input).fontFamily),
		).toMatch(/mono/i);
		await reveal.getByRole('button', { name: 'Done' }).click();
		const row = consoleElement(page).getByRole('row', { name: /Layout key/ });
		// Scrolled down to, not sideways: the list itself stays scrolled to its start.
		await row.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 100));
		expect(
			await consoleElement(page)
				.locator('.keylab-console-scroll')
				.evaluate((element) => element.scrollLeft),
		).toBe(0);
		for (const name of ['Edit', 'Rotate', 'Revoke']) {
			const button = row.getByRole('button', { name: `${name} Layout key` });
			await expect(button).toBeInViewport({ ratio: 1 });
			// Nothing drawn over it: the point at its centre hits the button itself.
			expect(
				await button.evaluate((element) => {
					const box = element.getBoundingClientRect();
					return (
						document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === element
					);
				}),
				`${name} is not covered`,
			).toBe(true);
		}
	});
}

test('the console and the Administration API agree: console keys are listed by code, code deletions leave the console, service accounts go both ways', async ({
	page,
}) => {
	await page.goto('/using/rotate-and-audit-keys/?engine=worker');
	await consoleElement(page).getByRole('button', { name: 'Open the practice console' }).click();
	await expect(consoleElement(page)).toHaveAttribute('data-state', 'ready');
	await consoleElement(page).getByRole('button', { name: '+ Create new secret key' }).click();
	const create = page.getByRole('dialog', { name: 'Create new secret key' });
	await create.getByLabel('Name (optional)').fill('Audited by code');
	await create.getByRole('button', { name: 'Create secret key' }).click();
	const reveal = page.getByRole('dialog', { name: 'Save your key' });
	const secret = await reveal.getByRole('textbox').inputValue();
	await reveal.getByRole('button', { name: 'Done' }).click();
	const row = consoleElement(page).getByRole('row', { name: /Audited by code/ });
	await expect(row).toHaveCount(1);

	// The lesson's sample lists every key through GET /v1/organization/projects/{id}/api_keys.
	await run(page);
	await expect(output(page)).toContainText(
		`Default project | Audited by code | sk-proj-...${secret.slice(-4)} | user | last used: never`,
	);
	await expect(output(page)).toContainText('Exited with code 0');

	// Code deletes it through DELETE …/api_keys/{id}; the console follows without a reload.
	await setIndex(
		page,
		`import OpenAI from 'openai';
const client = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
for await (const project of client.admin.organization.projects.list()) {
  for await (const key of client.admin.organization.projects.apiKeys.list(project.id)) {
    if (key.name === 'Audited by code') {
      const gone = await client.admin.organization.projects.apiKeys.delete(key.id, { project_id: project.id });
      console.log('deleted', gone.id, gone.deleted);
    }
  }
}
`,
	);
	await run(page);
	await expect(output(page)).toContainText(/deleted key_\w+ true/);
	await expect(row).toHaveCount(0);
	// And the deleted key no longer works: the same 401 as any unknown key.
	await setIndex(
		page,
		`import OpenAI from 'openai';
const client = new OpenAI({ apiKey: ${JSON.stringify(secret)} });
await client.models.list();
`,
	);
	await run(page);
	await expect(output(page)).toContainText('401 Incorrect API key provided');

	// A service account made by code shows in the console; a key issued there is listed by code.
	await setIndex(
		page,
		`import OpenAI from 'openai';
const client = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
const [project] = (await client.admin.organization.projects.list()).data;
const account = await client.admin.organization.projects.serviceAccounts.create(project.id, { name: 'Deploy bot' });
console.log('created', account.id);
`,
	);
	await run(page);
	await expect(output(page)).toContainText(/created svc_acct_\w+/);
	const issue = consoleElement(page).getByRole('button', {
		name: 'Issue another key for Deploy bot',
	});
	await issue.click();
	const issued = page.getByRole('dialog', { name: 'Save your key' });
	const second = await issued.getByRole('textbox').inputValue();
	expect(second).toMatch(/^sk-svcacct-/);
	await issued.getByRole('button', { name: 'Done' }).click();
	await expect(
		consoleElement(page).getByRole('row', { name: /Service account: Deploy bot/ }),
	).toHaveCount(2);
	await setIndex(page, keyAudit.files[0].contents);
	await run(page);
	await expect(output(page)).toContainText(
		`| sk-svcacct-...${second.slice(-4)} | service account |`,
	);
});

test('after a revoke and after a rotation the console lists exactly the keys the Administration API lists', async ({
	page,
}) => {
	await page.goto('/using/rotate-and-audit-keys/?engine=worker');
	await consoleElement(page).getByRole('button', { name: 'Open the practice console' }).click();
	await expect(consoleElement(page)).toHaveAttribute('data-state', 'ready');
	const reveal = page.getByRole('dialog', { name: 'Save your key' });
	for (const name of ['Revoked', 'Rotated', 'Kept']) {
		await consoleElement(page).getByRole('button', { name: '+ Create new secret key' }).click();
		const create = page.getByRole('dialog', { name: 'Create new secret key' });
		await create.getByLabel('Name (optional)').fill(name);
		await create.getByRole('button', { name: 'Create secret key' }).click();
		await reveal.getByRole('button', { name: 'Done' }).click();
	}
	const rows = consoleElement(page).locator('tbody tr[data-key-id]');
	await expect(rows).toHaveCount(3);
	await setIndex(
		page,
		`import OpenAI from 'openai';
const client = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
const ids = [];
for await (const project of client.admin.organization.projects.list()) {
  for await (const key of client.admin.organization.projects.apiKeys.list(project.id)) ids.push(key.id);
}
console.log('listed ' + JSON.stringify(ids.sort()));
`,
	);
	const agree = async (count: number) => {
		const shown = await rows.evaluateAll((trs) =>
			trs.map((tr) => (tr as HTMLElement).dataset.keyId ?? '').sort(),
		);
		expect(shown).toHaveLength(count);
		await run(page);
		await expect(output(page)).toContainText(`listed ${JSON.stringify(shown)}`);
	};

	const rotated = consoleElement(page).getByRole('row', { name: /Rotated/ });
	const oldId = await rotated.getAttribute('data-key-id');
	await rotated.getByRole('button', { name: 'Rotate Rotated' }).click();
	await reveal.getByRole('button', { name: 'Done' }).click();
	await expect(consoleElement(page).locator(`tr[data-key-id="${oldId}"]`)).toHaveCount(0);
	await expect(consoleElement(page).getByRole('status')).toHaveText(
		'“Rotated” was rotated: the old key was revoked and removed, so requests with it now fail with 401 invalid_api_key.',
	);
	await agree(3);

	// Revoke the first row: it leaves, and focus moves to the Revoke of the row that took its place.
	const revoked = consoleElement(page).getByRole('row', { name: /Revoked/ });
	await revoked.getByRole('button', { name: 'Revoke Revoked' }).click();
	await revoked.getByRole('button', { name: 'Confirm revoke Revoked' }).click();
	await expect(revoked).toHaveCount(0);
	await expect(
		consoleElement(page)
			.getByRole('row', { name: /Kept/ })
			.getByRole('button', { name: 'Revoke Kept' }),
	).toBeFocused();
	await agree(2);
});
