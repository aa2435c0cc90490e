/**
 * Reads the course as built: builds the site once into `dist` (or KEYLAB_OUT_DIR), or reuses the
 * build there with KEYLAB_SKIP_BUILD=1 (as `npm test` does, after its one build), and reads lesson
 * sources and their frontmatter.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

/** The folder the course test builds into. */
export const outDir = resolve(root, process.env.KEYLAB_OUT_DIR ?? 'dist');

/** Builds the site into `outDir` unless KEYLAB_SKIP_BUILD=1 and a build is already there. */
export function ensureBuilt(): void {
	if (process.env.KEYLAB_SKIP_BUILD && existsSync(join(outDir, 'index.html'))) return;
	execFileSync('npx', ['astro', 'build'], {
		cwd: root,
		env: { ...process.env, KEYLAB_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
		stdio: 'pipe',
	});
}

/** The built HTML of a lesson, or undefined when the page was not built. */
export function builtPage(slug: string): string | undefined {
	const file = join(outDir, slug, 'index.html');
	return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The fields of a lesson's frontmatter the course cares about. */
export interface LessonFrontmatter {
	sandbox?: string;
	scenarios: string[];
}

/**
 * Reads `sandbox:` and `scenarios:` from a lesson's MDX frontmatter. Accepts the two list forms
 * YAML allows for a plain list of ids (`[a, b]` or `- a` lines); anything else fails loudly.
 */
export function lessonFrontmatter(slug: string): LessonFrontmatter {
	const source = readFileSync(join(root, 'src/content/docs', `${slug}.mdx`), 'utf8');
	const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
	if (!match) throw new Error(`${slug}.mdx has no frontmatter.`);
	const lines = match[1].split(/\r?\n/);
	const unquote = (value: string) => value.trim().replace(/^['"]|['"]$/g, '');
	const result: LessonFrontmatter = { scenarios: [] };
	lines.forEach((line, index) => {
		const sandbox = /^sandbox:\s*(.+)$/.exec(line);
		if (sandbox) result.sandbox = unquote(sandbox[1]);
		const scenarios = /^scenarios:\s*(.*)$/.exec(line);
		if (!scenarios) return;
		const inline = scenarios[1].trim();
		if (inline.startsWith('[')) {
			if (!inline.endsWith(']')) throw new Error(`${slug}.mdx: put scenarios: [...] on one line.`);
			result.scenarios = inline.slice(1, -1).split(',').map(unquote).filter(Boolean);
		} else if (inline === '') {
			for (const item of lines.slice(index + 1)) {
				const entry = /^\s*-\s*(.+)$/.exec(item);
				if (!entry) break;
				result.scenarios.push(unquote(entry[1]));
			}
		} else {
			throw new Error(`${slug}.mdx: scenarios must be a list, not "${inline}".`);
		}
	});
	return result;
}
