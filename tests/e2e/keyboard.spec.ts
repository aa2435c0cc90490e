/**
 * Keyboard-only use of the sandbox, the practice console, scenario cards and the troubleshooter
 * (WCAG 2.1.1, 2.1.2, 2.4.7), reduced motion (2.3.3) and the live regions that announce results.
 * Each flow starts from a focus anchor placed just before the component; from there on only
 * page.keyboard acts on it, and every control that takes focus must show a focus indicator.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { sandbox, setIndex } from './support/sandbox.ts';

const LESSON = '/using/first-call/?engine=worker';
const CONSOLE_LESSON = '/keys/restricted-permissions/?engine=worker';
const SCENARIO_LESSON = '/troubleshooting/key-does-not-work/?engine=worker';
const TROUBLESHOOTER = '/troubleshooter/';

const output = (page: Page) => sandbox(page).getByRole('log', { name: 'Output' });
const practiceConsole = (page: Page) => page.locator('keylab-practice-console');

/** Describes the focused element and whether it (or its editor frame) shows a focus indicator. */
async function focusIndicator(page: Page): Promise<{ what: string; visible: boolean }> {
	return page.evaluate(() => {
		const focused = document.activeElement as HTMLElement | null;
		if (!focused || focused === document.body) return { what: 'nothing', visible: false };
		// Monaco's input is a 1px textarea; the frame around the editor carries the indicator.
		const shown = focused.closest('.monaco-editor')
			? (focused.closest<HTMLElement>('.keylab-sb-editor') ?? focused)
			: focused;
		const style = getComputedStyle(shown);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
		const shadow = style.boxShadow !== 'none';
		const label =
			focused.getAttribute('aria-label') ||
			focused.title ||
			focused.textContent?.trim().slice(0, 40) ||
			'';
		return {
			what: `<${focused.tagName.toLowerCase()}> ${label} (outline ${style.outlineStyle} ${style.outlineWidth}, box-shadow ${style.boxShadow})`,
			visible: outline || shadow,
		};
	});
}

/** Asserts the focused element shows a visible focus indicator. */
async function expectFocusVisible(page: Page): Promise<void> {
	const { what, visible } = await focusIndicator(page);
	expect(visible, `no visible focus indicator on ${what}`).toBe(true);
}

/** Puts focus on a temporary, unfocusable-by-Tab anchor right before `target`'s component. */
async function focusBefore(component: Locator): Promise<void> {
	await component.evaluate((element) => {
		const anchor = document.createElement('span');
		anchor.tabIndex = -1;
		anchor.dataset.keyboardAnchor = '';
		element.before(anchor);
		anchor.addEventListener('blur', () => anchor.remove(), { once: true });
		anchor.focus();
	});
}

/** Presses `key` until `target` has focus, checking the indicator on every stop on the way. */
async function pressUntilFocused(
	page: Page,
	target: Locator,
	key: 'Tab' | 'Shift+Tab' = 'Tab',
	max = 20,
): Promise<void> {
	for (let presses = 0; presses < max; presses++) {
		await page.keyboard.press(key);
		if (await page.evaluate(() => document.activeElement !== document.body))
			await expectFocusVisible(page);
		if (await target.evaluate((element) => element === document.activeElement)) return;
	}
	await expect(target, `${key} never reached it in ${max} presses`).toBeFocused({ timeout: 1 });
}

/** Presses Enter on the focused control and waits for the sandbox's run counter to move. */
async function runWithEnter(page: Page): Promise<void> {
	const before = Number((await sandbox(page).getAttribute('data-runs')) ?? 0);
	await page.keyboard.press('Enter');
	await expect(sandbox(page)).toHaveAttribute('data-runs', String(before + 1), { timeout: 45_000 });
}

