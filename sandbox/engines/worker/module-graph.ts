/**
 * The learner's files as an ES module graph: which file imports what, in which order the worker
 * must create them (a blob URL can only name dependencies that already exist), and what the worker
 * engine cannot run. Pure: es-module-lexer does the parsing, so strings and comments never fool it.
 */
import { init, parse } from 'es-module-lexer';
import { KeylabError } from '../../errors.ts';
import type { SandboxFile } from '../types.ts';

/** Where an import leads once resolved. */
export type ImportTarget =
	{ kind: 'file'; path: string } | { kind: 'openai' } | { kind: 'shim'; name: ShimName };

/** Modules the worker fakes cheaply because samples lean on them. */
export type ShimName = 'process' | 'dotenv' | 'dotenv/config';

/** One import of a file, with the source range of its specifier. */
export interface ImportRef {
	specifier: string;
	/** Range to replace; for dynamic imports it includes the quotes. */
	start: number;
	end: number;
	dynamic: boolean;
	target: ImportTarget;
}

/** The files to create, dependencies first, and each file's imports. */
export interface ModulePlan {
	order: string[];
	imports: Map<string, ImportRef[]>;
}

/** The project folder the worker pretends to run in (what `process.cwd()` says). */
export const PROJECT_DIR = '/project';

/** What the worker engine can import, for error messages. */
export const SUPPORTED_MODULES = [
	"'openai'",
	"relative imports of your own files ('./other.js')",
	"'node:process'",
	"'dotenv/config'",
];

const SHIMS: Record<string, ShimName> = {
	process: 'process',
	'node:process': 'process',
	dotenv: 'dotenv',
	'dotenv/config': 'dotenv/config',
};

/** Ready es-module-lexer (its Wasm compiles once). */
export const lexerReady: Promise<void> = init();

/** A problem in the module graph, found before any of the learner's code runs. */
export class ModuleGraphError extends KeylabError {
	constructor(code: string, message: string, hint?: string) {
		super(code, message, { hint });
		this.name = 'ModuleGraphError';
	}
}

/** A syntax error with its place, thrown before anything runs (Node reports these at link time). */
export class SourceSyntaxError extends ModuleGraphError {
	readonly location: SourceLocation;
	constructor(message: string, location: SourceLocation) {
		super('engine_syntax_error', message, 'Fix the code at the place shown.');
		this.name = 'SyntaxError';
		this.location = location;
	}
}

/** A place in one of the learner's files; line and column are 1-based. */
export interface SourceLocation {
	file: string;
	line: number;
	column: number;
}

/** Line and column (both 1-based) of an offset in a source text. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
	const before = source.slice(0, offset);
	const line = before.split('\n').length;
	return { line, column: offset - before.lastIndexOf('\n') };
}

/** Normalises a project path (`./a/../b.js` → `b.js`); undefined if it climbs out of the project. */
export function normalizePath(path: string): string | undefined {
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) return undefined;
			parts.pop();
		} else parts.push(part);
	}
	return parts.join('/');
}

function dirname(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash === -1 ? '' : path.slice(0, slash);
}

/** Resolves one specifier of `from`; throws a ModuleGraphError naming the place when it cannot. */
export function resolveImport(
	specifier: string,
	from: string,
	files: ReadonlySet<string>,
	where: string,
): ImportTarget {
	if (specifier === 'openai') return { kind: 'openai' };
	const shim = SHIMS[specifier];
	if (shim) return { kind: 'shim', name: shim };
	if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) {
		const joined = specifier.startsWith('/') ? specifier : `${dirname(from)}/${specifier}`;
		const path = normalizePath(joined);
		if (path !== undefined && files.has(path)) return { kind: 'file', path };
		// Node's ESM loader wants the extension; say so the way Node does, with the likely fix.
		const guess =
			path === undefined
				? undefined
				: [`${path}.js`, `${path}.mjs`, `${path}/index.js`].find((p) => files.has(p));
		const hint = guess ? `Did you mean to import "${relativeSpecifier(from, guess)}"?` : undefined;
		throw new ModuleGraphError(
			'engine_module_not_found',
			`Cannot find module '${PROJECT_DIR}/${path ?? specifier}' imported from ${PROJECT_DIR}/${from} (${where})` +
				(hint ? `\n${hint}` : ''),
			hint,
		);
	}
	const name = specifier.startsWith('node:') ? specifier : `'${specifier}'`;
	throw new ModuleGraphError(
		'engine_module_unsupported',
		`The worker engine cannot load ${specifier.startsWith('node:') ? `'${name}'` : name} (${where}). ` +
			`It runs your code in the browser, where only these modules exist: ${SUPPORTED_MODULES.join(', ')}.`,
		'Use the WebContainer engine (real Node.js) for other modules, or remove the import.',
	);
}

