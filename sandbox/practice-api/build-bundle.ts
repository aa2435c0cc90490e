/**
 * Bundles the practice API server into one ESM file for the WebContainer (whose default Node
 * is 20). Usage: `node sandbox/practice-api/build-bundle.ts [outfile]`.
 * Default output: dist-practice-api/practice-api-server.mjs (git-, lint- and prettier-ignored
 * like every dist-* folder). A Vite plugin can instead take the code from `bundlePracticeServer()`.
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where the bundle goes unless a path is given. */
export const DEFAULT_BUNDLE_PATH = fileURLToPath(
	new URL('../../dist-practice-api/practice-api-server.mjs', import.meta.url),
);

const options: BuildOptions = {
	entryPoints: [here + 'server-main.ts'],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
};

/** The bundle's code as a string, without touching the disk. */
export async function bundlePracticeServer(): Promise<string> {
	const result = await build({ ...options, write: false, outfile: 'practice-api-server.mjs' });
	return result.outputFiles[0].text;
}

/** Builds the bundle and resolves to its path and size in bytes. */
export async function buildPracticeBundle(
	outfile = DEFAULT_BUNDLE_PATH,
): Promise<{ outfile: string; bytes: number }> {
	const result = await build({ ...options, outfile, metafile: true });
	const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
	return { outfile, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { outfile, bytes } = await buildPracticeBundle(process.argv[2]);
	console.log(`Wrote ${outfile} (${(bytes / 1024).toFixed(1)} kB)`);
}
