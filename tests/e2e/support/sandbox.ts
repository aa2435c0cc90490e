/** Shared steps for specs that drive a lesson's `<keylab-sandbox>`. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The page's first sandbox. */
export const sandbox = (page: Page): Locator => page.locator('keylab-sandbox').first();

/** Replaces index.js through the element's public API (as a scenario card does), keeping the rest. */
export async function setIndex(page: Page, contents: string): Promise<void> {
	await sandbox(page).evaluate(async (element, code) => {
		const el = element as HTMLElement & {
			getFiles(): Promise<{ path: string; contents: string }[]>;
			setFiles(files: { path: string; contents: string }[]): Promise<void>;
		};
		const files = await el.getFiles();
		await el.setFiles(
			files.map((file) => (file.path === 'index.js' ? { ...file, contents: code } : file)),
		);
	}, contents);
}

/** Runs the page's sandbox for the first time and waits for the program to exit cleanly. */
export async function runOnceCleanly(page: Page): Promise<void> {
	const box = sandbox(page);
	await expect(box).toHaveAttribute('data-state', 'idle');
	await box.getByRole('button', { name: 'Run' }).click();
	await expect(box).toHaveAttribute('data-runs', '1', { timeout: 45_000 });
	await expect(box).toHaveAttribute('data-state', 'ready');
	await expect(box.getByRole('log', { name: 'Output' })).toContainText('Exited with code 0');
}

/** The page's first sandbox's output panel. */
export const output = (page: Page): Locator => sandbox(page).getByRole('log', { name: 'Output' });

/** Presses Run and waits for that run to end; resolves with the sandbox's state afterwards. */
export async function runAndWait(page: Page): Promise<string> {
	const before = Number((await sandbox(page).getAttribute('data-runs')) ?? 0);
	await sandbox(page).getByRole('button', { name: 'Run' }).click();
	await expect(sandbox(page)).toHaveAttribute('data-runs', String(before + 1), { timeout: 45_000 });
	return (await sandbox(page).getAttribute('data-state')) ?? '';
}
