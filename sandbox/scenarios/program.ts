/**
 * The small Node project every scenario starts from: `index.js` plus `package.json` and
 * `.gitignore`. Scenarios change only the lines their mistake lives in, so a learner's diff
 * between starter and solution is the lesson.
 */
import type { SandboxFile } from '../engines/types.ts';
import { RECOMMENDED_MODEL } from '../models/registry.ts';

/** The chat call most scenarios make, with the model every sample uses. */
export const CALL = `const completion = await client.chat.completions.create({
  model: '${RECOMMENDED_MODEL}',
  messages: [{ role: 'user', content: 'Say hello to a new API key owner in five words.' }],
});

console.log(completion.choices[0].message.content);
`;

/** A working program: the client reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment. */
export const WORKING_INDEX = `import OpenAI from 'openai';

// The SDK reads OPENAI_API_KEY (and OPENAI_BASE_URL, if set) from the environment.
const client = new OpenAI();

${CALL}`;

/** The project around `index.js`. */
export function project(name: string, index: string, extra: SandboxFile[] = []): SandboxFile[] {
	const pkg = {
		name,
		private: true,
		type: 'module',
		scripts: { start: 'node index.js' },
		dependencies: { openai: '^7.0.0' },
	};
	return [
		{ path: 'index.js', contents: index },
		{ path: 'package.json', contents: JSON.stringify(pkg, null, 2) + '\n' },
		{ path: '.gitignore', contents: 'node_modules/\n.env\n' },
		...extra,
	];
}
