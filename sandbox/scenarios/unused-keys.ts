/**
 * Rotate and audit, scenario 1: delete the keys nobody used for 90 days, with the Admin API. The
 * starter reads only the first page of the key list, so a stale key on page two survives.
 */
import { outputText } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const program = (listKeys: string) => `import OpenAI from 'openai';

// An admin key (sk-admin-...) manages the organization; OPENAI_ADMIN_KEY holds it.
const client = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
const cutoff = Math.floor(Date.now() / 1000) - 90 * 24 * 60 * 60;

for await (const project of client.admin.organization.projects.list()) {
${listKeys}
    // A key never used counts from the day it was made: a new key is not a stale one.
    const lastActivity = key.last_used_at ?? key.created_at;
    if (lastActivity < cutoff) {
      await client.admin.organization.projects.apiKeys.delete(key.id, { project_id: project.id });
      console.log(\`Deleted "\${key.name}" (\${key.redacted_value}): unused for 90 days.\`);
    }
  }
}
`;

const FIRST_PAGE = `  // Lists the project's keys.
  const page = await client.admin.organization.projects.apiKeys.list(project.id);
  for (const key of page.data) {`;

const EVERY_PAGE = `  // \`for await\` follows has_more and last_id through every page of keys.
  for await (const key of client.admin.organization.projects.apiKeys.list(project.id)) {`;

export const unusedKeys: Scenario = {
	id: 'unused-keys',
	lesson: 'using/rotate-and-audit-keys',
	title: 'Delete keys unused for 90 days',
	summary:
		'The default project has 24 keys. Two of them nobody has used for more than 90 days; the clean-up script should delete exactly those, and it misses one.',
	setup(admin, baseURL) {
		const state = admin.state;
		const now = state.clock.now();
		const make = (name: string, createdDaysAgo: number, usedDaysAgo: number | null) => {
			const { id } = admin.createKey({ name });
			const key = state.keys[id];
			key.createdAt = now - createdDaysAgo * DAY_MS;
			key.lastUsedAt = usedDaysAgo === null ? null : now - usedDaysAgo * DAY_MS;
			return id;
		};
		// Created in this order, so the list (oldest first) puts "Forgotten test" on page two.
		const production = make('chatbot-prod-2025-10', 400, 0);
		const prototype = make('prototype-2026-03', 260, 120);
		const ci = Array.from({ length: 20 }, (_, i) => make(`ci-runner-${i + 1}`, 200 - i, 1));
		const forgotten = make('forgotten-test-2026-07', 130, null);
		const intern = make('intern-laptop-2026-11', 3, null);
		return {
			env: { OPENAI_ADMIN_KEY: admin.scenarioKey('admin_key').secret },
			ids: {
				production,
				intern,
				prototype,
				forgotten,
				...Object.fromEntries(ci.map((id, i) => [`ci${i + 1}`, id])),
			},
			secrets: {},
			baseURL,
		};
	},
	starter: () => project('unused-keys', program(FIRST_PAGE)),
	solution: () => project('unused-keys', program(EVERY_PAGE)),
	solutionSteps: [
		'A list call returns one page (20 keys by default) with has_more: true when there are more.',
		'Loop with `for await (const key of client.admin.organization.projects.apiKeys.list(project.id))`: the SDK follows `after` = last_id until has_more is false.',
		'Run it again: "forgotten-test-2026-07", on the second page, is deleted too, and every key in use stays.',
	],
	hints: [
		'Count the keys the script looked at. Does the default project have only 20?',
		'The list reply says has_more: true. What does the next page hold?',
		'Iterate the list with `for await` instead of reading `page.data`: the SDK fetches every page.',
	],
	starterFailure: 'stale_key_left',
	check(run) {
		const ids = run.context.ids;
		const alive = new Set(run.keys.filter((k) => k.status === 'active').map((k) => k.id));
		const stale = [ids.prototype, ids.forgotten];
		const keep = Object.entries(ids).filter(([role]) => !['prototype', 'forgotten'].includes(role));
		const wronglyDeleted = keep.filter(([, id]) => !alive.has(id)).map(([role]) => role);
		if (wronglyDeleted.length > 0) {
			return fail(
				'deleted_active_key',
				`The script deleted keys still in use (${wronglyDeleted.join(', ')}). Delete only keys whose last use, or creation if never used, is more than 90 days ago.`,
			);
		}
		const deletes = run.requestLog.filter((e) => e.method === 'DELETE' && e.status === 200);
		const left = stale.filter((id) => alive.has(id));
		if (left.length === stale.length && deletes.length === 0) {
			const said = outputText(run).trim().split('\n').pop() ?? '';
			return fail(
				'nothing_deleted',
				`No key was deleted through the Admin API${said ? ` (the program said: ${said})` : ''}.`,
			);
		}
		if (left.length > 0) {
			const name =
				run.context.ids.forgotten === left[0] ? 'forgotten-test-2026-07' : 'prototype-2026-03';
			return fail(
				'stale_key_left',
				`"${name}" has not been used for over 90 days and is still active. It is on the second page of the key list: the script read only the first.`,
			);
		}
		return pass(
			'Both stale keys are deleted through the Admin API, and all 22 keys in use (including the new, never-used intern key) are kept.',
		);
	},
};
