/**
 * Keeps Monaco out of every page's CSS and feeds its TypeScript worker the `openai` types.
 *
 * Astro links every CSS file reachable from a client script (even through a dynamic `import()`)
 * on every page of the route, and Starlight renders all docs through one route: Monaco's ESM
 * `.css` imports would put ~175 kB of render-blocking CSS on every lesson. They are mapped to an
 * empty module here; the editor adds the self-contained `min/` stylesheet with a `<link>` instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import type { Plugin } from 'vite';

const EMPTY_CSS = '\0keylab:monaco-empty-css';
/** Import this (as `virtual:keylab/openai-dts`) to get `{ [path]: text }` of the SDK's types. */
export const OPENAI_DTS_ID = 'virtual:keylab/openai-dts';
const RESOLVED_DTS = '\0' + OPENAI_DTS_ID;

const IMPORT_RE = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** True for a CSS import made by Monaco's own ESM files. */
export function isMonacoCssImport(source: string, importer: string | undefined): boolean {
	return (
		!!importer && /[\\/]monaco-editor[\\/]esm[\\/]/.test(importer) && /\.css(\?|$)/.test(source)
	);
}

/** Maps a `./x.js` specifier in a declaration file to the `.d.ts` file that declares it. */
function declarationFor(fromFile: string, specifier: string): string | undefined {
	const base = join(dirname(fromFile), specifier.replace(/\.(m?js)$/, ''));
	return [`${base}.d.ts`, join(base, 'index.d.ts')].find((path) => existsSync(path));
}

/**
 * The SDK's declaration files reachable from its `index.d.ts`, keyed by package-relative path.
 * Only the reachable ones: the package ships ~3.6 MB of types, most for helpers no lesson uses.
 */
export function collectOpenAiDeclarations(packageDir: string): Record<string, string> {
	const files: Record<string, string> = {};
	const queue = [join(packageDir, 'index.d.ts')];
	for (let file = queue.pop(); file; file = queue.pop()) {
		const key = relative(packageDir, file).split('\\').join(posix.sep);
		if (key in files) continue;
		const text = readFileSync(file, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
		files[key] = text;
		for (const match of text.matchAll(IMPORT_RE)) {
			const target = declarationFor(file, match[1] ?? '');
			if (target) queue.push(target);
		}
	}
	return files;
}

const SDK_ENV_MODULE = /[\\/]openai[\\/]internal[\\/]utils[\\/]env\.m?js$/;

/**
 * Vite replaces `globalThis.process.env` with `{}` in client bundles, which blinds the SDK's
 * `readEnv` inside the worker engine, where a `process` does exist: `new OpenAI()` would never
 * see OPENAI_API_KEY or OPENAI_BASE_URL. Reading `process` through a local escapes that replacement.
 */
export function keepSdkEnvReads(code: string): string {
	if (!code.includes('globalThis.process.env')) return code;
	return (
		'const keylabProcess = () => globalThis.process;\n' +
		code.replaceAll('globalThis.process.env', 'keylabProcess().env')
	);
}

/** The Vite plugins: empty Monaco CSS, `virtual:keylab/openai-dts`, and the SDK env fix. */
export function keylabMonaco(): Plugin[] {
	return [monacoPlugin(), sdkEnvPlugin()];
}

function sdkEnvPlugin(): Plugin {
	return {
		...sdkEnvTransform(),
		name: 'keylab:sdk-env',
		// Workers are bundled with their own plugin list: the SDK lives in the worker engine's.
		config: () => ({ worker: { plugins: () => [sdkEnvTransform()] } }),
	};
}

function sdkEnvTransform(): Plugin {
	return {
		name: 'keylab:sdk-env-transform',
		enforce: 'pre',
		transform(code, id) {
			return SDK_ENV_MODULE.test(id.split('?')[0] ?? id)
				? { code: keepSdkEnvReads(code), map: null }
				: undefined;
		},
	};
}

function monacoPlugin(): Plugin {
	const require = createRequire(import.meta.url);
	return {
		name: 'keylab:monaco',
		enforce: 'pre',
		resolveId(source, importer) {
			if (isMonacoCssImport(source, importer)) return EMPTY_CSS;
			if (source === OPENAI_DTS_ID) return RESOLVED_DTS;
			return undefined;
		},
		load(id) {
			if (id === EMPTY_CSS) return 'export default {};';
			if (id !== RESOLVED_DTS) return undefined;
			// The package root: its `exports` hide package.json, but the main entry sits at the top.
			const packageDir = dirname(require.resolve('openai'));
			return `export default ${JSON.stringify(collectOpenAiDeclarations(packageDir))};`;
		},
	};
}
