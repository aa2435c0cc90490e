/**
 * Syntax errors the way Node shows them: the file and line, the line itself, a caret under the
 * column, then `SyntaxError: message`. V8 in a worker reports no place for a module's syntax error,
 * so the page finds it with acorn, loaded only when such an error happens.
 */
import { PROJECT_DIR, type SourceLocation } from './module-graph.ts';

/** Node's layout of a syntax error at `location` in `source`. */
export function formatSyntaxError(
	source: string,
	location: SourceLocation,
	message: string,
): string {
	const line = source.replace(/\r\n?/g, '\n').split('\n')[location.line - 1] ?? '';
	const caret = `${line.slice(0, location.column - 1).replace(/[^\t]/g, ' ')}^`;
	return `${PROJECT_DIR}/${location.file}:${location.line}\n${line}\n${caret}\n\nSyntaxError: ${message}\n`;
}

/** Finds the first syntax error among `paths` with acorn: its place and acorn's message. */
export async function locateSyntaxError(
	files: ReadonlyMap<string, string>,
	paths: readonly string[],
): Promise<(SourceLocation & { message: string }) | undefined> {
	const { parse } = await import('acorn');
	for (const file of paths) {
		const source = files.get(file);
		if (source === undefined) continue;
		try {
			parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
		} catch (error) {
			const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
			if (loc)
				return {
					file,
					line: loc.line,
					column: loc.column + 1,
					message: message.replace(/ \(\d+:\d+\)$/, ''),
				};
		}
	}
	return undefined;
}
