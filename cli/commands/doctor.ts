/**
 * `keylab doctor [dir]`: checks a project folder the way a senior engineer would: is
 * OPENAI_API_KEY set, does its value have hidden problems, is .env present and ignored by git,
 * is a key in tracked files or anywhere in git history, then (unless --offline) the live key check.
 * `--staged` checks only what is staged (a pre-commit hook). The key is never printed: only its
 * type, length and redacted form.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkKey, OPENAI_BASE_URL } from '../../sandbox/diagnose/check-key.ts';
import { parseDotenv } from '../../sandbox/diagnose/dotenv.ts';
import {
	liveChecks,
	renderDoctor,
	type DoctorCheck,
} from '../../sandbox/diagnose/doctor-report.ts';
import { inspectKey } from '../../sandbox/keys/inspect-key.ts';
import { redactKey } from '../../sandbox/keys/redact.ts';
import { DELETING_IS_NOT_ENOUGH, describeFinding } from '../../sandbox/leaks/advice.ts';
import type { KeyFinding } from '../../sandbox/leaks/find-keys.ts';
import { toSarif } from '../../sandbox/leaks/sarif.ts';
import { exitCodes } from '../main.ts';
import { KEYLAB_VERSION } from '../version.ts';
import { nodeIo, siteUrl, useColor, type CliIo } from './diagnose.ts';
import { git, scanHistory, scanStaged, scanTracked } from './doctor-git.ts';
import { liveTarget } from './live-target.ts';
import { safeReadFile, unreadReason } from './safe-read.ts';
import { lessonPath } from '../../sandbox/course.ts';
import { RECOMMENDED_MODEL } from '../../sandbox/models/registry.ts';

export type { DoctorCheck } from '../../sandbox/diagnose/doctor-report.ts';

const HELP = `Usage: keylab doctor [dir] [--offline] [--staged] [--format text|json|sarif]
                     [--base-url URL] [--model M]

Check a project folder (default: the current one):
  - OPENAI_API_KEY is set (environment or the folder's .env) and has no hidden problems
  - .env exists and is ignored by git
  - no OpenAI key is in tracked files, nor in any commit of the git history (every branch,
    tag and stash entry): deleting a file or a commit does not un-leak a pushed key
  - the key works (GET /models, access to the model) unless --offline
The key is never printed; findings show it redacted (sk-proj-abc…wxyz).

Options:
  --offline        Skip the live check (nothing is sent anywhere).
  --staged         Only check the changes staged for the next commit (for a pre-commit hook).
  --leaks          Only search for leaked keys: tracked files and git history (for CI, where
                   no key is set); nothing is sent anywhere.
  --no-history     Skip the git history search.
  --format F       text (default), json (one object with every check and finding) or
                   sarif (SARIF 2.1.0 for GitHub code scanning).
  --json           Same as --format json.
  --base-url URL   API base URL for the live check (default: OPENAI_BASE_URL or ${OPENAI_BASE_URL}).
                   The key is sent there; plain http is refused except to this machine.
  --model M        Model whose access is checked (default ${RECOMMENDED_MODEL}).
  -h, --help       Show this help.

Exit codes: 0 all checks passed, 1 a problem was found, 2 usage error.
`;

type Format = 'text' | 'json' | 'sarif';

interface Options {
	dir: string;
	offline: boolean;
	staged: boolean;
	leaks: boolean;
	history: boolean;
	baseURL?: string;
	model?: string;
	format: Format;
}

function parse(argv: string[], cwd: string): Options | { help: true } | string {
	const options: Options = {
		dir: cwd,
		offline: false,
		staged: false,
		leaks: false,
		history: true,
		format: 'text',
	};
	let dirSeen = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] =
			arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		if (flag === '--help' || flag === '-h') return { help: true };
		if (flag === '--offline') options.offline = true;
		else if (flag === '--staged') options.staged = true;
		else if (flag === '--leaks') options.leaks = true;
		else if (flag === '--no-history') options.history = false;
		else if (flag === '--json') options.format = 'json';
		else if (flag === '--base-url' || flag === '--model' || flag === '--format') {
			const value = inline ?? argv[++i];
			if (!value) return `${flag} needs a value`;
			if (flag === '--base-url') options.baseURL = value;
			else if (flag === '--model') options.model = value;
			else if (value === 'text' || value === 'json' || value === 'sarif') options.format = value;
			else return `--format must be text, json or sarif, not "${value}"`;
		} else if (flag.startsWith('-')) return `unknown option "${arg}"`;
		else if (dirSeen) return `only one folder, got "${arg}" too`;
		else {
			options.dir = resolve(cwd, arg);
			dirSeen = true;
		}
	}
	return options;
}

const lesson = (slug: Parameters<typeof lessonPath>[0]) => lessonPath(slug);

async function keyChecks(
	options: Options,
	io: CliIo,
	checks: DoctorCheck[],
): Promise<string | undefined> {
	const read = await safeReadFile(options.dir, '.env');
	if (!read.ok && read.reason !== 'missing')
		checks.push({ id: 'env_file', status: 'warn', summary: unreadReason('.env', read.reason) });
	const dotenvText = read.ok ? read.text : undefined;
	const fromFile =
		dotenvText === undefined ? undefined : parseDotenv(dotenvText).get('OPENAI_API_KEY');
	const fromEnv = io.env.OPENAI_API_KEY;
	const key = fromEnv !== undefined && fromEnv !== '' ? fromEnv : fromFile?.value;
	if (key === undefined || key === '') {
		checks.push({
			id: 'key_set',
			status: 'fail',
			summary: 'OPENAI_API_KEY is not set in the environment or in .env.',
			lesson: lesson('troubleshooting/key-does-not-work'),
		});
		return undefined;
	}
	const source = fromEnv ? 'the environment' : `.env (line ${fromFile?.line})`;
	const details: string[] = [];
	if (fromEnv && fromFile && fromFile.value !== fromEnv) {
		details.push(
			'.env holds a different value: most loaders (dotenv) do not override a variable that is already set, so the environment wins.',
		);
	}
	checks.push({
		id: 'key_set',
		status: details.length ? 'warn' : 'pass',
		summary: `OPENAI_API_KEY is set, from ${source}.`,
		details,
	});
	const inspection = inspectKey(key);
	const errors = inspection.problems.filter((p) => p.severity === 'error');
	checks.push({
		id: 'key_format',
		status: errors.length ? 'fail' : inspection.problems.length ? 'warn' : 'pass',
		summary: errors.length
			? `The key value has ${errors.length} problem${errors.length > 1 ? 's' : ''}.`
			: `Looks like a ${inspection.type.replace('_', ' ')} key, ${inspection.length} characters (${redactKey(key)})${inspection.practice ? ', practice key' : ''}.`,
		details: inspection.problems.map((p) => p.message),
		lesson: lesson('troubleshooting/key-does-not-work'),
	});
	return key;
}

async function gitChecks(
	options: Options,
	key: string | undefined,
	checks: DoctorCheck[],
	findings: KeyFinding[],
): Promise<void> {
	const hasEnv = await stat(resolve(options.dir, '.env')).then(
		() => true,
		() => false,
	);
	const inRepo = (await git(options.dir, ['rev-parse', '--is-inside-work-tree'])).code === 0;
	const safety = lesson('keys/keeping-keys-safe');
	if (!inRepo) {
		checks.push({
			id: 'git',
			status: 'skip',
			summary: 'Not a git repository: cannot check .env is ignored or that no key is committed.',
		});
		return;
	}
	if (hasEnv) {
		const tracked =
			(await git(options.dir, ['ls-files', '--error-unmatch', '--', '.env'])).code === 0;
		const ignored = (await git(options.dir, ['check-ignore', '-q', '--', '.env'])).code === 0;
		checks.push(
			tracked
				? {
						id: 'env_ignored',
						status: 'fail',
						summary:
							'.env is committed to git: remove it (git rm --cached .env), add it to .gitignore, and rotate the key.',
						lesson: safety,
					}
				: ignored
					? { id: 'env_ignored', status: 'pass', summary: '.env exists and git ignores it.' }
					: {
							id: 'env_ignored',
							status: 'fail',
							summary:
								'.env is not in .gitignore: one `git add .` would commit the key. Add `.env` to .gitignore.',
							lesson: safety,
						},
		);
	} else {
		checks.push({ id: 'env_ignored', status: 'skip', summary: 'No .env file in this folder.' });
	}
	await leakChecks(options, key, checks, findings);
}

/** Keys in tracked files and in git history. */
async function leakChecks(
	options: Options,
	key: string | undefined,
	checks: DoctorCheck[],
	findings: KeyFinding[],
): Promise<void> {
	if ((await git(options.dir, ['rev-parse', '--is-inside-work-tree'])).code !== 0) {
		if (options.leaks)
			checks.push({
				id: 'git',
				status: 'skip',
				summary: 'Not a git repository: nothing to search.',
			});
		return;
	}
	const tracked = await scanTracked(options.dir);
	findings.push(...tracked.findings);
	checks.push(
		leakCheck('committed_keys', tracked.findings, key, {
			clean: 'No OpenAI key in tracked files.',
			found: (files) =>
				`A key is in ${files} tracked file(s): revoke it now, then remove it from the code.`,
		}),
	);
	if (!options.history) {
		checks.push({
			id: 'history_keys',
			status: 'skip',
			summary: 'Git history not searched (--no-history).',
		});
		return;
	}
	const history = await scanHistory(options.dir);
	findings.push(...history.findings);
	if ((await git(options.dir, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true')
		checks.push({
			id: 'history_shallow',
			status: 'warn',
			summary:
				'This is a shallow clone: older commits were not searched. Fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow).',
		});
	if (history.commits === 0) {
		// An empty repository (no commit yet) makes `git log` fail: nothing to search.
		checks.push({ id: 'history_keys', status: 'skip', summary: 'No commits to search yet.' });
		return;
	}
	if (history.code !== 0)
		checks.push({
			id: 'history_incomplete',
			status: 'warn',
			summary: `git log stopped with exit code ${history.code}: the history search may be incomplete.`,
		});
	checks.push(
		leakCheck('history_keys', history.findings, key, {
			clean: 'No OpenAI key in any commit (all branches, tags and stashes).',
			found: (files) => `A key is in git history (${files} file(s)). ${DELETING_IS_NOT_ENOUGH}`,
		}),
	);
}

/** A pass, or a fail listing every leak (redacted) and pointing at the lesson. */
function leakCheck(
	id: string,
	found: KeyFinding[],
	key: string | undefined,
	text: { clean: string; found: (files: number) => string },
): DoctorCheck {
	const leaks = found.filter((finding) => finding.kind === 'leak');
	if (leaks.length === 0) return { id, status: 'pass', summary: text.clean };
	const current = key ? redactKey(key) : undefined;
	return {
		id,
		status: 'fail',
		summary: text.found(new Set(leaks.map((finding) => finding.file)).size),
		details: [
			...leaks
				.slice(0, 20)
				.map(
					(finding) =>
						`${describeFinding(finding)}${finding.masked === current ? '  (this is your current key)' : ''}`,
				),
			...(leaks.length > 20
				? [`…and ${leaks.length - 20} more (--format json lists them all)`]
				: []),
		],
		lesson: lesson('troubleshooting/compromised-key'),
	};
}

async function isFolder(dir: string): Promise<boolean> {
	return stat(dir).then(
		(s) => s.isDirectory(),
		() => false,
	);
}

/** Runs `keylab doctor`. */
export async function run(argv: string[], io: CliIo = nodeIo()): Promise<number> {
	const parsed = parse(argv, io.cwd);
	if (typeof parsed === 'string') {
		io.stderr.write(`keylab doctor: ${parsed}\n\n${HELP}`);
		return exitCodes.usage;
	}
	if ('help' in parsed) {
		io.stdout.write(HELP);
		return exitCodes.ok;
	}
	if (!(await isFolder(parsed.dir))) {
		io.stderr.write(`keylab doctor: "${parsed.dir}" is not a folder.\n`);
		return exitCodes.usage;
	}
	const baseURL = parsed.baseURL ?? io.env.OPENAI_BASE_URL ?? OPENAI_BASE_URL;
	const target = liveTarget(
		baseURL,
		parsed.baseURL ? '--base-url' : io.env.OPENAI_BASE_URL ? 'OPENAI_BASE_URL' : 'the base URL',
	);
	if ('error' in target && !parsed.offline && !parsed.staged && !parsed.leaks) {
		io.stderr.write(`keylab doctor: ${target.error}.\n`);
		return exitCodes.usage;
	}
	const checks: DoctorCheck[] = [];
	const findings: KeyFinding[] = [];
	if (parsed.staged) await stagedChecks(parsed, checks, findings);
	else if (parsed.leaks) await leakChecks(parsed, undefined, checks, findings);
	else {
		const key = await keyChecks(parsed, io, checks);
		await gitChecks(parsed, key, checks, findings);
		if (parsed.offline || key === undefined || 'error' in target) {
			checks.push({
				id: 'live',
				status: 'skip',
				summary: parsed.offline ? 'Live check skipped (--offline).' : 'Live check skipped: no key.',
			});
		} else {
			checks.push({
				id: 'live_target',
				status: 'pass',
				summary: `Live check: the key is sent to ${target.host} only (use --offline to send nothing).`,
			});
			const result = await checkKey(key, {
				baseURL,
				model: parsed.model,
				fetch: io.fetch,
				organization: io.env.OPENAI_ORG_ID,
				project: io.env.OPENAI_PROJECT_ID,
			});
			checks.push(...liveChecks(result));
		}
	}
	const ok = !checks.some((c) => c.status === 'fail');
	io.stdout.write(render(parsed, io, checks, findings, ok));
	return ok ? exitCodes.ok : exitCodes.problem;
}

async function stagedChecks(options: Options, checks: DoctorCheck[], findings: KeyFinding[]) {
	const staged = await scanStaged(options.dir);
	if (staged.code !== 0) {
		checks.push({
			id: 'staged_keys',
			status: 'skip',
			summary: 'Not a git repository: nothing is staged.',
		});
		return;
	}
	findings.push(...staged.findings);
	checks.push(
		leakCheck('staged_keys', staged.findings, undefined, {
			clean: 'No OpenAI key in the staged changes.',
			found: (files) =>
				`A key is staged in ${files} file(s): unstage it (git restore --staged <file>), move it to an environment variable, and revoke it if it was ever pushed.`,
		}),
	);
}

function render(
	options: Options,
	io: CliIo,
	checks: DoctorCheck[],
	findings: KeyFinding[],
	ok: boolean,
): string {
	if (options.format === 'sarif')
		return `${JSON.stringify(toSarif(findings, { version: KEYLAB_VERSION, site: siteUrl(io) }), null, 2)}\n`;
	if (options.format === 'json')
		return `${JSON.stringify({ ok, dir: options.dir, checks, findings }, null, 2)}\n`;
	return renderDoctor(checks, ok, { color: useColor(io), site: siteUrl(io) });
}
