/**
 * Stylesheets that load with the UI they style (Monaco's, Pagefind's), so pages that never open
 * that UI carry none of it: Astro would link CSS imported by a client script on every page.
 */

const pending = new Map<string, Promise<void>>();

/**
 * Links `href` once per page and resolves when it has applied, so UI built afterwards is never
 * shown unstyled. `name` marks the link (`data-keylab-stylesheet`). A failed load removes the
 * link and rejects, and the next call tries again.
 */
export function loadStylesheet(href: string, name: string): Promise<void> {
	let loading = pending.get(href);
	if (!loading) {
		loading = new Promise<void>((resolve, reject) => {
			const link = document.createElement('link');
			link.rel = 'stylesheet';
			link.href = href;
			link.dataset.keylabStylesheet = name;
			link.addEventListener('load', () => resolve(), { once: true });
			link.addEventListener(
				'error',
				() => {
					link.remove();
					pending.delete(href);
					reject(new Error(`The ${name} stylesheet could not be loaded.`));
				},
				{ once: true },
			);
			document.head.append(link);
		});
		pending.set(href, loading);
	}
	return loading;
}
