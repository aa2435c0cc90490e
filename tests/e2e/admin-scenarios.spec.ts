/**
 * The Administration API scenarios of "Rotate and audit keys with code", walked in the UI with the
 * worker engine: Trigger loads the broken script, Check fails with the scenario's reason, the
 * learner types the fix into the editor, and Check passes.
 */
import { expect, test } from '@playwright/test';
import { card, check, editIndex, solutionIndex, trigger } from './support/scenario-card.ts';

const LESSON = '/using/rotate-and-audit-keys/?engine=worker';

test.describe.configure({ timeout: 120_000 });

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
