/**
 * The sandbox's output panel: program output line by line, stdout and stderr told apart by a
 * visible label (not colour alone), every line scrubbed of the held key before it touches the DOM.
 */
import type { OutputChunk, RunResult } from '../../../sandbox/engines/types.ts';
import { scrubSecrets } from '../../../sandbox/keys/redact.ts';

/** Where a finished run's summary line points for help. */
export interface DiagnosisNote {
	title: string;
	href: string;
	linkText: string;
}

/**
 * Splits streamed chunks into whole lines and scrubs each: a key split across two chunks is
 * still found, because no line is released before its newline (or the end of the run).
 */
export class LineBuffer {
	readonly #pending: Record<OutputChunk['stream'], string> = { stdout: '', stderr: '' };
	readonly #scrub: (text: string) => string;
	readonly #emit: (stream: OutputChunk['stream'], line: string) => void;

	constructor(
		scrub: (text: string) => string,
		emit: (stream: OutputChunk['stream'], line: string) => void,
	) {
		this.#scrub = scrub;
		this.#emit = emit;
	}

	/** Takes a chunk; emits every line it completes. */
	write(chunk: OutputChunk): void {
		const lines = (this.#pending[chunk.stream] + chunk.text).split('\n');
		this.#pending[chunk.stream] = lines.pop() ?? '';
		for (const line of lines) this.#emit(chunk.stream, this.#scrub(line));
	}

	/** Emits what is left of unfinished lines. */
	flush(): void {
		for (const stream of ['stdout', 'stderr'] as const) {
			const rest = this.#pending[stream];
			this.#pending[stream] = '';
			if (rest) this.#emit(stream, this.#scrub(rest));
		}
	}
}

/** Writes into a `role="log"` element; one instance per sandbox. */
export class OutputLog {
	readonly #root: HTMLElement;
	readonly #secrets: () => readonly (string | undefined)[];
	#lines = this.#newBuffer();
	#text: Record<OutputChunk['stream'], string> = { stdout: '', stderr: '' };
	/** Where program lines go while a chunk is written (one element per chunk, see `write`). */
	#target: HTMLElement | undefined;
	#following = false;

	constructor(root: HTMLElement, secrets: () => readonly (string | undefined)[]) {
		this.#root = root;
		this.#secrets = secrets;
	}

	#newBuffer(): LineBuffer {
		return new LineBuffer(
			(text) => this.#scrub(text),
			(stream, line) => this.#line(stream, line),
		);
	}

	/** Empties the log for a new run. */
	clear(): void {
		this.#root.replaceChildren();
		this.#lines = this.#newBuffer();
		this.#text = { stdout: '', stderr: '' };
	}

	/** Everything written to a stream in this run (whole lines), already scrubbed. */
	streamText(stream: OutputChunk['stream']): string {
		return this.#text[stream];
	}

	/** Adds a chunk of program output. */
	write(chunk: OutputChunk): void {
		this.#inGroup(() => this.#lines.write(chunk));
	}

	/** Writes out partial lines; call when the program has ended. */
	flush(): void {
		this.#inGroup(() => this.#lines.flush());
	}

	// A chunk's lines go into the log as one element: the page's DOM observers (Astro's link
	// prefetch, Expressive Code) then look at one added node, not thousands of lines one by one.
	#inGroup(write: () => void): void {
		const group = document.createElement('div');
		group.className = 'keylab-lines';
		this.#target = group;
		try {
			write();
		} finally {
			this.#target = undefined;
		}
		if (group.firstChild) {
			this.#root.append(group);
			this.#follow();
		}
	}

	/** A note from the sandbox itself (engine fallback, missing key), not from the program. */
	note(text: string, kind: 'info' | 'warning' = 'info'): void {
		const line = this.#append('keylab-line keylab-note', kind === 'warning' ? 'Note' : 'Info');
		line.append(this.#scrub(text));
	}

	/** The summary line: how the run ended and how long it took. */
	status(result: RunResult): void {
		this.flush();
		const seconds =
			result.durationMs < 1000
				? `${Math.round(result.durationMs)} ms`
				: `${(result.durationMs / 1000).toFixed(1)} s`;
		const text =
			result.reason === 'stopped'
				? `Stopped after ${seconds} (exit code ${result.exitCode}).`
				: result.reason === 'timeout'
					? `Timed out after ${seconds}: the program ran too long and was ended (exit code ${result.exitCode}).`
					: `Exited with code ${result.exitCode} in ${seconds}.`;
		const ok = result.exitCode === 0;
		const line = this.#append(
			`keylab-line keylab-status ${ok ? 'is-ok' : 'is-failed'}`,
			ok ? 'Done' : 'Failed',
		);
		line.dataset.exitCode = String(result.exitCode);
		line.append(text);
	}

	/** A one-line diagnosis of an SDK error, with a link to the lesson about it. */
	diagnosis(note: DiagnosisNote): void {
		const line = this.#append('keylab-line keylab-diagnosis', 'Diagnosis');
		const link = document.createElement('a');
		link.href = note.href;
		link.textContent = note.linkText;
		line.append(`${this.#scrub(note.title)} `, link);
	}

	#scrub(text: string): string {
		return scrubSecrets(text, this.#secrets());
	}

	#line(stream: OutputChunk['stream'], text: string): void {
		this.#text[stream] += text + '\n';
		const line = this.#element(`keylab-line is-${stream}`, stream === 'stderr' ? 'stderr' : '');
		line.dataset.stream = stream;
		line.append(text);
		(this.#target ?? this.#root).append(line);
	}

	#element(className: string, label: string): HTMLElement {
		const line = document.createElement('div');
		line.className = className;
		if (label) {
			const tag = document.createElement('span');
			tag.className = 'keylab-line-tag';
			tag.textContent = label;
			line.append(tag, ' ');
		}
		return line;
	}

	#append(className: string, label: string): HTMLElement {
		const line = this.#element(className, label);
		this.#root.append(line);
		this.#follow();
		return line;
	}

	// Follows the output inside the panel without scrolling the page, once per frame: reading
	// scrollHeight at every chunk would force a layout each time a printing loop sends one.
	#follow(): void {
		if (this.#following) return;
		this.#following = true;
		requestAnimationFrame(() => {
			this.#following = false;
			this.#root.scrollTop = this.#root.scrollHeight;
		});
	}
}
