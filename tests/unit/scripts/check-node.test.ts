/**
 * On a Node.js older than the project needs, every entry point a newcomer types stops with one
 * message naming the version and how to get it, never a stack trace (issue: `npm start` on Node 20
 * died with ERR_UNKNOWN_FILE_EXTENSION).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { nodeVersionProblem } = require('../../../scripts/check-node.cjs') as {
	nodeVersionProblem: (version: string, range: string, what: string) => string | undefined;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
	engines: { node: string };
	scripts: Record<string, string>;
};

/** A preload that makes Node report `version`, as an old Node would. */
function fakeVersion(version: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'keylab-old-node-'));
	const file = join(dir, 'fake-version.cjs');
	writeFileSync(
		file,
		`Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });`,
	);
	return file;
}

function expectHelpfulMessage(stderr: string) {
	expect(stderr).toMatch(/needs Node\.js 22\.\d+(\.\d+)? or newer/);
	expect(stderr).toMatch(/nvm|fnm/);
	expect(stderr).toContain('npx -y -p node@22');
	// No stack trace: no "    at file:line" frames, no Node error codes.
	expect(stderr).not.toMatch(/^\s+at /m);
	expect(stderr).not.toMatch(/ERR_[A-Z_]+/);
}

describe('the Node version check', () => {
	it('reads the needed version from package.json and explains how to get it', () => {
		const message = nodeVersionProblem('20.20.2', pkg.engines.node, 'keylab');
		expect(message).toBeDefined();
		expect(message).toContain(pkg.engines.node.replace('>=', ''));
		expect(message).toContain('v20.20.2');
		expectHelpfulMessage(message ?? '');
	});

	it('passes the required version and anything newer, and fails anything older', () => {
		const [major, minor] = pkg.engines.node.replace('>=', '').split('.').map(Number) as [
			number,
			number,
		];
		expect(nodeVersionProblem(`${major}.${minor}.0`, pkg.engines.node, 'keylab')).toBeUndefined();
		expect(
			nodeVersionProblem(`${major}.${minor + 5}.1`, pkg.engines.node, 'keylab'),
		).toBeUndefined();
		expect(nodeVersionProblem(`${major + 2}.0.0`, pkg.engines.node, 'keylab')).toBeUndefined();
		expect(nodeVersionProblem(`${major}.${minor - 1}.9`, pkg.engines.node, 'keylab')).toBeDefined();
		expect(nodeVersionProblem('18.20.0', pkg.engines.node, 'keylab')).toBeDefined();
	});

	it('runs before npm start, test, build and dev, and npm install refuses an old Node outright', () => {
		for (const script of ['start', 'test', 'build', 'dev'])
			expect(pkg.scripts[`pre${script}`]).toBe('node scripts/check-node.cjs');
		// engine-strict makes `npm install` stop before installing anything, naming engines.node.
		expect(readFileSync('.npmrc', 'utf8')).toMatch(/^engine-strict=true$/m);
		expect(readFileSync('.nvmrc', 'utf8').trim()).toBe(pkg.engines.node.match(/\d+/)?.[0]);
	});

	it('as a script on a (faked) old Node: exit 1 and the message, no stack trace', () => {
		const result = spawnSync(
			process.execPath,
			['--require', fakeVersion('20.9.0'), 'scripts/check-node.cjs'],
			{ encoding: 'utf8' },
		);
		expect(result.status).toBe(1);
		expectHelpfulMessage(result.stderr);
	});

	it('`keylab` on a (faked) old Node: exit 2 and the message, no stack trace', () => {
		const result = spawnSync(
			process.execPath,
			['--require', fakeVersion('20.9.0'), 'cli/keylab.js', 'diagnose', '--help'],
			{ encoding: 'utf8' },
		);
		expect(result.status).toBe(2);
		expectHelpfulMessage(result.stderr);
	});

	// This machine's own Node is 20 (the project brings 22 in .tools/): use it when it is there.
	const systemNode = '/usr/bin/node';
	const systemVersion = spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout?.trim();
	const realOld =
		systemVersion !== undefined &&
		nodeVersionProblem(systemVersion, pkg.engines.node, 'x') !== undefined;
	it.skipIf(!realOld)('on a real old Node (the system one), both entry points explain', () => {
		for (const [args, code] of [
			[['scripts/check-node.cjs'], 1],
			[['cli/keylab.js', 'doctor'], 2],
		] as const) {
			const result = spawnSync(systemNode, args, { encoding: 'utf8' });
			expect(result.status).toBe(code);
			expectHelpfulMessage(result.stderr);
		}
	});

	it('is silent and succeeds on the Node running the tests', () => {
		expect(execFileSync(process.execPath, ['scripts/check-node.cjs'], { encoding: 'utf8' })).toBe(
			'',
		);
	});
});
