/**
 * Where a live key check may send the key, or why it must not: plain http is readable by anyone
 * on the path, so it is allowed only to this machine (a local practice API or proxy). Shared by
 * `keylab doctor` and `keylab diagnose --check`.
 */
export function liveTarget(baseURL: string): { host: string } | { error: string } {
	let url: URL;
	try {
		url = new URL(baseURL);
	} catch {
		return { error: `--base-url "${baseURL}" is not a URL` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { error: `--base-url must be https://, not ${url.protocol}` };
	const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname);
	if (url.protocol === 'http:' && !loopback)
		return {
			error: `refusing to send the key over plain http to ${url.host}: use https, or http only to localhost`,
		};
	return { host: url.host };
}
