/**
 * Reads a .env file the way dotenv does (so we judge the value the program really gets): `export`
 * allowed, matching quotes stripped, `#` comments after unquoted values dropped.
 */

export interface DotenvEntry {
	value: string;
	/** 1-based line number. */
	line: number;
}

/** Parses .env text into name → value (last definition wins, like dotenv). */
export function parseDotenv(text: string): Map<string, DotenvEntry> {
	const entries = new Map<string, DotenvEntry>();
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const match = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]\s?(.*)$/.exec(lines[i].replace(/\r$/, ''));
		if (!match) continue;
		let value = match[2];
		const quote = value.trimStart()[0];
		if (quote === '"' || quote === "'" || quote === '`') {
			const trimmed = value.trimStart();
			const close = trimmed.indexOf(quote, 1);
			value = close > 0 ? trimmed.slice(1, close) : trimmed;
			if (quote === '"') value = value.replace(/\\n/g, '\n');
		} else {
			value = value.replace(/\s+#.*$/, '').trim();
		}
		entries.set(match[1], { value, line: i + 1 });
	}
	return entries;
}