test.describe('keyboard only', () => {
	test('sandbox: Run, Stop, Reset, the editor and a way out of it', async ({ page }) => {
		test.setTimeout(90_000);
		await page.goto(LESSON);
		const run = sandbox(page).getByRole('button', { name: 'Run' });
		const stop = sandbox(page).getByRole('button', { name: 'Stop' });
		const reset = sandbox(page).getByRole('button', { name: 'Reset' });
		const selectedTab = sandbox(page).getByRole('tab', { selected: true });

		// Tabbing past the code to Run must not pull focus into an editor.
		await focusBefore(sandbox(page));
		await pressUntilFocused(page, run);
		await runWithEnter(page);
		await expect(sandbox(page)).toHaveAttribute('data-state', 'ready');
		// Screen readers hear the output and the run's end: both are added inside a live log.
		await expect(output(page)).toHaveAttribute('aria-live', 'polite');
		await expect(output(page).locator('.keylab-status')).toContainText('Exited with code 0');
		await expect(sandbox(page).locator('[data-engine]')).toHaveAttribute('aria-live', 'polite');
		// The run's controls keep the focus: it never falls back to the page.
		await expect(run).toBeFocused();
		await expect(sandbox(page)).not.toHaveAttribute('data-editor');

		// A program that never ends (set up as a scenario card would): Stop is where focus goes.
		await setIndex(page, "console.log('looping');\nwhile (true) {}\n");
		await page.keyboard.press('Enter');
		await expect(stop).toBeFocused();
		await expectFocusVisible(page);
		await expect(output(page)).toContainText('looping', { timeout: 30_000 });
		await page.keyboard.press('Enter');
		await expect(sandbox(page)).toHaveAttribute('data-runs', '2', { timeout: 45_000 });
		await expect(output(page)).toContainText('Stopped after');
		await expect(run).toBeFocused();
		await pressUntilFocused(page, reset);
		await page.keyboard.press('Enter');
		await expect(output(page)).toContainText('Reset to the lesson’s code');

		// Back to the code with Shift+Tab; Enter on it opens the editor, with the focus in it.
		await pressUntilFocused(page, selectedTab, 'Shift+Tab');
		await page.keyboard.press('Tab');
		const code = sandbox(page).getByRole('tabpanel');
		await expect(code).toBeFocused();
		await expect(code).toHaveAccessibleDescription(/Enter/);
		await page.keyboard.press('Enter');
		await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
		const editor = sandbox(page).locator('.monaco-editor').getByRole('textbox');
		await expect(editor).toBeFocused();
		await expect(editor).toHaveAccessibleName(/Escape, then Tab/);
		await expectFocusVisible(page);
		await page.keyboard.press('ControlOrMeta+End');
		await page.keyboard.type('\nconsole.log("typed with keys");');
		// Tab indents inside the editor...
		await page.keyboard.press('Tab');
		await expect(editor).toBeFocused();
		// An Escape the editor uses itself (here: clearing a selection) does not release Tab.
		await page.keyboard.press('Shift+Home');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		await expect(editor).toBeFocused();
		// ...but Escape then Tab leaves it (WCAG 2.1.2), which the sandbox says on screen.
		await expect(sandbox(page).locator('.keylab-sb-hint')).toContainText('Esc then Tab');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		await expect(run).toBeFocused();
		await runWithEnter(page);
		await expect(output(page)).toContainText('typed with keys');
		// Back in with Shift+Tab, out the other way with Escape then Shift+Tab.
		await page.keyboard.press('Shift+Tab');
		await expect(editor).toBeFocused();
		await page.keyboard.press('Escape');
		await page.keyboard.press('Shift+Tab');
		await expect(selectedTab).toBeFocused();
		// Leaving does not stick: back in the editor, Tab indents again.
		await page.keyboard.press('Tab');
		await expect(editor).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(editor).toBeFocused();
	});

	test('practice console: create, edit, rotate and revoke a key; dialogs hold and return focus', async ({
		page,
	}) => {
		await page.goto(CONSOLE_LESSON);
		const open = practiceConsole(page).getByRole('button', { name: 'Open the practice console' });
		await focusBefore(practiceConsole(page));
		await pressUntilFocused(page, open);
		await page.keyboard.press('Enter');
		await expect(practiceConsole(page)).toHaveAttribute('data-state', 'ready');
		const create = practiceConsole(page).getByRole('button', { name: '+ Create new secret key' });
		// The Open button disappears; focus moves on to the console rather than to the page.
		await expect(create).toBeFocused();
		await expectFocusVisible(page);

		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
		await expect(dialog).toBeVisible();
		await pressUntilFocused(page, dialog.getByLabel('Name (optional)'));
		await page.keyboard.type('Keyboard key');
		// Escape closes without creating anything and returns focus to the opener.
		await page.keyboard.press('Escape');
		await expect(dialog).toHaveCount(0);
		await expect(create).toBeFocused();

		await page.keyboard.press('Enter');
		await expect(dialog).toBeVisible();
		await pressUntilFocused(page, dialog.getByLabel('Name (optional)'));
		await page.keyboard.type('Keyboard key');
		await pressUntilFocused(page, dialog.getByRole('radio', { name: 'All' }));
		await page.keyboard.press('ArrowRight');
		await expect(dialog.getByRole('radio', { name: 'Restricted' })).toBeChecked();
		await expect(dialog.getByRole('group', { name: 'Resources' })).toBeVisible();
		// The page behind the modal dialog is out of reach: Tab cycles through the dialog (and,
		// as browsers do for native modals, the browser's own controls), never the page.
		const stops: string[] = [];
		for (let i = 0; i < 25; i++) {
			await page.keyboard.press('Tab');
			stops.push(
				await dialog.evaluate((d) =>
					d.contains(document.activeElement)
						? 'dialog'
						: document.activeElement === document.body
							? 'browser'
							: `page: ${document.activeElement?.outerHTML.slice(0, 80)}`,
				),
			);
		}
		expect(stops.filter((stop) => stop.startsWith('page'))).toEqual([]);
		expect(stops.lastIndexOf('dialog')).toBeGreaterThan(stops.indexOf('browser'));
		await pressUntilFocused(page, dialog.getByRole('button', { name: 'Create secret key' }));
		await page.keyboard.press('Enter');
		const reveal = page.getByRole('dialog', { name: 'Save your key' });
		await expect(reveal.getByRole('textbox')).toBeFocused();
		await pressUntilFocused(page, reveal.getByRole('button', { name: 'Done' }));
		await page.keyboard.press('Enter');
		await expect(reveal).toHaveCount(0);
		await expect(create).toBeFocused();

		const created = practiceConsole(page).getByRole('row', { name: /Keyboard key/ });
		await expect(created).toContainText('Restricted');
		const row = practiceConsole(page).locator(
			`tr[data-key-id="${await created.getAttribute('data-key-id')}"]`,
		);
		const edit = row.getByRole('button', { name: 'Edit Keyboard key' });
		await pressUntilFocused(page, edit);
		await page.keyboard.press('Enter');
		const editDialog = page.getByRole('dialog', { name: 'Edit “Keyboard key”' });
		await expect(editDialog).toBeVisible();
		await pressUntilFocused(page, editDialog.getByRole('radio', { name: 'Restricted' }));
		await page.keyboard.press('ArrowRight');
		await expect(editDialog.getByRole('radio', { name: 'Read only' })).toBeChecked();
		await pressUntilFocused(page, editDialog.getByRole('button', { name: 'Save' }));
		await page.keyboard.press('Enter');
		await expect(editDialog).toHaveCount(0);
		await expect(row.locator('[data-permissions]')).toHaveText('Read only');
		// The list re-rendered under the dialog; focus returns to the new Edit button.
		await expect(edit).toBeFocused();

		const rotate = row.getByRole('button', { name: 'Rotate Keyboard key' });
		await pressUntilFocused(page, rotate);
		await page.keyboard.press('Enter');
		const rotated = page.getByRole('dialog', { name: 'Save your key' });
		await expect(rotated.getByRole('textbox')).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(rotated).toHaveCount(0);
		// The old key left the list, as on the platform; focus returns to its replacement's Rotate.
		await expect(row).toHaveCount(0);
		const fresh = practiceConsole(page).getByRole('row', { name: /Keyboard key/ });
		await expect(fresh).toHaveCount(1);
		await expect(fresh.getByRole('button', { name: 'Rotate Keyboard key' })).toBeFocused();

		// Revoke the key the rotation made: Enter twice.
		const revoke = fresh.locator('[data-action="revoke"]');
		await expect(revoke).toHaveAccessibleName('Revoke Keyboard key');
		await pressUntilFocused(page, revoke);
		await page.keyboard.press('Enter');
		await expect(revoke).toHaveText('Confirm revoke');
		await expect(revoke).toHaveAccessibleName('Confirm revoke Keyboard key');
		await expect(revoke).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(practiceConsole(page).getByRole('status')).toHaveText(
			'“Keyboard key” was revoked and removed: requests with it now fail with 401 invalid_api_key.',
		);
		await expect(fresh).toHaveCount(0);
		// No key left: the list says so, and focus goes to the create button, not to the page.
		await expect(practiceConsole(page).locator('tbody tr')).toHaveText(
			'No secret keys. Create one with “+ Create new secret key”.',
		);
		await expect(create).toBeFocused();
		await expectFocusVisible(page);
	});

	test('scenario: trigger, check, fix and pass with keys only', async ({ page }) => {
		test.setTimeout(90_000);
		await page.goto(SCENARIO_LESSON);
		const card = page.locator('keylab-scenario[data-scenario="missing-key"]');
		const trigger = card.getByRole('button', { name: 'Trigger' });
		const check = card.getByRole('button', { name: 'Check' });
		await focusBefore(card);
		await pressUntilFocused(page, trigger);
		await page.keyboard.press('Enter');
		await expect(card).toHaveAttribute('data-state', 'triggered');
		await expect(trigger).toBeFocused();

		await pressUntilFocused(page, check);
		await page.keyboard.press('Enter');
		await expect(card).toHaveAttribute('data-checks', '1', { timeout: 45_000 });
		await expect(card).toHaveAttribute('data-state', 'failed');
		await expect(card.getByRole('status')).toContainText('OPENAI_API_KEY is not set');
		await expect(check).toBeFocused();

		await pressUntilFocused(page, card.getByRole('button', { name: 'Hint' }));
		await page.keyboard.press('Enter');
		await expect(card.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await expect(card.getByRole('button', { name: 'Hide solution' })).toHaveAttribute(
			'aria-expanded',
			'true',
		);

		const name = card.getByRole('textbox', { name: 'Name of variable 1' });
		await pressUntilFocused(page, name);
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type('OPENAI_API_KEY');
		await pressUntilFocused(page, check, 'Shift+Tab');
		await page.keyboard.press('Enter');
		await expect(card).toHaveAttribute('data-checks', '2', { timeout: 45_000 });
		await expect(card).toHaveAttribute('data-state', 'passed');
		await expect(card.getByRole('status')).toContainText('found OPENAI_API_KEY');
	});

	test('troubleshooter: type an error, read the diagnosis, follow its lesson link', async ({
		page,
	}) => {
		await page.goto(TROUBLESHOOTER);
		const tool = page.locator('keylab-troubleshooter');
		await expect(tool).toHaveAttribute('data-state', 'ready');
		const textarea = page.getByLabel(/The error you got/);
		await focusBefore(tool);
		await pressUntilFocused(page, textarea);
		// Typed, and then pasted (insertText is what a paste delivers to the field).
		await page.keyboard.type('Error code: 429 - ');
		await page.keyboard.insertText(
			"{'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota'}}",
		);
		await expect(tool).toHaveAttribute('data-state', 'diagnosed');
		const results = page.getByRole('region', { name: 'Results' });
		await expect(results.getByRole('heading', { level: 3 })).toHaveText(/Out of credits/);
		// A status line reads the diagnosis out without moving focus (once typing pauses).
		await expect(tool.getByRole('status')).toContainText('Out of credits');
		// The diagnosis follows the error box: its lesson link, then its question (OpenAI's quota
		// error also means "billing never set up"), then the key check.
		const lesson = results.locator('a[data-lesson]');
		await pressUntilFocused(page, lesson, 'Tab', 3);
		await page.keyboard.press('Tab');
		await expect(results.getByRole('radio', { name: /^Not sure/ })).toBeFocused();
		await pressUntilFocused(page, page.getByLabel('The key to check'), 'Tab', 2);
		await pressUntilFocused(page, lesson, 'Shift+Tab', 3);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/troubleshooting\/billing-and-quota\/$/);
	});
});

