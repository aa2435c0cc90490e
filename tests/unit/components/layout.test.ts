/**
 * The folder tree shows the architecture: `src/components/` holds one folder per component family,
 * each named in docs/architecture.md, and the families import each other without cycles (a cycle
 * would mean two folders are really one family, or one leans on the other's internals).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const components = join(root, 'src/components');

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

/** Relative import specifiers of a .ts or .astro file (static, dynamic and side-effect imports). */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\1/g);
	return [...found].map((match) => match[2] ?? '');
}

const familyOf = (file: string) => relative(components, file).split(sep)[0] ?? '';

describe('src/components', () => {
	const families = readdirSync(components).filter((name) =>
		statSync(join(components, name)).isDirectory(),
	);

	it('holds only family folders, each named in the architecture document', () => {
		const loose = readdirSync(components).filter((name) => !families.includes(name));
		expect(loose).toEqual([]);
		const architecture = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
		for (const family of families) expect(architecture).toContain(`${family}/`);
		expect(families).toEqual(
			expect.arrayContaining([
				'sandbox',
				'scenario-card',
				'practice-console',
				'key-field',
				'troubleshooter',
				'search',
				'monaco',
			]),
		);
	});

	it('families import each other without cycles', () => {
		const edges = new Map<string, Set<string>>(families.map((family) => [family, new Set()]));
		for (const file of filesUnder(components).filter((path) => /\.(ts|astro)$/.test(path))) {
			for (const specifier of importsOf(file)) {
				const target = resolve(dirname(file), specifier.replace(/\?.*$/, ''));
				if (!target.startsWith(components + sep)) continue;
				const [from, to] = [familyOf(file), familyOf(target)];
				if (from !== to) edges.get(from)?.add(to);
			}
		}
		// Depth-first search; a family met again on the current path closes a cycle.
		const cycles: string[] = [];
		const visit = (family: string, path: string[]) => {
			if (path.includes(family)) {
				cycles.push([...path.slice(path.indexOf(family)), family].join(' → '));
				return;
			}
			for (const next of edges.get(family) ?? []) visit(next, [...path, family]);
		};
		for (const family of families) visit(family, []);
		expect(cycles).toEqual([]);
		// The graph is not empty: the check would pass vacuously if imports were not found.
		expect(edges.get('sandbox')?.has('runtime')).toBe(true);
	});
});
