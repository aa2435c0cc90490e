/** Git repositories made at test time in a temp folder, for the doctor and its integrations. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

/** A fresh `git init` folder with a helper to write files and run git in it. */
export function fixtureRepo() {
	const dir = mkdtempSync(join(tmpdir(), 'keylab-repo-'));
	made.push(dir);
	let tick = 0;
	const git = (...args: string[]) =>
		execFileSync('git', ['-C', dir, ...args], {
			encoding: 'utf8',
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 't',
				GIT_AUTHOR_EMAIL: 't@t',
				GIT_COMMITTER_NAME: 't',
				GIT_COMMITTER_EMAIL: 't@t',
				// Distinct, ordered dates so "the commit that added it" is well defined.
				GIT_COMMITTER_DATE: `2026-11-01T00:00:${String(tick).padStart(2, '0')}Z`,
				GIT_AUTHOR_DATE: `2026-11-01T00:00:${String(tick).padStart(2, '0')}Z`,
			},
		});
	git('init', '-q', '-b', 'main');
	const write = (files: Record<string, string>) => {
		for (const [name, text] of Object.entries(files)) {
			mkdirSync(dirname(join(dir, name)), { recursive: true });
			writeFileSync(join(dir, name), text);
		}
	};
	const commit = (message: string, files: Record<string, string> = {}) => {
		write(files);
		git('add', '-A');
		tick++;
		git('commit', '-q', '--allow-empty', '-m', message);
		return git('rev-parse', 'HEAD').trim();
	};
	return { dir, git, write, commit };
}

/** Removes every fixture repository made so far. */
export function removeFixtureRepos(): void {
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
