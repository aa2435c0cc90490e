/**
 * `keylab diagnose`: reads a pasted OpenAI error on stdin (or as arguments) and explains it.
 * Exit 1 when a known cause is found, 0 when nothing is recognised, 2 on misuse.
 */
import { openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReadStream } from 'node:tty';
import { answerFollowUp, catalog, diagnose, diagnosisIds } from '../../sandbox/diagnose/index.ts';
import { formatDiagnosis } from '../../sandbox/diagnose/format-text.ts';
import type { Diagnosis } from '../../sandbox/diagnose/index.ts';
import { exitCodes } from '../main.ts';
import { answerByCheck } from './diagnose-check.ts';

/** Everything a command touches outside itself; tests pass fakes. */
export interface CliIo {
	stdin: AsyncIterable<string | Uint8Array>;
	stdinIsTTY: boolean;
	stdout: { write(chunk: string): unknown; isTTY?: boolean };
	stderr: { write(chunk: string): unknown };
	env: Record<string, string | undefined>;
	cwd: string;
	fetch?: (request: Request) => Promise<Response>;
	/** Reads one line from the person at the terminal; absent when nobody is there to answer. */
	ask?: (prompt: string) => Promise<string | undefined>;
}

/**
 * Asks at the terminal even when the error came in on a pipe (`pbpaste | keylab diagnose`) or was
 * typed and ended with Ctrl-D: stdin is spent then, so the answer is read from the terminal itself
 * (/dev/tty). Undefined where there is none (a CI job), on Ctrl-C, or when input ends.
 */
async function askTerminal(prompt: string): Promise<string | undefined> {
	let input: NodeJS.ReadableStream;
	let terminal: ReadStream | undefined;
	try {
		terminal = new ReadStream(openSync('/dev/tty', 'r'));
		input = terminal;
	} catch {
		// Windows has no /dev/tty: only an error given as arguments leaves stdin to answer on.
		if (!process.stdin.isTTY) return undefined;
		input = process.stdin;
	}
	const lines = createInterface({ input, output: process.stdout });
	try {
		return await new Promise<string | undefined>((resolve) => {
			let answered = false;
			lines.once('close', () => {
				// Ctrl-C or the end of input: end the prompt's line, keep the answer above.
				if (!answered) process.stdout.write('\n');
				resolve(undefined);
			});
			lines.once('SIGINT', () => lines.close());
			lines.question(prompt, (reply) => {
				answered = true;
				resolve(reply);
			});
		});
	} finally {
		lines.close();
		terminal?.destroy();
	}
}

