/**
 * The sample programs lessons run. Each is a small Node project (ESM `index.js`, `.env`,
 * `.gitignore`, `package.json`) that reads `OPENAI_API_KEY` and `OPENAI_BASE_URL` from the
 * environment, the way real code should. Every sample calls the registry's recommended model.
 */
import { RECOMMENDED_MODEL } from '../models/registry.ts';
import { keyAudit } from './key-audit.ts';

export interface TemplateFile {
	/** Path inside the project, e.g. `index.js`. */
	path: string;
	contents: string;
}

export interface Template {
	id: string;
	title: string;
	/** The file `node` runs. */
	entry: string;
	files: readonly TemplateFile[];
}

const packageJson = (name: string) =>
	JSON.stringify(
		{
			name,
			private: true,
			type: 'module',
			scripts: { start: 'node --env-file=.env index.js' },
			dependencies: { openai: '^7.0.0' },
		},
		null,
		2,
	) + '\n';

const gitignore = 'node_modules/\n.env\n';

const env = '# Your key goes here on your own machine. Never commit this file.\nOPENAI_API_KEY=\n';

export const templates: readonly Template[] = [
	{
		id: 'first-request',
		title: 'A first request',
		entry: 'index.js',
		files: [
			{
				path: 'index.js',
				contents: `import OpenAI from 'openai';

// The SDK reads OPENAI_API_KEY (and OPENAI_BASE_URL, if set) from the environment.
const client = new OpenAI();

const response = await client.responses.create({
  model: '${RECOMMENDED_MODEL}',
  input: 'Say hello to a new API key owner in one sentence.',
});

console.log(response.output_text);
console.log('Tokens used:', response.usage.total_tokens);
`,
			},
			{ path: '.env', contents: env },
			{ path: '.gitignore', contents: gitignore },
			{ path: 'package.json', contents: packageJson('first-request') },
		],
	},
	{
		id: 'raw-request',
		title: 'A request with no SDK: the raw HTTP exchange',
		entry: 'index.js',
		files: [
			{
				path: 'index.js',
				contents: `// No SDK here: one fetch call, so you can see exactly what travels over the wire.
const baseURL = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';

const response = await fetch(\`\${baseURL}/responses\`, {
  method: 'POST',
  headers: {
    // The key travels in this one header, after the word Bearer and a space.
    Authorization: \`Bearer \${process.env.OPENAI_API_KEY}\`,
    'Content-Type': 'application/json',
  },
  body: JSON.stringify({ model: '${RECOMMENDED_MODEL}', input: 'Say hi in five words.' }),
});

console.log('Status:', response.status);
console.log('x-request-id:', response.headers.get('x-request-id'));
console.log('x-ratelimit-remaining-requests:', response.headers.get('x-ratelimit-remaining-requests'));
console.log('Body:');
console.log(JSON.stringify(await response.json(), null, 2));
`,
			},
			{ path: '.env', contents: env },
			{ path: '.gitignore', contents: gitignore },
			{ path: 'package.json', contents: packageJson('raw-request') },
		],
	},
	{
		id: 'stream-response',
		title: 'Streaming a reply as it is written',
		entry: 'index.js',
		files: [
			{
				path: 'index.js',
				contents: `import OpenAI from 'openai';

const client = new OpenAI();

// stream: true returns the reply in small events instead of one answer at the end.
const stream = await client.responses.create({
  model: '${RECOMMENDED_MODEL}',
  input: 'Give three short tips for keeping an API key safe.',
  stream: true,
});

for await (const event of stream) {
  if (event.type === 'response.output_text.delta') {
    console.log('piece:', JSON.stringify(event.delta));
  }
  if (event.type === 'response.completed') {
    console.log('Done. Tokens used:', event.response.usage.total_tokens);
  }
}
`,
			},
			{ path: '.env', contents: env },
			{ path: '.gitignore', contents: gitignore },
			{ path: 'package.json', contents: packageJson('stream-response') },
		],
	},
	{
		id: 'key-smoke-test',
		title: 'A smoke test for a new or rotated key',
		entry: 'index.js',
		files: [
			{
				path: 'index.js',
				contents: `import OpenAI from 'openai';

// Run this right after you deploy a new or rotated key: it is cheap and proves the key works.
const client = new OpenAI();

const models = await client.models.list();
console.log('The key is accepted. It can see', models.data.length, 'models.');

const response = await client.responses.create({
  model: '${RECOMMENDED_MODEL}',
  input: 'Reply with the single word OK.',
  max_output_tokens: 16,
});
console.log('A model call works:', response.output_text);
console.log('It cost', response.usage.total_tokens, 'tokens.');
`,
			},
			{ path: '.env', contents: env },
			{ path: '.gitignore', contents: gitignore },
			{ path: 'package.json', contents: packageJson('key-smoke-test') },
		],
	},
	keyAudit,
];

export const templateIds: readonly string[] = templates.map((template) => template.id);

/** The template with this id; throws when there is none, so a typo fails loudly. */
export function getTemplate(id: string): Template {
	const template = templates.find((candidate) => candidate.id === id);
	if (!template) throw new Error(`Unknown sandbox template "${id}".`);
	return template;
}
