/**
 * The sample of "Rotate and audit keys with code": an audit of every project's keys through the
 * Administration API, with an admin key (`OPENAI_ADMIN_KEY`), as a team would run it weekly.
 */
import type { Template } from './index.ts';

const index = `import OpenAI from 'openai';

// Admin endpoints take an admin key (sk-admin-...), never a project key.
// The SDK reads OPENAI_ADMIN_KEY (and OPENAI_BASE_URL, if set) from the environment.
const client = new OpenAI({ adminAPIKey: process.env.OPENAI_ADMIN_KEY });
const DAY = 24 * 60 * 60;
const now = Math.floor(Date.now() / 1000);

let count = 0;
// \`for await\` follows has_more / last_id through every page: no key is missed.
for await (const project of client.admin.organization.projects.list()) {
  for await (const key of client.admin.organization.projects.apiKeys.list(project.id)) {
    count += 1;
    const owner = key.owner.type === 'service_account' ? 'service account' : 'user';
    const lastUsed = key.last_used_at
      ? \`\${Math.floor((now - key.last_used_at) / DAY)} days ago\`
      : 'never';
    console.log(\`\${project.name} | \${key.name} | \${key.redacted_value} | \${owner} | last used: \${lastUsed}\`);
  }
}
console.log(count === 0 ? 'No keys yet: create one in the practice console.' : \`\${count} keys.\`);
`;

const env =
	'# Your ADMIN key goes here on your own machine (sk-admin-...). Never commit this file.\nOPENAI_ADMIN_KEY=\n';

/** The key-audit template. */
export const keyAudit: Template = {
	id: 'key-audit',
	title: 'An audit of every key, with the Administration API',
	entry: 'index.js',
	files: [
		{ path: 'index.js', contents: index },
		{ path: '.env', contents: env },
		{ path: '.gitignore', contents: 'node_modules/\n.env\n' },
		{
			path: 'package.json',
			contents:
				JSON.stringify(
					{
						name: 'key-audit',
						private: true,
						type: 'module',
						scripts: { start: 'node --env-file=.env index.js' },
						dependencies: { openai: '^7.0.0' },
					},
					null,
					2,
				) + '\n',
		},
	],
};
