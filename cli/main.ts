/**
 * `keylab` dispatcher. Each command lives in cli/commands/ and is imported only when used,
 * so `keylab diagnose` never pays for the practice API's start-up.
 */
export type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
	diagnose: {
		summary: 'Explain a pasted OpenAI error (reads stdin).',
		load: () => import('./commands/diagnose.ts'),
	},
	doctor: {
		summary:
			'Check a project folder: key set, hidden problems, .env ignored, leaked keys in files and git history, live check.',
		load: () => import('./commands/doctor.ts'),
	},
	'practice-api': {
		summary: 'Start the practice API (a local simulation of the OpenAI API).',
		load: () => import('./commands/practice-api.ts'),
	},
	scenarios: {
		summary: 'Run the checked troubleshooting scenarios (`keylab scenarios verify`).',
		load: () => import('./commands/scenarios.ts'),
	},
};

/** Exit codes shared by every command, so scripts can rely on them. */
export const exitCodes = {
	ok: 0,
	/** The check ran and found a problem (a failing key, a diagnosis, a failed scenario). */
	problem: 1,
	/** The command was used wrongly (unknown flag, missing input). */
	usage: 2,
} as const;

function usage(): string {
	const width = Math.max(...Object.keys(commands).map((name) => name.length));
	const lines = Object.entries(commands).map(
		([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`,
	);
	return [
		'Usage: keylab <command> [options]',
		'',
		'Commands:',
		...lines,
		'',
		'Run `keylab <command> --help` for the options of one command.',
	].join('\n');
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage());
		return name ? exitCodes.ok : exitCodes.usage;
	}
	const command = commands[name];
	if (!command) {
		console.error(`keylab: unknown command "${name}".\n\n${usage()}`);
		return exitCodes.usage;
	}
	const { run } = await command.load();
	return run(rest);
}
