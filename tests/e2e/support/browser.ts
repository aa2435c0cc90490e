import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/** Flags that keep Chromium quiet on a machine with no internet and no GPU. */
export const chromiumArgs = [
	'--no-sandbox',
	'--headless=new',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

const systemChromiums = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
];

/**
 * Finds a browser for the tests: `CHROMIUM_PATH` if set, else a system Chromium, else the one
 * `npx playwright install chromium` downloaded. Fails with instructions when there is none.
 */
export function findChromium(): string {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv))
			throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
		return fromEnv;
	}
	const system = systemChromiums.find((path) => existsSync(path));
	if (system) return system;
	const bundled = chromium.executablePath();
	if (bundled && existsSync(bundled)) return bundled;
	throw new Error(
		'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `apt-get install chromium`), ' +
			'set CHROMIUM_PATH to a Chromium or Chrome binary, or run `npx playwright install chromium`.',
	);
}

/** Launch options every test and benchmark uses. */
export function chromiumLaunchOptions(): LaunchOptions {
	return { executablePath: findChromium(), args: chromiumArgs };
}

/**
 * Launch options for measurements. Headless Chromium 156 preloads its omnibox popups (two
 * browser-UI renderers) at launch: about 1.5 s of CPU while the first page loads, which on 2 cores
 * landed in that page's measured tasks (one trace had a 623 ms omnibox task in the middle of a
 * lesson's load, and Lighthouse's benchmark index read 1500 instead of 2500). Chromium keeps the
 * last --disable-features it is given, so this also replaces Playwright's list, which exists for
 * test determinism: the benchmarks measure a browser closer to a stock one.
 */
export function benchmarkLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
	const quietBrowserUi =
		'--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup';
	const options = chromiumLaunchOptions();
	return { ...options, args: [...(options.args ?? []), quietBrowserUi, ...extraArgs] };
}
