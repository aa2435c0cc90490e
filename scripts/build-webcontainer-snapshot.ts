/**
 * Builds the WebContainer engine's snapshot: a FileSystemTree (JSON) with the `openai` package from
 * our node_modules (only what Node's `import` needs: package.json and .mjs files), plus a
 * package.json and .nvmrc asking for Node 22, which `openai` 7 requires. Mounting it means no
 * `npm install` at run time.
 *
 * Usage: node scripts/build-webcontainer-snapshot.ts [out-file]   (default public/webcontainer/snapshot.json)
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import type { FileSystemTree } from '../sandbox/engines/webcontainer/types.ts';

/** Packages the snapshot carries (the SDK has no runtime dependencies of its own). */
export const SNAPSHOT_PACKAGES = ['openai'];

// Node's ESM loader reads package.json and the `import` condition's .mjs files; types, maps,
// TypeScript sources and the CommonJS build are dead weight in the browser download, except the
// few CommonJS files an .mjs file imports itself (found with es-module-lexer).
function isModule(name: string): boolean {
	return name === 'package.json' || (name.endsWith('.mjs') && !name.endsWith('.d.mts'));
}

function listFiles(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((name) => {
			const path = join(dir, name);
			if (!statSync(path).isDirectory()) return [path];
			return name === 'src' || name === 'node_modules' ? [] : listFiles(path);
		});
}

function packageTree(dir: string): FileSystemTree {
	const all = new Set(listFiles(dir));
	const keep = new Set([...all].filter((path) => isModule(basename(path))));
	for (const path of keep) {
		if (!path.endsWith('.mjs')) continue;
		for (const entry of parse(readFileSync(path, 'utf8'))[0]) {
			const target = entry.specifier?.startsWith('.')
				? join(dirname(path), entry.specifier)
				: undefined;
			if (target && all.has(target)) keep.add(target);
		}
	}
	const tree: FileSystemTree = {};
	for (const path of [...keep].sort()) {
		const parts = relative(dir, path).split(sep);
		let node = tree;
		for (const part of parts.slice(0, -1)) {
			const child = (node[part] ??= { directory: {} });
			node = (child as { directory: FileSystemTree }).directory;
		}
		node[parts.at(-1)!] = { file: { contents: readFileSync(path, 'utf8') } };
	}
	return tree;
}

/** The snapshot tree, read from `root`'s node_modules. */
export async function buildSnapshot(root: string): Promise<FileSystemTree> {
	await init();
	const modules: FileSystemTree = {};
	for (const name of SNAPSHOT_PACKAGES)
		modules[name] = { directory: packageTree(join(root, 'node_modules', name)) };
	const pkg = { name: 'keylab-sandbox', private: true, type: 'module', engines: { node: '>=22' } };
	return {
		'package.json': { file: { contents: `${JSON.stringify(pkg, null, 2)}\n` } },
		'.nvmrc': { file: { contents: '22\n' } },
		node_modules: { directory: modules },
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	const out = resolve(root, process.argv[2] ?? 'public/webcontainer/snapshot.json');
	const json = JSON.stringify(await buildSnapshot(root));
	mkdirSync(dirname(out), { recursive: true });
	writeFileSync(out, json);
	console.log(`WebContainer snapshot: ${out} (${(json.length / 1024).toFixed(0)} kB)`);
}
