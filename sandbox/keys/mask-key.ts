/**
 * Masks a credential the way api.openai.com does in "Incorrect API key provided: …":
 * the first 8 characters, one `*` per hidden character, the last 4, so the length is kept.
 * Seen in real 401s: 51-, 164- and 44-character values are masked this way, while short
 * values such as `API_KEY` or `undefined` are echoed in full.
 */
export function maskKey(value: string): string {
	if (value.length <= 12) return value;
	return value.slice(0, 8) + '*'.repeat(value.length - 12) + value.slice(-4);
}
