/**
 * `keylab doctor [dir]`: checks a project folder the way a senior engineer would: is
 * OPENAI_API_KEY set, does its value have hidden problems, is .env present and ignored by git,
 * is a key committed in tracked files, then (unless --offline) the live key check.
 * The key is never printed: only its type, length and redacted form.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkKey } from '../../sandbox/diagnose/check-key.ts';
import { parseDotenv } from '../../sandbox/diagnose/dotenv.ts';
import {
	liveChecks,
	renderDoctor,
	type DoctorCheck,
} from '../../sandbox/diagnose/doctor-report.ts';
import { inspectKey } from '../../sandbox/keys/inspect-key.ts';
import { isPracticeKey } from '../../sandbox/keys/practice-key.ts';
import { redactKey } from '../../sandbox/keys/redact.ts';
import { exitCodes } from '../main.ts';
import { nodeIo, siteUrl, useColor, type CliIo } from './diagnose.ts';
import { lessonPath } from '../../sandbox/course.ts';

export type { DoctorCheck } from '../../sandbox/diagnose/doctor-report.ts';

const HELP = `Usage: keylab doctor [dir] [--offline] [--base-url URL] [--model M] [--json]

Check a project folder (default: the current one):
  - OPENAI_API_KEY is set (environment or the folder's .env) and has no hidden problems
  - .env exists and is ignored by git; no key is committed in tracked files
  - the key works (GET /models, access to the model) unless --offline
The key is never printed.

Options:
  --offline        Skip the live check (nothing is sent anywhere).
  --base-url URL   API base URL for the live check (default: OPENAI_BASE_URL or https://api.openai.com/v1).
  --model M        Model whose access is checked (default gpt-4o-mini).
  --json           Print one JSON object with every check.
  -h, --help       Show this help.

Exit codes: 0 all checks passed, 1 a problem was found, 2 usage error.
`;

interface Options {
	dir: string;
	offline: boolean;
	baseURL?: string;
	model?: string;
	json: boolean;
}

function parse(argv: string[], cwd: string): Options | { help: true } | string {
	const options: Options = { dir: cwd, offline: false, json: false };
	let dirSeen = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] =
			arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		if (flag === '--help' || flag === '-h') return { help: true };
		if (flag === '--offline') options.offline = true;
		else if (flag === '--json') options.json = true;
		else if (flag === '--base-url' || flag === '--model') {
			const value = inline ?? argv[++i];
			if (!value) return `${flag} needs a value`;
			if (flag === '--base-url') options.baseURL = value;
			else options.model = value;
		} else if (flag.startsWith('-')) return `unknown option "${arg}"`;
		else if (dirSeen) return `only one folder, got "${arg}" too`;
		else {
			options.dir = resolve(cwd, arg);
			dirSeen = true;
		}
	}
	return options;
}

function git(dir: string, args: string[]): Promise<{ code: number; stdout: string }> {
	return new Promise((done) => {
		execFile('git', ['-C', dir, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
			done({ code, stdout: String(stdout) });
		});
	});
}

const KEY_PATTERN = 'sk-(proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}';
const lesson = (slug: Parameters<typeof lessonPath>[0]) => lessonPath(slug);

async function keyChecks(
	options: Options,
	io: CliIo,
	checks: DoctorCheck[],
): Promise<string | undefined> {
	const envFile = resolve(options.dir, '.env');
	const dotenvText = await readFile(envFile, 'utf8').catch(() => undefined);
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
	const found = await git(options.dir, ['grep', '-I', '-n', '-o', '-E', KEY_PATTERN]);
	const hits = found.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => /^(.*?):(\d+):(.*)$/.exec(line))
		.filter(
			(m): m is RegExpExecArray =>
				m !== null && !isPracticeKey(m[3]) && /T3Blbk|[A-Za-z0-9_-]{40,}/.test(m[3]),
		);
	if (hits.length === 0) {
		checks.push({
			id: 'committed_keys',
			status: 'pass',
			summary: 'No key-shaped string in tracked files.',
		});
		return;
	}
	checks.push({
		id: 'committed_keys',
		status: 'fail',
		summary: `A key is committed in ${new Set(hits.map((m) => m[1])).size} tracked file(s): revoke it now and remove it from history.`,
		details: hits
			.slice(0, 20)
			.map(
				(m) =>
					`${m[1]}:${m[2]}  ${redactKey(m[3])}${key && m[3] === key.trim() ? '  (this is your current key)' : ''}`,
			),
		lesson: lesson('troubleshooting/compromised-key'),
	});
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
	if (
		!(await stat(parsed.dir).then(
			(s) => s.isDirectory(),
			() => false,
		))
	) {
		io.stderr.write(`keylab doctor: "${parsed.dir}" is not a folder.\n`);
		return exitCodes.usage;
	}
	const checks: DoctorCheck[] = [];
	const key = await keyChecks(parsed, io, checks);
	await gitChecks(parsed, key, checks);
	if (parsed.offline || key === undefined) {
		checks.push({
			id: 'live',
			status: 'skip',
			summary: parsed.offline ? 'Live check skipped (--offline).' : 'Live check skipped: no key.',
		});
	} else {
		const result = await checkKey(key, {
			baseURL: parsed.baseURL ?? io.env.OPENAI_BASE_URL,
			model: parsed.model,
			fetch: io.fetch,
			organization: io.env.OPENAI_ORG_ID,
			project: io.env.OPENAI_PROJECT_ID,
		});
		checks.push(...liveChecks(result));
	}
	const ok = !checks.some((c) => c.status === 'fail');
	io.stdout.write(
		parsed.json
			? JSON.stringify({ ok, dir: parsed.dir, checks }, null, 2) + '\n'
			: renderDoctor(checks, ok, { color: useColor(io), site: siteUrl(io) }),
	);
	return ok ? exitCodes.ok : exitCodes.problem;
}
