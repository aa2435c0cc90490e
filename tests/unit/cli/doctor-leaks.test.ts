import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type DoctorCheck } from '../../../cli/commands/doctor.ts';
import type { KeyFinding } from '../../../sandbox/leaks/find-keys.ts';
import { scenarioKey } from '../../../sandbox/practice-api/index.ts';
import { fakeKeys } from '../leaks/fake-keys.ts';
import { validate } from '../leaks/json-schema.ts';
import { fakeIo } from './fake-io.ts';
import { fixtureRepo, removeFixtureRepos } from './fixture-repo.ts';

afterEach(removeFixtureRepos);

async function doctor(
	args: string[],
	env: Record<string, string> = {},
	fetch?: (r: Request) => Promise<Response>,
) {
	const fake = fakeIo({ env, ...(fetch ? { fetch } : {}) });
	const code = await run(args, fake.io);
	return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

async function doctorJson(args: string[], env: Record<string, string> = {}) {
	const result = await doctor([...args, '--format', 'json'], env);
	const report = JSON.parse(result.stdout) as {
		ok: boolean;
		checks: DoctorCheck[];
		findings: KeyFinding[];
	};
	const check = (id: string) => report.checks.find((c) => c.id === id);
	return { ...result, report, check };
}

/** Every key of `keys` must be absent from `text`, whole or as a long piece. */
function expectNoKey(text: string, ...keys: string[]) {
	for (const key of keys) {
		expect(text).not.toContain(key);
		expect(text).not.toContain(key.slice(10, 40));
	}
}

describe('keylab doctor: git history', () => {
	it('finds a key that was committed, then removed from the index and ignored', async () => {
		const key = fakeKeys().project;
		const repo = fixtureRepo();
		repo.commit('init', { 'README.md': '# app\n' });
		const added = repo.commit('add config', { '.env': `# local\nOPENAI_API_KEY=${key}\n` });
		repo.git('rm', '-q', '--cached', '.env');
		repo.commit('ignore .env', { '.gitignore': '.env\n' });
		const { code, check, report, stdout } = await doctorJson([repo.dir, '--offline']);
		expect(code).toBe(1);
		expect(check('committed_keys')?.status).toBe('pass');
		expect(check('history_keys')?.status).toBe('fail');
		expect(check('history_keys')?.summary).toMatch(/does not un-leak .*Revoke it/);
		expect(check('history_keys')?.lesson).toBe('/troubleshooting/compromised-key/');
		expect(report.findings).toEqual([
			expect.objectContaining({
				commit: added,
				date: '2026-11-01T00:00:02+00:00',
				file: '.env',
				line: 2,
				keyType: 'project',
				kind: 'leak',
			}),
		]);
		expectNoKey(stdout, key);
		const text = await doctor([repo.dir, '--offline']);
		expect(text.stdout).toMatch(
			/\.env:2 {2}project key {2}sk-proj-…?.*commit [0-9a-f]{12} \(2026-11-01\)/,
		);
		expect(text.stdout).toContain('/troubleshooting/compromised-key/');
		expectNoKey(text.stdout, key);
	});

	it('searches every branch, tag and stash entry, and reports each key at the commit that added it', async () => {
		const keys = fakeKeys();
		const repo = fixtureRepo();
		repo.commit('init', { 'app.js': 'console.log(1);\n' });
		repo.git('checkout', '-q', '-b', 'experiment');
		const onBranch = repo.commit('try', { 'try.py': `key = "${keys.legacy_user}"\n` });
		repo.commit('move it', { 'try.py': `# moved\nkey = "${keys.legacy_user}"\n` });
		repo.git('checkout', '-q', 'main');
		repo.write({ 'app.js': `const k = "${keys.service_account}";\n` });
		repo.git('stash', '-q');
		repo.write({ 'app.js': `const k = "${keys.admin}";\n` });
		repo.git('stash', '-q');
		const { report } = await doctorJson([repo.dir, '--offline']);
		const byType = (type: string) => report.findings.filter((f) => f.keyType === type);
		expect(byType('legacy_user')).toEqual([
			expect.objectContaining({ commit: onBranch, file: 'try.py', line: 1 }),
		]);
		expect(byType('service_account')).toHaveLength(1);
		expect(byType('admin')).toHaveLength(1);
		expectNoKey(JSON.stringify(report), ...Object.values(keys));
	});

	it('does not report practice keys or placeholders as leaks', async () => {
		const repo = fixtureRepo();
		repo.commit('examples', {
			'README.md': 'export OPENAI_API_KEY=sk-...\nOPENAI_API_KEY=sk-your-key-here\n',
			'lesson.js': `const key = "${scenarioKey('valid')}";\nconst other = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";\n`,
		});
		const { code, check } = await doctorJson([repo.dir, '--offline'], {
			OPENAI_API_KEY: scenarioKey('valid'),
		});
		expect(check('history_keys')?.status).toBe('pass');
		expect(check('committed_keys')?.status).toBe('pass');
		expect(code).toBe(0);
	});

	it('--no-history skips the search; an empty repository has nothing to search', async () => {
		const repo = fixtureRepo();
		expect((await doctorJson([repo.dir, '--offline'])).check('history_keys')?.status).toBe('skip');
		repo.commit('a', { 'a.txt': `${fakeKeys().project}\n` });
		repo.git('rm', '-q', 'a.txt');
		repo.commit('b');
		expect(
			(await doctorJson([repo.dir, '--offline', '--no-history'])).check('history_keys')?.status,
		).toBe('skip');
	});
});

describe('keylab doctor --staged', () => {
	it('checks only what is staged', async () => {
		const key = fakeKeys().project;
		const repo = fixtureRepo();
		repo.commit('init', { 'app.js': 'ok\n' });
		repo.write({ 'unstaged.js': `const k = "${key}";\n` });
		let result = await doctorJson([repo.dir, '--staged']);
		expect(result.code).toBe(0);
		expect(result.report.checks.map((c) => c.id)).toEqual(['staged_keys']);
		repo.write({ 'src/config.js': `// config\nexport const key = "${key}";\n` });
		repo.git('add', 'src/config.js');
		result = await doctorJson([repo.dir, '--staged']);
		expect(result.code).toBe(1);
		expect(result.report.findings).toEqual([
			expect.objectContaining({ file: 'src/config.js', line: 2 }),
		]);
		expectNoKey(result.stdout, key);
	});
});

describe('keylab doctor --format sarif', () => {
	const schema = JSON.parse(
		readFileSync(new URL('../leaks/sarif-2.1.0-rtm.5.schema.json', import.meta.url), 'utf8'),
	) as Record<string, unknown>;

	it('is valid SARIF 2.1.0 with one result per leak and no whole key', async () => {
		const keys = fakeKeys();
		const repo = fixtureRepo();
		repo.commit('leak', { 'a.py': `k = "${keys.project}"\n` });
		repo.git('rm', '-q', 'a.py');
		repo.commit('remove');
		repo.commit('current', { 'b.ts': `const k = '${keys.unassociated}';\n` });
		const { code, stdout } = await doctor([repo.dir, '--offline', '--format=sarif']);
		expect(code).toBe(1);
		const sarif = JSON.parse(stdout) as {
			version: string;
			runs: { results: { ruleId: string }[] }[];
		};
		expect(validate(sarif, schema)).toEqual([]);
		expect(sarif.version).toBe('2.1.0');
		expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual([
			'openai-key',
			'openai-key-in-history',
			'openai-key-in-history',
		]);
		expectNoKey(stdout, ...Object.values(keys));
	});

	it('the validator rejects what the schema forbids', () => {
		expect(validate({ version: '2.0.0', runs: [] }, schema)).not.toEqual([]);
		expect(validate({ version: '2.1.0', runs: [{ tool: {} }] }, schema)).not.toEqual([]);
	});
});

describe('keylab doctor: a hostile folder', () => {
	it('does not follow a .env symlink that leads out of the folder', async () => {
		const outside = mkdtempSync(join(tmpdir(), 'keylab-outside-'));
		writeFileSync(join(outside, 'secret'), `OPENAI_API_KEY=${fakeKeys().project}\n`);
		const repo = fixtureRepo();
		symlinkSync(join(outside, 'secret'), join(repo.dir, '.env'));
		const { check } = await doctorJson([repo.dir, '--offline']);
		expect(check('env_file')?.summary).toMatch(/outside this folder: not followed/);
		expect(check('key_set')?.status).toBe('fail');
	});

	it('follows a symlink that stays inside, skips a FIFO and a huge .env', async () => {
		const repo = fixtureRepo();
		writeFileSync(join(repo.dir, 'real.env'), `OPENAI_API_KEY=${scenarioKey('valid')}\n`);
		symlinkSync('real.env', join(repo.dir, '.env'));
		expect((await doctorJson([repo.dir, '--offline'])).check('key_set')?.status).toBe('pass');

		const fifo = fixtureRepo();
		execFileSync('mkfifo', [join(fifo.dir, '.env')]);
		const fromFifo = await doctorJson([fifo.dir, '--offline']);
		expect(fromFifo.check('env_file')?.summary).toMatch(/not a regular file/);

		const big = fixtureRepo();
		writeFileSync(
			join(big.dir, '.env'),
			`OPENAI_API_KEY=${scenarioKey('valid')}\n${'#'.repeat(2 * 1024 * 1024)}`,
		);
		expect((await doctorJson([big.dir, '--offline'])).check('env_file')?.summary).toMatch(
			/larger than 1 MB/,
		);
	});

	it('names the host the live check sends the key to, and refuses plain http to another host', async () => {
		const repo = fixtureRepo();
		const env = { OPENAI_API_KEY: fakeKeys().project };
		const refused = await doctor([repo.dir, '--base-url', 'http://proxy.example.test/v1'], env);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(
			/refusing to send the key over plain http to proxy\.example\.test/,
		);
		const viaEnv = await doctor([repo.dir], { ...env, OPENAI_BASE_URL: 'http://10.0.0.5:8080/v1' });
		expect(viaEnv.code).toBe(2);
		const hosts: string[] = [];
		const fetch = (request: Request) => {
			hosts.push(new URL(request.url).host);
			return Promise.resolve(
				Response.json(
					{
						error: {
							message: 'no',
							type: 'invalid_request_error',
							param: null,
							code: 'invalid_api_key',
						},
					},
					{ status: 401 },
				),
			);
		};
		const sent = await doctor(
			[repo.dir, '--base-url', 'https://proxy.example.test/v1', '--format', 'json'],
			env,
			fetch,
		);
		const report = JSON.parse(sent.stdout) as { checks: DoctorCheck[] };
		expect(report.checks.find((c) => c.id === 'live_target')?.summary).toMatch(
			/sent to proxy\.example\.test only/,
		);
		expect(new Set(hosts)).toEqual(new Set(['proxy.example.test']));
	});
});
