/**
 * Checked scenarios walked end to end in the UI with the worker engine: Trigger loads the broken
 * project, Check fails with the scenario's reason, the learner fixes it (code in the editor, the
 * run's environment, or a key in the practice console), and Check passes.
 */
import { expect, test, type Page } from '@playwright/test';
import { getScenario } from '../../sandbox/scenarios/index.ts';
import { card, check, editIndex, solutionIndex, trigger } from './support/scenario-card.ts';
import { sandbox } from './support/sandbox.ts';

const LESSON = '/troubleshooting/key-does-not-work/?engine=worker';

// Two checked runs plus Monaco's first load on two shared cores.
test.describe.configure({ timeout: 120_000 });

const output = (page: Page) => sandbox(page).getByRole('log', { name: 'Output' });

/**
 * Runs the sandbox with its Run button and waits for the run to end. The button is pressed with
 * Enter: on a loaded CI machine a mouse click once never reached it (the run did not start and the
 * page showed no error), and a key press does not depend on where the button sits at that instant.
 * Mouse clicks on Run are covered in sandbox.spec.ts.
 */
async function run(page: Page): Promise<void> {
	const before = Number((await sandbox(page).getAttribute('data-runs')) ?? 0);
	await sandbox(page).getByRole('button', { name: 'Run' }).press('Enter');
	await expect(sandbox(page))
		.toHaveAttribute('data-runs', String(before + 1), { timeout: 45_000 })
		.catch(async (error: Error) => {
			// Say what the sandbox showed: whether the run started at all tells the causes apart.
			throw new Error(`${error.message}\nOutput: ${await output(page).textContent()}`);
		});
}

test('a card is a region named by its heading, which reads “Scenario: <title>”', async ({
	page,
}) => {
	await page.goto(LESSON);
	// Not “ScenarioThe key…”: the badge and the title used to run together when read or indexed.
	const name = new RegExp(`^Scenario ?: ${getScenario('missing-key').title}$`);
	await expect(card(page, 'missing-key')).toHaveAccessibleName(name);
	await expect(page.getByRole('region', { name })).toBeVisible();
});

test('pasted key: fails on the quotes, passes once the code strips them', async ({ page }) => {
	await page.goto(LESSON);
	const scenario = card(page, 'pasted-key');
	await trigger(scenario);
	await expect(sandbox(page).getByRole('tabpanel')).toContainText(
		'apiKey: process.env.OPENAI_API_KEY',
	);

	expect(await check(scenario, 'failed')).toContain('starts with a quote');
	await expect(scenario.locator('[data-check-output]')).toContainText(
		'401 Incorrect API key provided: "sk-proj',
	);

	await editIndex(page, solutionIndex('pasted-key'));
	expect(await check(scenario, 'passed')).toContain('accepted the key');
	await expect(scenario.locator('[data-progress]')).toHaveText('Scenario ✓ passed');
	const stored = await page.evaluate(() => localStorage.getItem('keylab:scenarios-passed'));
	expect(JSON.parse(stored ?? '[]')).toEqual(['pasted-key']);
	expect(stored).not.toContain('sk-');
});

test('missing key: fails before any request, passes once the variable has the right name', async ({
	page,
}) => {
	await page.goto(LESSON);
	const scenario = card(page, 'missing-key');
	await trigger(scenario);
	// The sandbox's own Run uses the scenario's environment too.
	await run(page);
	await expect(output(page)).toContainText('OPENAI_API_KEY');

	expect(await check(scenario, 'failed')).toContain('OPENAI_API_KEY is not set');
	const name = scenario.getByRole('textbox', { name: 'Name of variable 1' });
	await expect(name).toHaveValue('OPENAI_KEY');
	await name.fill('OPENAI_API_KEY');
	expect(await check(scenario, 'passed')).toContain('found OPENAI_API_KEY');
	await run(page);
	await expect(output(page)).toContainText('Exited with code 0');
});

test('revoked key: fails with 401, is gone from the console, passes with a new key', async ({
	page,
}) => {
	await page.goto(LESSON);
	const scenario = card(page, 'revoked-key');
	await trigger(scenario);
	await run(page);
	await expect(output(page)).toContainText('401 Incorrect API key provided');
	expect(await check(scenario, 'failed')).toContain('which is revoked');

	const consoleElement = page.locator('keylab-practice-console');
	await consoleElement.getByRole('button', { name: 'Open the practice console' }).click();
	await expect(consoleElement).toHaveAttribute('data-state', 'ready');
	// Revoking deleted it, as on the platform: there is nothing to rotate, so make a new key.
	await expect(consoleElement.getByRole('row', { name: /Old laptop/ })).toHaveCount(0);
	await consoleElement.getByRole('button', { name: '+ Create new secret key' }).click();
	const create = page.getByRole('dialog', { name: 'Create new secret key' });
	await create.getByLabel('Name (optional)').fill('Laptop');
	await create.getByRole('button', { name: 'Create secret key' }).click();
	const dialog = page.getByRole('dialog', { name: 'Save your key' });
	await expect(dialog.getByRole('textbox')).toHaveValue(/^sk-proj-/);
	await dialog.getByRole('button', { name: 'Use in sandbox' }).click();
	await dialog.getByRole('button', { name: 'Done' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(scenario.getByRole('status')).toContainText('from the practice console');

	expect(await check(scenario, 'passed')).toContain('succeeded with the new key');
	await run(page);
	await expect(output(page)).toContainText('Exited with code 0');
});
