/** What every bench script shares: where the site is built, how, and the median of a sample. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The benches build into their own folder, so a bench never disturbs the tests' `dist`. */
export const outDir = process.env.KEYLAB_OUT_DIR ?? 'dist-bench';
export const benchEnv = { ...process.env, KEYLAB_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' };

/** `--name=value` command-line options as a map (a bare `--flag` maps to ''). */
export const benchArgs = new Map(
	process.argv.slice(2).map((arg) => [arg.replace(/=.*/, ''), arg.split('=')[1] ?? '']),
);

/** Builds the site into `outDir`, unless a build is there and `rebuild` is false. */
export function buildSite(rebuild: boolean): void {
	if (!rebuild && existsSync(`${outDir}/index.html`)) return;
	console.error(`Building into ${outDir}…`);
	const result = spawnSync('npx', ['astro', 'build'], {
		env: benchEnv,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (result.status !== 0) throw new Error('astro build failed');
}

/** The median of `values` (the upper one of an even count); NaN for none. */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
