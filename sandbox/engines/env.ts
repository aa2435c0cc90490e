/**
 * The environment a run sees, built the way `node --env-file=.env index.js` builds it: the file's
 * values first, then the real environment on top (Node never lets a file override a variable that
 * is already set). Both engines use it; the key only ever arrives through `runEnv`.
 */
import type { SandboxFile } from './types.ts';

/** Parses a dotenv file the way Node's `--env-file` does (quotes, `export`, comments, `\n`). */
export function parseDotenv(text: string): Record<string, string> {
	const result: Record<string, string> = {};
	const source = text.replace(/\r\n?/g, '\n');
	const line =
		/^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*(?:"((?:\\.|[^"\\])*)"|'([^']*)'|`([^`]*)`|([^\n#]*))[ \t]*(?:#.*)?$/gm;
	for (let match = line.exec(source); match; match = line.exec(source)) {
		const [, key, double, single, backtick, bare] = match;
		if (!key) continue;
		if (double !== undefined)
			result[key] = double.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
		else result[key] = single ?? backtick ?? (bare ?? '').trim();
	}
	return result;
}

/** The env files a `start` script passes to node (`--env-file=.env`, `--env-file-if-exists .env`). */
export function envFilesFromScript(script: string): { path: string; optional: boolean }[] {
	const found: { path: string; optional: boolean }[] = [];
	const flag = /--env-file(-if-exists)?(?:=|\s+)("[^"]+"|'[^']+'|\S+)/g;
	for (let match = flag.exec(script); match; match = flag.exec(script)) {
		found.push({ path: (match[2] ?? '').replace(/^["']|["']$/g, ''), optional: Boolean(match[1]) });
	}
	return found;
}

/** The env files the project's package.json `start` script asks for; none when there is no such script. */
export function envFilesOf(files: readonly SandboxFile[]): { path: string; optional: boolean }[] {
	const pkg = files.find((file) => file.path === 'package.json');
	if (!pkg) return [];
	try {
		const parsed = JSON.parse(pkg.contents) as { scripts?: Record<string, unknown> };
		const start = parsed.scripts?.start;
		return typeof start === 'string' && /\bnode\b/.test(start) ? envFilesFromScript(start) : [];
	} catch {
		// A half-edited package.json must not stop the run; Node itself would not read it either.
		return [];
	}
}

/**
 * The final `process.env` of a run: env-file values named by the start script, then `runEnv`
 * over them. A missing env file is skipped (the sandbox may omit it), a present one is read.
 */
export function buildRunEnv(
	files: readonly SandboxFile[],
	runEnv: Readonly<Record<string, string>>,
): Record<string, string> {
	const merged: Record<string, string> = {};
	for (const { path } of envFilesOf(files)) {
		const file = files.find((candidate) => candidate.path === path.replace(/^\.\//, ''));
		if (file) Object.assign(merged, parseDotenv(file.contents));
	}
	return { ...merged, ...runEnv };
}
