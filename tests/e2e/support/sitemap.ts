import type { APIRequestContext } from '@playwright/test';

/** Every page path the built site lists in its sitemap (`/`, `/start/what-is-an-api-key/`, ...). */
export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
	const index = await (await request.get('/sitemap-index.xml')).text();
	const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
		(match) => new URL(match[1]).pathname,
	);
	const paths: string[] = [];
	for (const sitemap of sitemaps) {
		const xml = await (await request.get(sitemap)).text();
		for (const match of xml.matchAll(/<loc>([^<]+)<\/loc>/g))
			paths.push(new URL(match[1]).pathname);
	}
	if (paths.length === 0)
		throw new Error('The sitemap lists no pages; is `site` set in astro.config.mjs?');
	return paths;
}
