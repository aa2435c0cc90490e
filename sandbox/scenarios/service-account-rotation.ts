/**
 * Rotate and audit, scenario 2: rotate a service account's key with no downtime. Issue a second
 * key, switch to it, verify it with a real call, and only then delete the old one. The starter
 * deletes first and verifies after, so for a moment the service has no working key.
 */
import { RECOMMENDED_MODEL } from '../models/registry.ts';
import { createServiceAccount } from '../practice-api/organization.ts';
import { outputText } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const head = `import OpenAI from 'openai';

const admin = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
const projectId = process.env.PROJECT_ID;
const accountId = process.env.SERVICE_ACCOUNT_ID;
const oldKeyId = process.env.OLD_KEY_ID;

// 1. Issue a second key for the same service account (shown once: store it at once).
const fresh = await admin.admin.organization.projects.serviceAccounts.apiKeys.create(accountId, {
  project_id: projectId,
  name: \`deploy-bot-\${new Date().toISOString().slice(0, 10)}\`,
});
// In production: write fresh.value to your secret manager and redeploy. Here the app is this client.
const app = new OpenAI({ apiKey: fresh.value });
`;

const verify = `// Verify: one cheap call with the new key.
const reply = await app.responses.create({ model: '${RECOMMENDED_MODEL}', input: 'Reply OK.', max_output_tokens: 16 });
console.log('The new key works:', reply.output_text);
`;

const remove = `// Delete the old key: whoever still holds it is now locked out.
await admin.admin.organization.projects.apiKeys.delete(oldKeyId, { project_id: projectId });
console.log('Old key deleted.');
`;

export const serviceAccountRotation: Scenario = {
	id: 'service-account-rotation',
	lesson: 'using/rotate-and-audit-keys',
	title: 'Rotate a service account’s key with no downtime',
	summary:
		'The "Deploy bot" service account’s key is 90 days old: time to rotate it. The script gets the steps right but not their order.',
	setup(admin, baseURL) {
		const state = admin.state;
		const account = createServiceAccount(state, state.projects[state.defaultProjectId], {
			name: 'Deploy bot',
		});
		return {
			env: {
				OPENAI_ADMIN_KEY: admin.scenarioKey('admin_key').secret,
				PROJECT_ID: state.defaultProjectId,
				SERVICE_ACCOUNT_ID: account.id,
				OLD_KEY_ID: account.api_key!.id,
			},
			ids: { account: account.id, old: account.api_key!.id },
			secrets: {},
			baseURL,
		};
	},
	starter: () => project('service-account-rotation', head + '\n' + remove + '\n' + verify),
	solution: () => project('service-account-rotation', head + '\n' + verify + '\n' + remove),
	solutionSteps: [
		'Issue the new key first (POST …/service_accounts/{id}/api_keys): both keys work side by side.',
		'Switch the service to the new key, and prove it with one cheap model call.',
		'Only then delete the old key (DELETE …/api_keys/{old id}).',
	],
	hints: [
		'Both keys can be valid at the same time. When is the old one still needed?',
		'If the new key turned out to be broken, could the script still go back to the old one?',
		'Verify with the new key before you delete the old one: swap the last two blocks.',
	],
	starterFailure: 'deleted_before_verifying',
	check(run) {
		const { account, old } = run.context.ids;
		const log = run.requestLog;
		const issued = log.findIndex(
			(e) =>
				e.method === 'POST' &&
				e.status === 200 &&
				e.path.endsWith(`/service_accounts/${account}/api_keys`),
		);
		if (issued < 0) {
			return fail(
				'no_new_key',
				`No new key was issued for the service account (POST …/service_accounts/${account}/api_keys). ${outputText(run).trim().split('\n').pop() ?? ''}`,
			);
		}
		const oldAlive = run.keys.some((k) => k.id === old && k.status === 'active');
		// The account's other keys; a check run after an earlier one may find several.
		const newKeys = new Set(
			run.keys.filter((k) => k.serviceAccountId === account && k.id !== old).map((k) => k.id),
		);
		const verified = log.findIndex(
			(e, i) =>
				i > issued &&
				e.status === 200 &&
				e.keyId !== undefined &&
				newKeys.has(e.keyId) &&
				e.path.startsWith('/v1/') &&
				!e.path.startsWith('/v1/organization/'),
		);
		const deleted = log.findIndex(
			(e) => e.method === 'DELETE' && e.status === 200 && e.path.endsWith(`/api_keys/${old}`),
		);
		if (newKeys.size === 0)
			return fail('no_new_key', 'The service account has no working new key.');
		if (deleted >= 0 && (verified < 0 || deleted < verified)) {
			return fail(
				'deleted_before_verifying',
				'The old key was deleted before the new one was proven to work: had the new key been wrong, the service would have had no working key. Verify first, then delete.',
			);
		}
		if (verified < 0) {
			return fail('not_verified', 'No model call with the new key succeeded.');
		}
		if (oldAlive) {
			return fail(
				'old_key_active',
				'The new key works, but the old key is still active: delete it, or a leaked copy stays usable.',
			);
		}
		return pass(
			'A second key was issued, proven with a model call, and only then was the old key deleted: no moment without a working key.',
		);
	},
};
