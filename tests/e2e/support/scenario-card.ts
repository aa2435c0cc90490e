/** Shared steps for specs that walk a checked scenario card: trigger, fix in the editor, check. */
import { expect, type Locator, type Page } from '@playwright/test';
import { PRACTICE_BASE_URL } from '../../../sandbox/practice-api/index.ts';
import { getScenario } from '../../../sandbox/scenarios/index.ts';
import { sandbox } from './sandbox.ts';

/** The card of scenario `id` on the page. */
export const card = (page: Page, id: string): Locator =>
	page.locator(`keylab-scenario[data-scenario="${id}"]`);

/** Presses Trigger and waits for the broken project to be in the sandbox. */
export async function trigger(scenario: Locator): Promise<void> {
	await scenario.getByRole('button', { name: 'Trigger' }).click();
	// The first Trigger on a page loads the scenario and practice-API chunks: on two shared cores
	// under a full parallel run that once took more than the default 15 s (a wait, not a budget:
	// the bench measures speed).
	await expect(scenario).toHaveAttribute('data-state', 'triggered', { timeout: 30_000 });
}

/** Presses Check and waits for this check (not an earlier one) to finish; returns what it said. */
export async function check(scenario: Locator, expected: 'passed' | 'failed'): Promise<string> {
	const before = Number((await scenario.getAttribute('data-checks')) ?? 0);
	await scenario.getByRole('button', { name: 'Check' }).click();
	// A check runs the program: Monaco's first load and two shared cores can make it slow.
	await expect(scenario).toHaveAttribute('data-checks', String(before + 1), { timeout: 60_000 });
	await expect(scenario).toHaveAttribute('data-state', expected);
	return (await scenario.getByRole('status').textContent()) ?? '';
}

/** Replaces index.js by typing into the editor, as a learner would. */
export async function editIndex(page: Page, contents: string): Promise<void> {
	await sandbox(page).getByRole('tab', { name: 'index.js' }).click();
	await sandbox(page).getByRole('tabpanel').locator('pre').first().click();
	await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
	await sandbox(page).locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('ControlOrMeta+a');
	// insertText skips the editor's auto-closing brackets, so the text arrives as written.
	await page.keyboard.insertText(contents);
}

const context = { env: {}, ids: {}, secrets: {}, baseURL: PRACTICE_BASE_URL };

/** The index.js of scenario `id`'s solution, as the learner would type it. */
export const solutionIndex = (id: string): string =>
	getScenario(id)
		.solution(context)
		.find((file) => file.path === 'index.js')?.contents ?? '';
