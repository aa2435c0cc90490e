/**
 * Where a live key check may send the key, or why it must not: plain http is readable by anyone
 * on the path, so it is allowed only to this machine (a local practice API or proxy). Shared by
 * `keylab doctor` and `keylab diagnose --check`; `setting` names where the URL came from
 * (`--base-url`, `OPENAI_BASE_URL`) so the error says what to change.
 */
export function liveTarget(baseURL: string, setting: string): { host: string } | { error: string } {
	let url: URL;
	try {
		url = new URL(baseURL);
	} catch {
		return { error: `${setting}: "${baseURL}" is not a URL` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { error: `${setting}: must be https://, not ${url.protocol}` };
	const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname);
	if (url.protocol === 'http:' && !loopback)
		return {
			error: `${setting}: refusing to send the key over plain http to ${url.host}: use https, or http only to localhost`,
		};
	return { host: url.host };
}
