/**
 * `keylab practice-api [--port N] [--host H]`: serves the practice API until interrupted.
 */
import { startPracticeServer } from '../../sandbox/practice-api/node-server.ts';
import { exitCodes } from '../main.ts';

const HELP = `Usage: keylab practice-api [--port N] [--host H]

Start the practice API, a local simulation of the OpenAI API that needs no key.
Point the SDK at it with baseURL (or OPENAI_BASE_URL) and a practice key.

Options:
  --port N   Port to listen on (default 4010; 0 picks a free one).
  --host H   Interface to bind (default localhost).
  -h, --help Show this help.

Scenario keys: GET <base URL without /v1>/__practice/scenario-keys`;

/** Parses the flags; returns a usage error message or the options. */
export function parseArgs(
	argv: string[],
): { help: true } | { port: number; host: string } | string {
	let port = 4010;
	let host = 'localhost';
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		if (flag !== '--port' && flag !== '--host') return `unknown option "${arg}"`;
		const value = inline ?? argv[++i];
		if (value === undefined || value === '') return `${flag} needs a value`;
		if (flag === '--host') host = value;
		else {
			port = Number(value);
			if (!Number.isInteger(port) || port < 0 || port > 65535)
				return `--port must be 0-65535, not "${value}"`;
		}
	}
	return { port, host };
}

/** Runs the command; resolves when the server stops (SIGINT/SIGTERM). */
export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv);
	if (typeof args === 'string') {
		console.error(`keylab practice-api: ${args}\n\n${HELP}`);
		return exitCodes.usage;
	}
	if ('help' in args) {
		console.log(HELP);
		return exitCodes.ok;
	}
	let server;
	try {
		server = await startPracticeServer({ port: args.port, host: args.host });
	} catch (error) {
		const code = (error as { code?: string }).code;
		const reason =
			code === 'EADDRINUSE' ? `port ${args.port} is already in use (try --port 0)` : String(error);
		console.error(`keylab practice-api: cannot listen: ${reason}`);
		return exitCodes.problem;
	}
	console.log(`Practice API listening on ${server.url}`);
	console.log(`Scenario keys: ${server.origin}/__practice/scenario-keys`);
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await server.close();
	return exitCodes.ok;
}
