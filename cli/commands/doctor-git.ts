/**
 * The git side of `keylab doctor`: keys in tracked files, in every commit of the history (all
 * refs and every stash entry) and in what is staged. Each is one git process whose output is
 * streamed through the shared leak detector, never one process per commit.
 */
import { spawn } from 'node:child_process';
import { COMMIT_MARK, DiffScanner } from '../../sandbox/leaks/scan-diff.ts';
import { findKeys, type KeyFinding } from '../../sandbox/leaks/find-keys.ts';

// Plain output whatever the user's git config says: no colour, no external diff or textconv
// driver (--no-ext-diff, --no-textconv: they could run programs), real file names.
const PLAIN = ['-c', 'core.quotepath=off', '-c', 'color.ui=never'];

/** Runs git in `dir` and feeds its stdout to `onChunk` as it arrives; resolves to the exit code. */
export function streamGit(
	dir: string,
	args: string[],
	onChunk: (text: string) => void,
): Promise<number> {
	return new Promise((done) => {
		const child = spawn('git', ['-C', dir, ...PLAIN, ...args], {
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', onChunk);
		child.on('error', () => done(127));
		child.on('close', (code) => done(code ?? 1));
	});
}

/** Runs git and collects its stdout (for short outputs). */
export async function git(dir: string, args: string[]): Promise<{ code: number; stdout: string }> {
	let stdout = '';
	const code = await streamGit(dir, args, (text) => (stdout += text));
	return { code, stdout };
}

const DIFF = ['--no-color', '--no-ext-diff', '--no-textconv'];

/** What one search found, and git's exit code. */
export interface ScanResult {
	code: number;
	findings: KeyFinding[];
}

/** Keys added by any commit reachable from any ref or stash entry, at the commit that added them. */
export async function scanHistory(
	dir: string,
	options: { all?: boolean } = {},
): Promise<ScanResult & { commits: number }> {
	// `--all` sees refs/stash but only the newest entry; older entries live in its reflog.
	const stashes = (await git(dir, ['stash', 'list', '--format=%H'])).stdout
		.split('\n')
		.filter(Boolean);
	const scanner = new DiffScanner(options);
	const code = await streamGit(
		dir,
		[
			'log',
			'-p',
			'--all',
			...stashes,
			// A stash entry is a merge commit; its first-parent diff holds the unstaged changes.
			'--diff-merges=first-parent',
			...DIFF,
			`--format=${COMMIT_MARK}%H %cI`,
		],
		(text) => scanner.push(text),
	);
	return { code, findings: scanner.end(), commits: scanner.commits };
}

/** Keys in lines that are staged for the next commit. */
export async function scanStaged(
	dir: string,
	options: { all?: boolean } = {},
): Promise<ScanResult> {
	const scanner = new DiffScanner(options);
	const code = await streamGit(dir, ['diff', '--cached', '-U0', ...DIFF], (text) =>
		scanner.push(text),
	);
	return { code, findings: scanner.end() };
}

/** Keys in the tracked files of the working tree. */
export async function scanTracked(
	dir: string,
	options: { all?: boolean } = {},
): Promise<ScanResult> {
	// -z: `file NUL line NUL text`, safe for any file name; -I skips binary files; --full-name:
	// paths from the repository's root, as git log gives them (and SARIF wants them).
	const { code, stdout } = await git(dir, [
		'grep',
		'--full-name',
		'-z',
		'-I',
		'-n',
		'-F',
		'-e',
		'sk-',
	]);
	const findings: KeyFinding[] = [];
	for (const record of stdout.split('\n')) {
		const [file, line, text] = record.split('\0');
		if (file === undefined || line === undefined || text === undefined) continue;
		findings.push(...findKeys(text, { file, firstLine: Number(line), all: options.all }));
	}
	// git grep exits 1 when nothing matches: that is a clean result, not an error.
	return { code: code === 1 ? 0 : code, findings };
}
