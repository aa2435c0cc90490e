import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

export interface PageWeight {
	/** Gzip bytes of JavaScript fetched before any interaction. */
	js: number;
	/** Gzip bytes of CSS fetched before any interaction. */
	css: number;
	/** Each counted file with its gzip size, for a readable failure message. */
	files: { url: string; type: 'js' | 'css'; gzip: number }[];
}

/**
 * Loads a page, lets it settle without touching it, and adds up the gzip size of the JavaScript
 * and CSS it fetched. Starlight's search UI, which loads on idle, is left out, as the budget says.
 */
export async function measurePageWeight(page: Page, path: string): Promise<PageWeight> {
	const pending: Promise<void>[] = [];
	const files: PageWeight['files'] = [];
	page.on('response', (response) => {
		const url = response.url();
		const type = response.request().resourceType();
		// Pagefind's index and Starlight's search UI (`ui-core`) load on idle, outside the budget.
		if (url.includes('/pagefind/') || /\/ui-core\.[\w-]+\.js$/.test(url)) return;
		const kind = type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : undefined;
		if (!kind) return;
		pending.push(
			response.body().then(
				(body) => void files.push({ url, type: kind, gzip: gzipSync(body).length }),
				() => undefined,
			),
		);
	});
	await page.goto(path, { waitUntil: 'networkidle' });
	// Module preloads and inline scripts count too: inline <script> bodies are shipped JavaScript.
	const inline = await page.$$eval('script:not([src])', (elements) =>
		(elements as HTMLScriptElement[])
			.filter(
				(script) => !script.type || script.type === 'module' || script.type === 'text/javascript',
			)
			.map((script) => script.textContent ?? ''),
	);
	await Promise.all(pending);
	for (const [index, text] of inline.entries()) {
		if (text.trim())
			files.push({
				url: `${path}#inline-script-${index}`,
				type: 'js',
				gzip: gzipSync(text).length,
			});
	}
	const sum = (type: 'js' | 'css') =>
		files.filter((file) => file.type === type).reduce((total, file) => total + file.gzip, 0);
	return { js: sum('js'), css: sum('css'), files };
}
