/**
 * Reads `git log -p` / `git diff` output as it streams and finds keys in added lines only: a key
 * is reported once, at the commit (and line) that added it, however often later commits move it.
 * One pass, no process per commit: fast enough for any history `git log -p` itself can print.
 */
import { findKeys, type KeyFinding } from './find-keys.ts';

/** Marks a commit header line; doctor asks git for `--format=<COMMIT_MARK>%H %cI`. */
export const COMMIT_MARK = '\u0001commit ';

/** A streaming parser of unified diffs; feed it chunks, then call `end()`. */
export class DiffScanner {
	readonly findings: KeyFinding[] = [];
	/** How many commit headers were read. */
	commits = 0;
	private readonly seen = new Map<string, number>();
	private rest = '';
	private commit: string | undefined;
	private date: string | undefined;
	private file = '';
	private line = 0;
	private inHunk = false;

	private readonly options: { all?: boolean };

	constructor(options: { all?: boolean } = {}) {
		this.options = options;
	}

	/** Feeds one chunk of git's output. */
	push(chunk: string): void {
		const text = this.rest + chunk;
		let start = 0;
		for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
			this.onLine(text.slice(start, end));
			start = end + 1;
		}
		this.rest = text.slice(start);
	}

	/** Flushes the last line; returns every finding. */
	end(): KeyFinding[] {
		if (this.rest) this.onLine(this.rest);
		this.rest = '';
		return this.findings;
	}

	private onLine(line: string): void {
		const first = line.charCodeAt(0);
		if (this.inHunk) {
			// '+' added, ' ' context, '-' removed, '\' "No newline at end of file".
			if (first === 43 /* + */) {
				if (line.includes('sk-')) this.scan(line.slice(1));
				this.line++;
				return;
			}
			if (first === 32 /* space */) {
				this.line++;
				return;
			}
			if (first === 45 /* - */ || first === 92 /* \ */) return;
			this.inHunk = false;
		}
		if (line.startsWith('@@')) {
			const match = /^@@+ .*?\+(\d+)(?:,\d+)? @@/.exec(line);
			this.line = match ? Number(match[1]) : 1;
			this.inHunk = true;
		} else if (line.startsWith('+++ ')) {
			this.file = filePath(line.slice(4));
		} else if (line.startsWith('diff --git ')) {
			// A deleted file has `+++ /dev/null`; keep the old name until then.
			this.file = filePath(line.slice(11).split(' b/')[0] ?? '');
		} else if (line.startsWith(COMMIT_MARK)) {
			const [hash, date] = line.slice(COMMIT_MARK.length).split(' ');
			this.commit = hash;
			this.commits++;
			this.date = date;
		}
	}

	private scan(text: string): void {
		for (const finding of findKeys(text, {
			file: this.file,
			firstLine: this.line,
			all: this.options.all,
		})) {
			const found = {
				...finding,
				...(this.commit ? { commit: this.commit, date: this.date } : {}),
			};
			// `git log` prints newest first: a key seen again is the same key added earlier, and
			// the earliest commit is the one to report (and the longest exposure).
			const id = `${found.file}\0${found.masked}`;
			const at = this.commit ? this.seen.get(id) : undefined;
			if (at === undefined) this.seen.set(id, this.findings.push(found) - 1);
			else this.findings[at] = found;
		}
	}
}

/** `b/src/app.js` or `"b/caf\303\251.js"` → the path; `/dev/null` stays. */
function filePath(raw: string): string {
	let path = raw.trim();
	if (path.startsWith('"') && path.endsWith('"')) path = unquote(path.slice(1, -1));
	return path.replace(/^[ab]\//, '');
}

/** Undoes git's C-style quoting of unusual file names (octal UTF-8 bytes, \t, \", \\). */
function unquote(text: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c !== '\\') {
			bytes.push(...new TextEncoder().encode(c));
			continue;
		}
		const next = text[++i] ?? '';
		if (/[0-7]/.test(next)) {
			bytes.push(parseInt(text.slice(i, i + 3), 8));
			i += 2;
		} else
			bytes.push(({ n: 10, t: 9, r: 13 } as Record<string, number>)[next] ?? next.charCodeAt(0));
	}
	return new TextDecoder().decode(new Uint8Array(bytes));
}
