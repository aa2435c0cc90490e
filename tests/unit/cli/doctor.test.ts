import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type DoctorCheck } from '../../../cli/commands/doctor.ts';
import {
	createPracticeApi,
	PRACTICE_BASE_URL,
	scenarioKey,
} from '../../../sandbox/practice-api/index.ts';
import { fakeIo } from './fake-io.ts';

// Built at run time: never a committed key-shaped string.
const realKey =
	'sk-proj-' +
	'Ab3dEf6hIj9kLm2nOp5q'.repeat(3) +
	'T3Blbk' +
	'FJ' +
	'Zy9xWv8uTs7rQp6oNm5l'.repeat(4) +
	'abcdefgh';
const dirs: string[] = [];

function project(
	files: Record<string, string>,
	options: { git?: boolean; add?: string[] } = {},
): string {
	const dir = mkdtempSync(join(tmpdir(), 'keylab-doctor-'));
	dirs.push(dir);
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	if (options.git !== false) {
		const git = (...args: string[]) =>
			execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
		git('init', '-q');
		if (options.add?.length) {
			git('add', '-f', ...options.add);
			git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'x');
		}
	}
	return dir;
}

afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function doctor(
	args: string[],
	env: Record<string, string> = {},
	fetch?: (r: Request) => Promise<Response>,
) {
	const fake = fakeIo({ env, ...(fetch ? { fetch } : {}) });
	const code = await run([...args, '--json'], fake.io);
	const report = JSON.parse(fake.stdout()) as { ok: boolean; checks: DoctorCheck[] };
	const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
	return { code, report, status, text: fake.stdout() };
}

describe('keylab doctor', () => {
	it('a clean project with an ignored .env passes offline', async () => {
		const dir = project(
			{ '.env': `OPENAI_API_KEY="${realKey}"\n`, '.gitignore': '.env\n' },
			{ add: ['.gitignore'] },
		);
		const { code, status, text } = await doctor([dir, '--offline']);
		expect(code).toBe(0);
		expect(status('key_set')).toBe('pass');
		expect(status('key_format')).toBe('pass');
		expect(status('env_ignored')).toBe('pass');
		expect(status('committed_keys')).toBe('pass');
		expect(text).not.toContain(realKey);
	});

	it('flags a .env that git does not ignore, and a key with a trailing space', async () => {
		const dir = project({ '.env': `OPENAI_API_KEY='${realKey} '\n` });
		const { code, status } = await doctor([dir, '--offline']);
		expect(code).toBe(1);
		expect(status('env_ignored')).toBe('fail');
		expect(status('key_format')).toBe('fail');
	});

	it('finds a key committed in a tracked file without printing it', async () => {
		const dir = project(
			{ 'app.py': `client = OpenAI(api_key="${realKey}")\n`, '.env': '' },
			{ add: ['app.py'] },
		);
		const { code, status, report, text } = await doctor([dir, '--offline'], {
			OPENAI_API_KEY: realKey,
		});
		expect(code).toBe(1);
		expect(status('committed_keys')).toBe('fail');
		const details = report.checks.find((c) => c.id === 'committed_keys')?.details ?? [];
		expect(details[0]).toMatch(/^app\.py:1 .*current key/);
		expect(text).not.toContain(realKey);
		expect(text).not.toContain(realKey.slice(12, 40));
	});

	it('ignores practice keys in tracked files', async () => {
		const dir = project(
			{ 'lesson.js': `const key = "${scenarioKey('valid')}";\n` },
			{ add: ['lesson.js'] },
		);
		expect(
			(await doctor([dir, '--offline'], { OPENAI_API_KEY: realKey })).status('committed_keys'),
		).toBe('pass');
	});

	it('reports a missing key', async () => {
		const dir = project({});
		const { code, status } = await doctor([dir, '--offline']);
		expect(code).toBe(1);
		expect(status('key_set')).toBe('fail');
	});

	it('runs the live check against the practice API', async () => {
		const api = createPracticeApi({ seed: 'doctor' });
		const fetch = (request: Request) => api.fetch(request);
		const dir = project({ '.gitignore': '.env\n' });
		const good = await doctor(
			[dir, '--base-url', PRACTICE_BASE_URL],
			{ OPENAI_API_KEY: scenarioKey('valid') },
			fetch,
		);
		expect(good.status('live_authentication')).toBe('pass');
		expect(good.code).toBe(0);
		const bad = await doctor(
			[dir, `--base-url=${PRACTICE_BASE_URL}`],
			{ OPENAI_API_KEY: scenarioKey('region_blocked') },
			fetch,
		);
		expect(bad.code).toBe(1);
		expect(bad.status('live_authentication')).toBe('fail');
		expect(bad.text).not.toContain(scenarioKey('region_blocked'));
	});

	it('usage errors exit 2', async () => {
		const fake = fakeIo();
		expect(await run(['--bogus'], fake.io)).toBe(2);
		expect(await run(['/definitely/not/here'], fakeIo().io)).toBe(2);
		const help = fakeIo();
		expect(await run(['--help'], help.io)).toBe(0);
		expect(help.stdout()).toMatch(/--offline/);
	});
});