function relativeSpecifier(from: string, to: string): string {
	const fromParts = dirname(from).split('/').filter(Boolean);
	const toParts = to.split('/');
	let common = 0;
	while (common < fromParts.length && fromParts[common] === toParts[common]) common++;
	const ups = fromParts.length - common;
	const rest = toParts.slice(common).join('/');
	return ups === 0 ? `./${rest}` : `${'../'.repeat(ups)}${rest}`;
}

/** Lists a file's imports (static, re-exports, and dynamic ones with a literal specifier). */
export function findImports(path: string, source: string, files: ReadonlySet<string>): ImportRef[] {
	let parsed: ReturnType<typeof parse>;
	try {
		parsed = parse(source, path);
	} catch (error) {
		const offset = (error as { idx?: number }).idx ?? 0;
		const { line, column } = lineColumn(source, offset);
		throw new SourceSyntaxError('Invalid or unexpected token', { file: path, line, column });
	}
	const refs: ImportRef[] = [];
	for (const entry of parsed[0]) {
		if (entry.type !== 'static' && entry.type !== 'reexport-star' && entry.type !== 'dynamic')
			continue;
		const specifier = entry.specifier;
		if (specifier === undefined) continue;
		if (entry.type === 'static' && entry.typeOnly) continue;
		const dynamic = entry.type === 'dynamic';
		if (dynamic && entry.glob) continue;
		// Point at the opening quote, where a reader's eye finds the specifier.
		const { line, column } = lineColumn(source, dynamic ? entry.start : entry.start - 1);
		const target = resolveImport(specifier, path, files, `${path}:${line}:${column}`);
		refs.push({ specifier, start: entry.start, end: entry.end, dynamic, target });
	}
	return refs;
}

/**
 * Plans the graph reachable from `entry`: every file after the files it imports. Cycles cannot be
 * expressed with blob URLs (each needs the other's URL first), so they are reported, path and all.
 */
export function planModules(files: readonly SandboxFile[], entry: string): ModulePlan {
	const sources = new Map(
		files.map((file) => [normalizePath(file.path) ?? file.path, file.contents]),
	);
	const known = new Set(sources.keys());
	const start = normalizePath(entry) ?? entry;
	if (!known.has(start)) {
		throw new ModuleGraphError(
			'engine_module_not_found',
			`Cannot find module '${PROJECT_DIR}/${start}'`,
			'Run a file that exists in the project.',
		);
	}
	const imports = new Map<string, ImportRef[]>();
	const order: string[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (path: string, trail: string[]) => {
		const seen = state.get(path);
		if (seen === 'done') return;
		if (seen === 'visiting') {
			const cycle = [...trail.slice(trail.indexOf(path)), path].join(' → ');
			throw new ModuleGraphError(
				'engine_module_cycle',
				`Circular import: ${cycle}. The worker engine cannot run files that import each other in a circle.`,
				'Move the shared code into a third file that both import.',
			);
		}
		state.set(path, 'visiting');
		const refs = findImports(path, sources.get(path) ?? '', known);
		imports.set(path, refs);
		for (const ref of refs)
			if (ref.target.kind === 'file') visit(ref.target.path, [...trail, path]);
		state.set(path, 'done');
		order.push(path);
	};
	visit(start, []);
	return { order, imports };
}

/** Replaces each import's specifier with the URL `urlFor` gives (back to front keeps offsets valid). */
export function rewriteImports(
	source: string,
	refs: readonly ImportRef[],
	urlFor: (target: ImportTarget) => string,
): string {
	let result = source;
	for (const ref of [...refs].sort((a, b) => b.start - a.start)) {
		const url = urlFor(ref.target);
		result =
			result.slice(0, ref.start) +
			(ref.dynamic ? JSON.stringify(url) : url) +
			result.slice(ref.end);
	}
	return result;
}
