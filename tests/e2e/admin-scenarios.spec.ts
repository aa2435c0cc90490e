/**
 * The Administration API scenarios of "Rotate and audit keys with code", walked in the UI with the
 * worker engine: Trigger loads the broken script, Check fails with the scenario's reason, the
 * learner types the fix into the editor, and Check passes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PRACTICE_BASE_URL } from '../../sandbox/practice-api/index.ts';
import { getScenario } from '../../sandbox/scenarios/index.ts';

const LESSON = '/using/rotate-and-audit-keys/?engine=worker';

test.describe.configure({ timeout: 120_000 });

const card = (page: Page, id: string) => page.locator(`keylab-scenario[data-scenario="${id}"]`);
const sandbox = (page: Page) => page.locator('keylab-sandbox').first();

async function trigger(scenario: Locator): Promise<void> {
	await scenario.getByRole('button', { name: 'Trigger' }).click();
	await expect(scenario).toHaveAttribute('data-state', 'triggered');
}

/** Presses Check and waits for this check (not an earlier one) to finish. */
async function check(scenario: Locator, expected: 'passed' | 'failed'): Promise<string> {
	const before = Number((await scenario.getAttribute('data-checks')) ?? 0);
	await scenario.getByRole('button', { name: 'Check' }).click();
	await expect(scenario).toHaveAttribute('data-checks', String(before + 1), { timeout: 45_000 });
	await expect(scenario).toHaveAttribute('data-state', expected);
	return (await scenario.getByRole('status').textContent()) ?? '';
}

/** Replaces index.js by typing into the editor, as a learner would. */
async function editIndex(page: Page, contents: string): Promise<void> {
	await sandbox(page).getByRole('tab', { name: 'index.js' }).click();
	await sandbox(page).getByRole('tabpanel').locator('pre').first().click();
	await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
	await sandbox(page).locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText(contents);
}

const context = { env: {}, ids: {}, secrets: {}, baseURL: PRACTICE_BASE_URL };
const solutionIndex = (id: string) =>
	getScenario(id)
		.solution(context)
		.find((file) => file.path === 'index.js')?.contents ?? '';

test('usage spike: ungrouped usage names no key; grouped by key, the spike’s key is deleted', async ({
	page,
}) => {
	await page.goto(LESSON);
	const scenario = card(page, 'usage-spike');
	await trigger(scenario);
	expect(await check(scenario, 'failed')).toContain('api_key_id: null');
	await editIndex(page, solutionIndex('usage-spike'));
	expect(await check(scenario, 'passed')).toContain('alice-laptop-dev-2026-08');
});

test('service account rotation: deleting before verifying fails; verify first, then delete, passes', async ({
	page,
}) => {
	await page.goto(LESSON);
	const scenario = card(page, 'service-account-rotation');
	await trigger(scenario);
	expect(await check(scenario, 'failed')).toContain('Verify first, then delete');
	await editIndex(page, solutionIndex('service-account-rotation'));
	expect(await check(scenario, 'passed')).toContain('no moment without a working key');
});
