/**
 * The GitHub Action's and the pre-commit hook's command lines, run as written in action.yml and
 * .pre-commit-hooks.yaml on repositories made here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeKeys } from '../leaks/fake-keys.ts';
import { fixtureRepo, removeFixtureRepos } from './fixture-repo.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
afterEach(removeFixtureRepos);

/** The `run: |` block of the action's doctor step, dedented. */
function actionScript(): string {
	const lines = readFileSync(join(root, 'action.yml'), 'utf8').split('\n');
	const start = lines.findIndex((line) => line.includes('keylab-doctor-step'));
	const indent = /^\s*/.exec(lines[start] ?? '')?.[0].length ?? 0;
	const block: string[] = [];
	for (const line of lines.slice(start)) {
		if (line.trim() !== '' && (/^\s*/.exec(line)?.[0].length ?? 0) < indent) break;
		block.push(line.slice(indent));
	}
	return block.join('\n');
}

function runAction(repo: string, inputs: { sarif?: string; args?: string } = {}) {
	const output = join(mkdtempSync(join(tmpdir(), 'keylab-gh-')), 'output');
	writeFileSync(output, '');
	const result = spawnSync('bash', ['-c', actionScript()], {
		cwd: repo,
		encoding: 'utf8',
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			GITHUB_ACTION_PATH: root,
			GITHUB_OUTPUT: output,
			KEYLAB_PATH: '.',
			KEYLAB_SARIF: inputs.sarif ?? 'false',
			KEYLAB_SARIF_FILE: 'keylab.sarif',
			KEYLAB_ARGS: inputs.args ?? '',
		},
	});
	return { ...result, output: readFileSync(output, 'utf8') };
}

// Each run starts Node on the TypeScript sources twice: seconds on a busy machine.
describe('action.yml', { timeout: 60_000 }, () => {
	it('passes a clean repository and fails one with a key in its history, writing SARIF', () => {
		const repo = fixtureRepo();
		repo.commit('init', { 'app.js': 'console.log(process.env.OPENAI_API_KEY);\n' });
		const clean = runAction(repo.dir, { sarif: 'true' });
		expect(clean.stderr).toBe('');
		expect(clean.status).toBe(0);
		expect(clean.output).toBe('exit-code=0\n');

		const key = fakeKeys().project;
		repo.commit('oops', { 'app.js': `const key = "${key}";\n` });
		repo.commit('fix', { 'app.js': 'console.log(process.env.OPENAI_API_KEY);\n' });
		const leaked = runAction(repo.dir, { sarif: 'true' });
		expect(leaked.status).toBe(1);
		expect(leaked.output).toBe('exit-code=1\n');
		expect(leaked.stdout).toMatch(/A key is in git history/);
		const sarif = readFileSync(join(repo.dir, 'keylab.sarif'), 'utf8');
		expect(JSON.parse(sarif)).toMatchObject({ version: '2.1.0' });
		expect(sarif).toContain('openai-key-in-history');
		expect(leaked.stdout + sarif).not.toContain(key.slice(10, 40));
	});

	it('passes its args through and reports misuse as exit 2', () => {
		const repo = fixtureRepo();
		repo.commit('oops', { 'a.py': `k = "${fakeKeys().legacy_user}"\n` });
		repo.commit('fix', { 'a.py': 'k = None\n' });
		expect(runAction(repo.dir, { args: '--no-history' }).status).toBe(0);
		expect(runAction(repo.dir, { args: '--bogus' }).status).toBe(2);
	});
});

describe('.pre-commit-hooks.yaml', { timeout: 60_000 }, () => {
	const text = readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8');
	const entry = (/^\s*entry: (.+)$/m.exec(text)?.[1] ?? '').split(' ');

	it('declares a keylab-doctor script hook that runs doctor --staged once per commit', () => {
		expect(text).toMatch(/^- id: keylab-doctor$/m);
		expect(text).toMatch(/^\s*language: script$/m);
		expect(text).toMatch(/^\s*pass_filenames: false$/m);
		expect(entry).toEqual(['cli/keylab.js', 'doctor', '--staged']);
	});

	it('run as pre-commit runs it (the script from the hook repo, in the user repo), refuses a staged key', () => {
		// pre-commit runs a `script` entry by its path inside its clone of the hook repository.
		const [script = '', ...args] = entry;
		const hook = (cwd: string) =>
			spawnSync(join(root, script), args, {
				cwd,
				encoding: 'utf8',
				env: { ...process.env, NO_COLOR: '1' },
			});
		const repo = fixtureRepo();
		repo.commit('init', { 'README.md': '# app\n' });
		const key = fakeKeys().admin;
		repo.write({ 'config.js': `export default { key: "${key}" };\n` });
		expect(hook(repo.dir).status).toBe(0);
		execFileSync('git', ['-C', repo.dir, 'add', 'config.js']);
		const refused = hook(repo.dir);
		expect(refused.status).toBe(1);
		expect(refused.stdout).toMatch(/A key is staged in 1 file/);
		expect(refused.stdout).toMatch(/config\.js:1 {2}admin key/);
		expect(refused.stdout).not.toContain(key.slice(10, 40));
	});
});
