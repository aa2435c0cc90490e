// Stops `npm start`, `npm test`, `npm run build|dev` and `npx keylab` on a Node.js older than the
// project needs, with one message that says how to get the right one, instead of the stack trace an
// old Node prints on the first `.ts` file. Plain CommonJS with no syntax newer than Node 12, so any
// Node that can start it gets the message. The version comes from package.json `engines.node`.
'use strict';

const path = require('node:path');

/** The lowest version `engines.node` allows (`>=22.18.0` gives [22, 18, 0]). */
function requiredVersion(range) {
	const match = /(\d+)\.(\d+)\.(\d+)/.exec(range || '');
	if (!match) throw new Error(`package.json engines.node is not a ">=X.Y.Z" range: ${range}`);
	return match.slice(1).map(Number);
}

/** True when `version` ("22.23.3" or "v20.20.2") is at least `required`. */
function satisfies(version, required) {
	const parts = String(version).replace(/^v/, '').split('.').map(Number);
	for (let i = 0; i < 3; i += 1) {
		if ((parts[i] || 0) !== required[i]) return (parts[i] || 0) > required[i];
	}
	return true;
}

/** The message for an old Node, or undefined when `version` is new enough. */
function nodeVersionProblem(version, range, what) {
	const required = requiredVersion(range);
	if (satisfies(version, required)) return undefined;
	const wanted = required.join('.');
	return [
		`${what} needs Node.js ${wanted} or newer; this is Node.js ${String(version).replace(/^v?/, 'v')}.`,
		'Get it in one of these ways, then run the command again:',
		`  - nvm or fnm: \`nvm install && nvm use\` (or \`fnm use --install-if-missing\`) reads .nvmrc (${required[0]})`,
		`  - no version manager: prefix the command with \`npx -y -p node@${required[0]} --\`, e.g. \`npx -y -p node@${required[0]} -- npm start\``,
		'  - or install it from https://nodejs.org/en/download',
	].join('\n');
}

module.exports = { nodeVersionProblem, requiredVersion, satisfies };

if (require.main === module) {
	const pkg = require(path.join(__dirname, '..', 'package.json'));
	const problem = nodeVersionProblem(
		process.versions.node,
		pkg.engines && pkg.engines.node,
		'keylab',
	);
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
}
