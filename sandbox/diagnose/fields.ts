/**
 * Structured facts that live outside the error object: the request's URL and method, response
 * headers printed by `curl -i`/`-v`, httpx debug logs or JS object inspection, the Authorization
 * header as a client echoed it, and request ids in their several spellings. Every regex is linear
 * and runs over bounded text.
 */

const MAX_URLS = 20;
const MAX_HEADERS = 60;

// Links that error messages carry for people to read: never the URL that was called.
const DOC_HOSTS =
	/^(?:platform\.openai\.com|help\.openai\.com|community\.openai\.com|status\.openai\.com|beta\.openai\.com|openai\.com|docs\.[\w.-]+|developer\.mozilla\.org|go\.microsoft\.com|learn\.microsoft\.com|aka\.ms|github\.com|www\.anthropic\.com|console\.groq\.com)$/i;
const DOC_PATHS = /^https?:\/\/openrouter\.ai\/(?:settings|docs)|^https?:\/\/[^/]+\/docs\//i;

const URL_RE = /\bhttps?:\/\/[^\s"'`<>)\]\\,{}|]{1,300}/g;
const METHOD_URL =
	/\b(GET|POST|PUT|PATCH|DELETE|OPTIONS)\s+["'`]?(https?:\/\/[^\s"'`<>)\]\\]{1,300})/;
// OpenAI's "Invalid URL (POST /v1/…)", and any server's "unexpected/unknown endpoint (GET /…)".
export const ECHOED_PATH_LEAD =
	'(?:Invalid URL|Unknown request URL:?|(?:unexpected|unknown|invalid|unsupported|no such) (?:endpoint|route|path|url)(?: or method)?\\.?)';
const ECHOED_PATH = new RegExp(
	`\\b${ECHOED_PATH_LEAD}\\s*\\(?\\s*(GET|POST|PUT|PATCH|DELETE|OPTIONS)\\s+(\\/[^\\s)'"]{0,200})`,
	'i',
);
// "(attempted address: api.openai.com:443, timeout: 10000ms)" and "connect to api.openai.com port 443".
const ADDRESS =
	/(?:attempted address:|connect to|host=|Host: ?)\s*['"]?([a-z0-9][a-z0-9.-]{1,120}\.[a-z]{2,})(?:['"]?[:\s,)]|$)/i;

/** API URLs named in the text, documentation links left out. */
export function findUrls(text: string): string[] {
	const urls: string[] = [];
	for (const match of text.matchAll(URL_RE)) {
		const url = match[0].replace(/[.;:]+$/, '');
		if (DOC_PATHS.test(url)) continue;
		const host = hostOf(url);
		if (!host || DOC_HOSTS.test(host)) continue;
		if (!urls.includes(url)) urls.push(url);
		if (urls.length >= MAX_URLS) break;
	}
	const address = ADDRESS.exec(text)?.[1];
	if (address && !DOC_HOSTS.test(address) && !urls.some((url) => hostOf(url) === address)) {
		urls.push(`https://${address}`);
	}
	return urls;
}

/** The host of a URL, lower-cased, or undefined when it does not parse. */
export function hostOf(url: string): string | undefined {
	const match = /^https?:\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^/:?#\s]+)/i.exec(url);
	return match?.[1].toLowerCase();
}

/** The path of a URL (without query), or '' when it has none. */
export function pathOf(url: string): string {
	const match = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?/i.exec(url);
	return match?.[1] ?? '';
}

/** The method and URL of "POST https://…", or the path OpenAI echoed in "Invalid URL (POST /…)". */
export function findRequestLine(text: string): { method?: string; echoedPath?: string } {
	const echoed = ECHOED_PATH.exec(text);
	if (echoed) return { method: echoed[1].toUpperCase(), echoedPath: echoed[2] };
	const line = METHOD_URL.exec(text);
	return line ? { method: line[1].toUpperCase() } : {};
}

// Headers worth reading, in any printout: `name: value` lines (curl -i, curl -v with "< "),
// Python httpx debug tuples `(b'name', b'value')`, and JS/JSON `'name': 'value'` pairs.
const HEADER_NAMES =
	'x-ratelimit-[a-z-]{1,40}|retry-after(?:-ms)?|x-request-id|openai-organization|openai-project|openai-processing-ms|apim-request-id|x-ms-region|cf-ray|server|access-control-allow-origin|www-authenticate|x-openrouter-[a-z-]{1,30}';
const HEADER_LINE = new RegExp(`^[<>]?\\s?(${HEADER_NAMES}):[ \\t]?([^\\r\\n]{0,200})$`, 'gim');
const HEADER_TUPLE = new RegExp(`\\(b'(${HEADER_NAMES})', b'([^']{0,200})'\\)`, 'gi');
const HEADER_PAIR = new RegExp(
	`["'](${HEADER_NAMES})["']\\s*[:=]\\s*["']([^"'\\n]{0,200})["']`,
	'gi',
);

/** Response headers printed in the text, lower-cased names. */
export function findHeaders(text: string): Record<string, string> {
	const headers: Record<string, string> = {};
	let count = 0;
	for (const pattern of [HEADER_LINE, HEADER_TUPLE, HEADER_PAIR]) {
		for (const match of text.matchAll(pattern)) {
			const name = match[1].toLowerCase();
			if (!(name in headers)) headers[name] = match[2].trim();
			if (++count > MAX_HEADERS) return headers;
		}
	}
	return headers;
}

// "Authorization: Bearer undefined", "'Authorization': 'Bearer '", "Bearer null".
const BEARER = /authorization["']?\s*[:=]\s*["']?Bearer(?:\s+([^\s"',}]{0,200})|(?=["',}\s]))/i;

/** What followed "Bearer" in a printed Authorization header; '' when nothing did. */
export function findBearer(text: string): string | undefined {
	const match = BEARER.exec(text);
	return match ? (match[1] ?? '') : undefined;
}

// req_<32 hex> (OpenAI), and "request id: <uuid or digits>" as relays and Azure print it.
const REQUEST_ID = /\breq_[0-9a-f]{32}\b/;
const REQUEST_ID_TEXT =
	/\brequest[ _-]?id\b["']?\s*[:=]?\s*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{8,12}|[0-9a-f]{32}|\d{20,40})/i;

/** The request id OpenAI (or a relay) gave, when printed. */
export function findRequestId(text: string): string | undefined {
	return REQUEST_ID.exec(text)?.[0] ?? REQUEST_ID_TEXT.exec(text)?.[1];
}

// Routes api.openai.com serves (the OpenAPI spec's top-level paths), to tell a real one from a typo.
export const OPENAI_ROUTE =
	/^\/v1\/(?:chat\/completions|completions|responses|embeddings|models|moderations|images\/(?:generations|edits|variations)|audio\/(?:speech|transcriptions|translations)|files|uploads|batches|fine_tuning\/jobs|vector_stores|assistants|threads|realtime|conversations|organization)\b/;

/** The whole path is one of those routes, nothing appended or doubled. */
export const OPENAI_ROUTE_EXACT = new RegExp(`${OPENAI_ROUTE.source}$`);
