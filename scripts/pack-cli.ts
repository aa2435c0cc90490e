/**
 * `npm run pack:cli`: builds the standalone `keylab` npm package into dist-cli/keylab and packs
 * it; the tarball's path is the last line printed. The CLI is bundled with esbuild (no Astro, no
 * site dependency, no dependency at all), and `openai` is bundled too, as a one-file package that
 * `keylab scenarios verify` links into each program's folder (the programs `import 'openai'`).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { KEYLAB_VERSION } from '../cli/version.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist-cli`;
const pkg = `${out}/keylab`;
const rootPackage = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
	license: string;
	engines: { node: string };
	dependencies: Record<string, string>;
};
const sdk = JSON.parse(readFileSync(`${root}node_modules/openai/package.json`, 'utf8')) as {
	version: string;
};

rmSync(out, { recursive: true, force: true });
mkdirSync(`${pkg}/bin`, { recursive: true });

await build({
	entryPoints: { main: `${root}cli/main.ts` },
	outdir: `${pkg}/dist`,
	bundle: true,
	// Each command stays its own chunk, loaded only when used, as in the checkout.
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	minify: true,
	legalComments: 'linked',
	define: { __KEYLAB_SDK_MODULES__: JSON.stringify('./vendor/node_modules') },
	// Bundled chunks use require() for a few Node built-ins.
	banner: {
		js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
	},
	logLevel: 'warning',
});

const vendor = `${pkg}/dist/vendor/node_modules/openai`;
mkdirSync(vendor, { recursive: true });
await build({
	stdin: {
		contents: "export * from 'openai';\nexport { default } from 'openai';\n",
		resolveDir: root,
	},
	outfile: `${vendor}/index.js`,
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	minify: true,
	legalComments: 'linked',
	logLevel: 'warning',
});
writeFileSync(
	`${vendor}/package.json`,
	`${JSON.stringify({ name: 'openai', version: sdk.version, type: 'module', exports: { '.': './index.js' }, license: 'Apache-2.0' }, null, 2)}\n`,
);
cpSync(`${root}node_modules/openai/LICENSE`, `${vendor}/LICENSE`);

writeFileSync(
	`${pkg}/bin/keylab.js`,
	`#!/usr/bin/env node
// The keylab bin: check the Node version first, to fail with a message instead of a SyntaxError.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
	console.error(
		\`keylab needs Node.js 22.18 or newer; this is v\${process.versions.node}.\\n\` +
			'Get it with nvm or fnm (\`nvm install 22\`), or run keylab through it: \`npx -y -p node@22 -- npx keylab-cli …\`.',
	);
	process.exit(2);
}
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));
`,
	{ mode: 0o755 },
);
writeFileSync(
	`${pkg}/package.json`,
	`${JSON.stringify(
		{
			// "keylab" on npm is an unrelated package: \`npx keylab\` outside a checkout would run it.
			name: 'keylab-cli',
			version: KEYLAB_VERSION,
			description:
				'Find leaked OpenAI API keys (files, staged changes, all of git history), check a key, explain OpenAI errors, and run a local practice OpenAI API.',
			keywords: ['openai', 'api-key', 'secret-scanning', 'pre-commit', 'sarif', 'doctor'],
			license: rootPackage.license,
			type: 'module',
			bin: { keylab: 'bin/keylab.js' },
			files: ['bin', 'dist', 'README.md', 'LICENSE'],
			engines: rootPackage.engines,
		},
		null,
		2,
	)}\n`,
);
cpSync(`${root}cli/PACKAGE-README.md`, `${pkg}/README.md`);
cpSync(`${root}cli/LICENSE`, `${pkg}/LICENSE`);

const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
	cwd: pkg,
	encoding: 'utf8',
})
	.trim()
	.split('\n')
	.at(-1);
console.log(`${out}/${tarball}`);
