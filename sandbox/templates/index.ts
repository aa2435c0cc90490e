/**
 * The sample programs lessons run. Each is a small Node project (ESM `index.js`, `.env`,
 * `.gitignore`, `package.json`) that reads `OPENAI_API_KEY` and `OPENAI_BASE_URL` from the
 * environment, the way real code should.
 */
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
  model: 'gpt-4.1-mini',
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
];

export const templateIds: readonly string[] = templates.map((template) => template.id);

/** The template with this id; throws when there is none, so a typo fails loudly. */
export function getTemplate(id: string): Template {
	const template = templates.find((candidate) => candidate.id === id);
	if (!template) throw new Error(`Unknown sandbox template "${id}".`);
	return template;
}
