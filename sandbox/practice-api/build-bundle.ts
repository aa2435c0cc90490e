/**
 * Bundles the practice API server into one ESM file for the WebContainer (whose default Node
 * is 20). Usage: `node sandbox/practice-api/build-bundle.ts [outfile]`.
 * Default output: sandbox/practice-api/dist/practice-api-server.mjs (git-ignored).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where the bundle goes unless a path is given. */
export const DEFAULT_BUNDLE_PATH = here + 'dist/practice-api-server.mjs';

/** Builds the bundle and resolves to its path and size in bytes. */
export async function buildPracticeBundle(
	outfile = DEFAULT_BUNDLE_PATH,
): Promise<{ outfile: string; bytes: number }> {
	const result = await build({
		entryPoints: [here + 'server-main.ts'],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		minify: true,
		legalComments: 'none',
		metafile: true,
		logLevel: 'warning',
	});
	const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
	return { outfile, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { outfile, bytes } = await buildPracticeBundle(process.argv[2]);
	console.log(`Wrote ${outfile} (${(bytes / 1024).toFixed(1)} kB)`);
}
