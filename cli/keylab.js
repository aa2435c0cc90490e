#!/usr/bin/env node
// The `keylab` bin. The CLI is TypeScript run by Node's own type stripping (Node 22.18+),
// so this shim only checks the Node version first, to fail with a message instead of a SyntaxError.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
	console.error(
		`keylab needs Node.js 22.18 or newer; this is v${process.versions.node}.\n` +
			'Get it with nvm or fnm (`nvm install 22`), or run keylab through it: `npx -y -p node@22 -- npx keylab …`.',
	);
	process.exit(2);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