/** Animations and transitions longer than 10 ms under `selector` (and in console dialogs). */
async function motionUnder(page: Page, selector: string): Promise<string[]> {
	return page.evaluate((selector) => {
		const roots = [...document.querySelectorAll(selector)];
		const ours = (node: Element) => roots.some((root) => root.contains(node));
		const longest = (list: string) =>
			Math.max(
				...list
					.split(',')
					.map((part) => part.trim())
					.map((part) => (part.endsWith('ms') ? parseFloat(part) : parseFloat(part) * 1000)),
			);
		const name = (element: Element) =>
			`${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
		const found: string[] = [];
		for (const animation of document.getAnimations()) {
			const effect = animation.effect as KeyframeEffect | null;
			const target = effect?.target;
			if (!target || !ours(target) || animation.playState !== 'running') continue;
			const timing = effect.getComputedTiming();
			const duration = Number(timing.duration ?? 0);
			if (duration > 10 || timing.iterations === Infinity)
				found.push(`running: ${name(target)} ${duration}ms x${timing.iterations}`);
		}
		for (const element of roots.flatMap((root) => [root, ...root.querySelectorAll('*')])) {
			for (const pseudo of [null, '::before', '::after']) {
				const style = getComputedStyle(element, pseudo);
				if (style.animationName !== 'none' && longest(style.animationDuration) > 10)
					found.push(`animation: ${name(element)}${pseudo ?? ''} ${style.animationDuration}`);
				if (style.transitionProperty !== 'none' && longest(style.transitionDuration) > 10)
					found.push(`transition: ${name(element)}${pseudo ?? ''} ${style.transitionDuration}`);
			}
		}
		return [...new Set(found)];
	}, selector);
}

test.describe('reduced motion', () => {
	test.use({ reducedMotion: 'reduce' });
	const ours = 'keylab-sandbox, keylab-practice-console, keylab-scenario, keylab-troubleshooter';

	test('nothing of ours moves while a run, the editor, a dialog and a check are in use', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		await page.goto(CONSOLE_LESSON);
		expect(
			await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior),
		).toBe('auto');
		const run = sandbox(page).getByRole('button', { name: 'Run' });
		await focusBefore(sandbox(page));
		await pressUntilFocused(page, run);
		await page.keyboard.press('Enter');
		await expect(sandbox(page)).toHaveAttribute('data-state', /booting|running|ready/);
		expect(await motionUnder(page, ours)).toEqual([]);
		await expect(sandbox(page)).toHaveAttribute('data-runs', '1', { timeout: 45_000 });

		await pressUntilFocused(page, sandbox(page).getByRole('tabpanel'), 'Shift+Tab');
		await page.keyboard.press('Enter');
		await expect(sandbox(page)).toHaveAttribute('data-editor', 'ready', { timeout: 30_000 });
		await page.keyboard.type('// moving?');
		expect(await motionUnder(page, ours)).toEqual([]);

		await practiceConsole(page).getByRole('button', { name: 'Open the practice console' }).focus();
		await page.keyboard.press('Enter');
		await expect(practiceConsole(page)).toHaveAttribute('data-state', 'ready');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('dialog', { name: 'Create new secret key' })).toBeVisible();
		expect(await motionUnder(page, ours)).toEqual([]);

		await page.goto(SCENARIO_LESSON);
		const card = page.locator('keylab-scenario[data-scenario="pasted-key"]');
		await card.getByRole('button', { name: 'Trigger' }).focus();
		await page.keyboard.press('Enter');
		await expect(card).toHaveAttribute('data-state', 'triggered');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await expect(card).toHaveAttribute('data-state', /checking|failed/);
		expect(await motionUnder(page, ours)).toEqual([]);
		await expect(card).toHaveAttribute('data-checks', '1', { timeout: 45_000 });
		expect(
			await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior),
		).toBe('auto');

		await page.goto(TROUBLESHOOTER);
		await page.getByLabel(/The error you got/).focus();
		await page.keyboard.insertText('openai.RateLimitError: 429 You exceeded your current quota');
		await expect(page.locator('keylab-troubleshooter')).toHaveAttribute('data-state', 'diagnosed');
		expect(await motionUnder(page, ours)).toEqual([]);
	});
});