/** The real process's streams and environment. */
export function nodeIo(): CliIo {
	return {
		stdin: process.stdin,
		stdinIsTTY: process.stdin.isTTY === true,
		stdout: process.stdout,
		stderr: process.stderr,
		env: process.env,
		cwd: process.cwd(),
		// Only when someone watches the output: a script or CI job reading it is never held up.
		...(process.stdout.isTTY ? { ask: askTerminal } : {}),
	};
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function useColor(io: CliIo): boolean {
	return io.stdout.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

export const siteUrl = (io: CliIo) => io.env.KEYLAB_SITE ?? 'https://keylab.dev';

// The causes it can name come from the catalog, so the help never drifts from the engine.
const CAUSES = diagnosisIds.map((id) => `  ${id.padEnd(27)}${catalog[id].title}`).join('\n');

const HELP = `Usage: keylab diagnose [--json] [--no-ask] [--check [--billable]] [error text...]

Explain an OpenAI API error: paste it on stdin (or pass it as arguments) and get the cause,
the evidence it rests on, the fix and the lesson. Reads Python and Node SDK output (any version),
Go, Rust, .NET, Java and PHP exceptions, raw HTTP and curl -i, HAR files, JSON bodies, browser
console lines, and wrapper formats (LiteLLM, LangChain, the Vercel AI SDK, Codex, Continue).
It says when the error came from another provider (OpenRouter, Azure, a local server, a relay),
and names a second cause when two fit.

  pbpaste | keylab diagnose
  keylab diagnose < error.log
  python app.py 2>&1 | keylab diagnose --json

Options:
  --json      Print one JSON object: { id, title, confidence, explanation, evidence, fixes, retryable,
              lesson }, plus provider, alternatives and followUp when they apply.

When the text fits more than one cause, the answer ends with one question: facts you can
check (credit left? a base URL set?), each with the cause it means. At a terminal it waits for
the number of the one that is true and explains that cause; Enter keeps the first answer.
  --no-ask    Print the question but do not wait for an answer at the terminal.
  --check     Let a live check of your key answer the question, as the troubleshooter's key check
              does: the key in OPENAI_API_KEY (or ./.env) is sent to OPENAI_BASE_URL or
              https://api.openai.com/v1 only, and never printed. Costs nothing.
  --billable  With --check, also send one minimal request (a fraction of a cent) to check credit,
              rate limits and whether the key may call the model.
  -h, --help  Show this help.

Causes it names (id, then what it means):
${CAUSES}

Exit codes: 0 nothing recognised, 1 a cause was found, 2 usage error (unknown option, no input).
`;

const MAX_INPUT = 8 * 1024 * 1024;

async function readAll(stdin: CliIo['stdin']): Promise<string> {
	const decoder = new TextDecoder();
	let text = '';
	for await (const chunk of stdin) {
		text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		// Huge logs: the engine reads head, tail and error windows; stop reading far beyond that.
		if (text.length > MAX_INPUT) break;
	}
	return text + decoder.decode();
}

/** Runs `keylab diagnose`. */
export async function run(argv: string[], io: CliIo = nodeIo()): Promise<number> {
	let json = false;
	let ask = true;
	let check = false;
	let billable = false;
	const words: string[] = [];
	for (const arg of argv) {
		if (arg === '--help' || arg === '-h') {
			io.stdout.write(HELP);
			return exitCodes.ok;
		}
		if (arg === '--json') json = true;
		else if (arg === '--no-ask') ask = false;
		else if (arg === '--check') check = true;
		else if (arg === '--billable') billable = true;
		else if (arg.startsWith('-') && arg !== '-') {
			io.stderr.write(`keylab diagnose: unknown option "${arg}"\n\n${HELP}`);
			return exitCodes.usage;
		} else if (arg !== '-') words.push(arg);
	}
	if (words.length === 0 && io.stdinIsTTY) {
		io.stderr.write('Paste the error, then press Ctrl-D (Ctrl-Z then Enter on Windows):\n');
	}
	if (billable && !check) {
		io.stderr.write('keylab diagnose: --billable goes with --check.\n');
		return exitCodes.usage;
	}
	const input = words.length > 0 ? words.join(' ') : await readAll(io.stdin);
	if (input.trim() === '') {
		io.stderr.write(
			'keylab diagnose: no error text given (pipe it on stdin or pass it as arguments).\n',
		);
		return exitCodes.usage;
	}
	const diagnosis = diagnose(input);
	const checked = check ? await answerByCheck(diagnosis, io, billable) : undefined;
	const exit = (final: Diagnosis) => (final.id === 'other' ? exitCodes.ok : exitCodes.problem);
	if (json) {
		// stdout stays one JSON object; what the check found goes to stderr.
		if (checked?.report) io.stderr.write(checked.report);
		const final = checked?.diagnosis ?? diagnosis;
		io.stdout.write(JSON.stringify(final, null, 2) + '\n');
		return exit(final);
	}
	const format = { color: useColor(io), site: siteUrl(io) };
	io.stdout.write(formatDiagnosis(diagnosis, format));
	if (checked?.report) io.stdout.write(checked.report);
	if (checked?.answered) {
		io.stdout.write(`\n${formatDiagnosis({ ...checked.diagnosis, followUp: undefined }, format)}`);
		return exit(checked.diagnosis);
	}
	return exit(ask ? await answerAtTerminal(diagnosis, io, format) : diagnosis);
}

/** Waits for the number of the choice that is true, and explains that cause; Enter keeps it. */
async function answerAtTerminal(
	diagnosis: Diagnosis,
	io: CliIo,
	format: { color: boolean; site: string },
): Promise<Diagnosis> {
	const choices = diagnosis.followUp?.choices ?? [];
	if (choices.length === 0 || !io.ask) return diagnosis;
	const reply = (
		await io.ask(`\nWhich is true? 1–${choices.length}, or Enter to keep this answer: `)
	)?.trim();
	if (!reply) return diagnosis;
	const choice = choices[Number(reply) - 1];
	if (!/^\d+$/.test(reply) || !choice) {
		io.stdout.write(
			`"${reply.slice(0, 20)}" is not one of the choices; the answer above stands.\n`,
		);
		return diagnosis;
	}
	if (choice.id === diagnosis.id) {
		io.stdout.write('\nThen the answer above stands.\n');
		return diagnosis;
	}
	const answered = answerFollowUp(diagnosis, choice.id);
	io.stdout.write(`\n${formatDiagnosis({ ...answered, followUp: undefined }, format)}`);
	return answered;
}
