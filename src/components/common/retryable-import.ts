/**
 * A dynamic import that can be tried again once the network is back.
 *
 * Browsers keep a failed module fetch in their module map: in Chromium 150 a second `import()` of
 * the same URL fails at once without a request. So the retry imports the same chunk under a new
 * URL (a `?retry=` query), which the browser's error names in Chromium and Firefox. Its static
 * imports that loaded the first time are shared; where the browser does not name the URL (Safari)
 * the retry is the plain import again.
 */
export function retryableImport<T>(load: () => Promise<T>): () => Promise<T> {
	let chunk: string | undefined;
	let attempt = 0;
	return () => {
		const pending = chunk
			? (import(/* @vite-ignore */ `${chunk}?retry=${++attempt}`) as Promise<T>)
			: load();
		return pending.catch((error: unknown) => {
			chunk ??= failedModuleUrl(error);
			throw error;
		});
	};
}

/** The module URL a failed dynamic import names ("Failed to fetch dynamically imported module: …"). */
export function failedModuleUrl(error: unknown): string | undefined {
	const message = error instanceof Error ? error.message : String(error);
	const url = /\bimported module:?\s+(\S+?\.m?js)(?:\?\S*)?\s*$/i.exec(message)?.[1];
	if (!url) return undefined;
	try {
		// Same origin only: the chunk is ours, never a URL an attacker could put in a message.
		const parsed = new URL(url, location.href);
		return parsed.origin === location.origin ? `${parsed.origin}${parsed.pathname}` : undefined;
	} catch {
		return undefined;
	}
}
