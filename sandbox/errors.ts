/**
 * The one error base of keylab. `code` is stable for programs (and the CLI's exit codes);
 * `hint` tells a person what to do next.
 */
export class KeylabError extends Error {
	/** Stable, machine-readable identifier, e.g. `engine_boot_timeout`. */
	readonly code: string;
	/** One sentence for a person: what to do about it. */
	readonly hint: string | undefined;

	constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
		super(message, { cause: options.cause });
		this.name = 'KeylabError';
		this.code = code;
		this.hint = options.hint;
	}
}
