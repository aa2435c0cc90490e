/**
 * How keylab itself shows a key it holds: the prefix and a few characters, an ellipsis, the last
 * four (`sk-proj-abc…wxyz`), short enough that nobody can copy it back into use.
 */
export function redactKey(key: string): string {
	const trimmed = key.trim();
	const prefix = /^sk-(proj|svcacct|admin|None)-/.exec(trimmed)?.[0] ?? trimmed.slice(0, 3);
	if (trimmed.length <= prefix.length + 7) return `${prefix}…`;
	return `${trimmed.slice(0, prefix.length + 3)}…${trimmed.slice(-4)}`;
}

/**
 * Replaces every occurrence of each secret in `text` with its redacted form. Secrets shorter
 * than 8 characters are ignored: they cannot be keys, and replacing them would mangle output.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 8) continue;
		result = result.split(secret).join(redactKey(secret));
		// The key as the SDK or a server would echo it trimmed, or masked the OpenAI way, is still it.
		const trimmed = secret.trim();
		if (trimmed !== secret && trimmed.length >= 8)
			result = result.split(trimmed).join(redactKey(trimmed));
	}
	return result;
}
