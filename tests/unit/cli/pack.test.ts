/**
 * `npm run pack:cli` makes a real package: installed from its tarball into an empty folder, with
 * no network (it has no dependency), every command works there, and it stays small.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYLAB_VERSION } from '../../../cli/version.ts';
import { fakeKeys } from '../leaks/fake-keys.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let project = '';
let tarball = '';

function sizeOf(path: string): number {
	const info = statSync(path);
	if (!info.isDirectory()) return info.size;
	return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** `npx --no keylab …` in `cwd`: the installed bin, never the registry. */
function keylab(args: string[], options: { cwd?: string; input?: string } = {}) {
	return spawnSync('npx', ['--no', 'keylab', ...args], {
		cwd: options.cwd ?? project,
		input: options.input ?? '',
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
		timeout: 120_000,
	});
}

beforeAll(() => {
	const out = execFileSync(process.execPath, [join(root, 'scripts/pack-cli.ts')], {
		cwd: root,
		encoding: 'utf8',
	});
	tarball = out.trim().split('\n').at(-1) ?? '';
	project = mkdtempSync(join(tmpdir(), 'keylab-install-'));
	writeFileSync(join(project, 'package.json'), '{ "name": "empty", "private": true }\n');
	execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
		cwd: project,
		stdio: 'ignore',
	});
}, 120_000);

afterAll(() => {
	if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed keylab CLI', { timeout: 120_000 }, () => {
	it('is a standalone package: name, version, licence, bin, files, engines, no dependency, ≤ 3 MB', () => {
		expect(tarball).toMatch(/dist-cli\/keylab-cli-[\d.]+\.tgz$/);
		const installed = join(project, 'node_modules/keylab-cli');
		const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
			version: string;
			engines: { node: string };
		};
		expect(pkg).toMatchObject({
			name: 'keylab-cli',
			version: rootPkg.version,
			license: 'MIT',
			bin: { keylab: 'bin/keylab.js' },
			engines: { node: rootPkg.engines.node },
		});
		expect(KEYLAB_VERSION).toBe(rootPkg.version);
		expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist']));
		expect(pkg.dependencies).toBeUndefined();
		expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
			'keylab-cli',
		]);
		const size = sizeOf(installed);
		console.log(`installed size: ${(size / 1024).toFixed(0)} kB`);
		expect(size).toBeLessThan(3 * 1024 * 1024);
		// No site code came along: no Astro, no Starlight, no Monaco.
		const bundle = readdirSync(join(installed, 'dist'))
			.filter((n) => n.endsWith('.js'))
			.map((n) => readFileSync(join(installed, 'dist', n), 'utf8'))
			.join('\n');
		expect(bundle).not.toMatch(/from ?["'](astro|@astrojs|monaco-editor)/);
	});

	it('runs doctor: finds a key in history, and --staged, --format sarif', () => {
		const repo = join(project, 'repo');
		mkdirSync(repo);
		const git = (...args: string[]) =>
			execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
		git('init', '-q');
		const key = fakeKeys().project;
		writeFileSync(join(repo, '.env'), `OPENAI_API_KEY=${key}\n`);
		git('add', '.env');
		git('commit', '-q', '-m', 'config');
		git('rm', '-q', '--cached', '.env');
		writeFileSync(join(repo, '.gitignore'), '.env\n');
		git('add', '.gitignore');
		git('commit', '-q', '-m', 'ignore');
		const doctor = keylab(['doctor', '--offline'], { cwd: repo });
		expect(doctor.status).toBe(1);
		expect(doctor.stdout).toMatch(/A key is in git history.*Revoke it/);
		expect(doctor.stdout).not.toContain(key.slice(10, 40));
		const sarif = keylab(['doctor', '--leaks', '--format', 'sarif'], { cwd: repo });
		expect(JSON.parse(sarif.stdout)).toMatchObject({ version: '2.1.0' });
		const hook = () => keylab(['doctor', '--staged'], { cwd: repo });
		expect(hook().status).toBe(0);
		writeFileSync(join(repo, 'app.js'), `const key = "${key}";\n`);
		git('add', 'app.js');
		const refused = hook();
		expect(refused.status).toBe(1);
		expect(refused.stdout).toMatch(/A key is staged/);
	});

	it('runs diagnose, scenarios and practice-api', async () => {
		const diagnosed = keylab(['diagnose', '--json'], {
			input:
				"openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************abcd. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
		});
		expect(diagnosed.status).toBe(1);
		// Which diagnosis is issue 17's business; here: the engine ran and recognised a cause.
		expect((JSON.parse(diagnosed.stdout) as { id: string }).id).toMatch(/_key$/);
		expect(keylab(['scenarios', 'list']).stdout).toMatch(/missing-key/);
		// One scenario end to end: its programs import the bundled `openai` package.
		const verified = keylab(['scenarios', 'verify', 'missing-key']);
		expect(verified.stdout).toMatch(/1 scenario\(s\) verified/);
		expect(verified.status).toBe(0);

		// The bin itself, not npx, so that the signal reaches the server.
		const server = spawn(
			join(project, 'node_modules/.bin/keylab'),
			['practice-api', '--port', '0'],
			{
				cwd: project,
			},
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let text = '';
				server.stdout.on('data', (chunk: Buffer) => {
					text += chunk.toString();
					const match = /listening on (\S+)/.exec(text);
					if (match?.[1]) resolve(match[1]);
				});
				server.on('exit', () => reject(new Error(`practice-api exited: ${text}`)));
			});
			const response = await fetch(`${url.replace(/\/$/, '')}/models`);
			expect(response.status).toBe(401);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBeDefined();
		} finally {
			// SIGTERM lets it close; an idle keep-alive connection from fetch can hold that up.
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server.kill('SIGKILL'), 2000);
			await exited;
			clearTimeout(timer);
		}
	}, 120_000);
});
