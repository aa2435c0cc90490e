/** No usable HTTP answer: the browser blocked it (CORS) or the network failed. */
import { ECHOED_PATH_LEAD, hostOf, OPENAI_ROUTE, pathOf } from '../fields.ts';
import type { Rule, RuleMatch, Signals } from '../types.ts';
import { distance } from './model.ts';
import { textRule } from './text-rule.ts';

// A real API route: /v1/<endpoint> (after any gateway prefix, e.g. /api/v1/, /zen/v1/), Azure's
// /openai/..., Google's /v1beta/.
const API_PATH = /\/v1(?:beta)?\/[a-z]|\/openai\/[a-z]/i;

// A server other than OpenAI's answers the browser's preflight itself: it must allow the page's
// origin (the fix the threads of rounds 14 and 15 found: OLLAMA_ORIGINS, LM Studio's CORS switch,
// a relay's own headers).
const serverCorsFixes = [
	'If that server is yours (Ollama, LM Studio, vLLM, a proxy or relay), let it allow the page’s origin: OLLAMA_ORIGINS for Ollama, “Enable CORS” in LM Studio’s server settings, Access-Control-Allow-Origin (and -Headers) on a proxy.',
];

// Local servers' own API routes (Ollama's /api/chat, /api/tags, …): real routes, not typos.
const NATIVE_PATH = /^\/api\/(?:chat|generate|tags|embed|embeddings|show|pull|ps|version)\b/;

/**
 * A CORS failure on a URL that is no API route. On api.openai.com the routes are known, so a path
 * outside /v1/ is the cause: the preflight hit a 404 page with no CORS headers. On any other host
 * (a relay, a gateway, a local server) an unusual path is as often that server's own route: there
 * the browser's word stands, and the URL is the question (rounds 9, 14 and 15 of the corpus).
 */
function corsOnWrongUrl(signals: Signals): Partial<RuleMatch> {
	// Mixed content names the page first and is about the scheme, not the path.
	if (/mixed content|混合/i.test(signals.text)) {
		return {
			explanation:
				'The page is served over https and called a plain http:// address, so the browser blocked the call (mixed content). Serve the API over https, call it from your server, or run the page on http://localhost.',
		};
	}
	const url = signals.urls[0];
	const status404 = /status code:? 404|\b404 \(Not Found\)/i.test(signals.text);
	if (!url && !status404) return {};
	const host = url === undefined ? undefined : hostOf(url);
	const path = url === undefined ? '' : pathOf(url);
	// The API's own host, or a typo of it ("api.openai.co"): its routes are known.
	const openai = host !== undefined && distance(host, 'api.openai.com') <= 3;
	const wrongPath =
		url !== undefined &&
		!NATIVE_PATH.test(path) &&
		(!API_PATH.test(path) || (openai && !path.startsWith('/v1/')));
	if (!wrongPath && !status404)
		return host !== undefined && !openai ? { fixes: serverCorsFixes } : {};
	// A 404 on a real route of the API's own host is not a wrong URL: the browser blocked the call
	// itself (an extension without host permission, a page without a server in between).
	if (host === 'api.openai.com' && OPENAI_ROUTE.test(path)) return {};
	if (openai || status404) {
		return {
			id: 'wrong_base_url',
			confidence: 0.75,
			explanation: url
				? `The page called ${url}, which is not an API route (the path should be /v1/<endpoint>); the server’s "not found" answer has no CORS headers, so the browser reports CORS. The real problem is the URL.`
				: 'The CORS error hides a 404: the URL does not exist, and its "not found" answer has no CORS headers.',
			alternatives: [
				{
					id: 'cors_blocked',
					why: 'Even with the right URL, a browser page should not call the API with a secret key: route it through your server.',
				},
			],
		};
	}
	return {
		confidence: 0.75,
		fixes: serverCorsFixes,
		alternatives: [
			{
				id: 'wrong_base_url',
				why: `${url} has no /v1/ in its path: if that server expects one, the preflight met a "not found" page, which carries no CORS headers either.`,
			},
		],
	};
}

export const corsRule: Rule = textRule('cors_blocked', 'cors', {
	phrases: [
		'blocked by cors policy',
		// Chinese for cross-origin (CORS): "浏览器跨域请求", "跨域问题".
		'跨域',
		'cors错误',
		'cors 错误',
		'cors报错',
		// A server's own refusal of the page's origin (Spring, gateways): "403 Forbidden — Invalid CORS".
		'invalid cors',
		'cross-origin request blocked',
		'cors header',
		"no 'access-control-allow-origin'",
		'cors request did not succeed',
		'cors policy',
		'dangerouslyallowbrowser',
		'browser-like environment',
		'cors error',
		'is not allowed by access-control-allow-origin',
		'access-control-allow-headers',
		'cors preflight',
		'(cross-origin) request blocked',
		// The browser also blocks a plain-http call from an https page (mixed content), in Firefox's
		// Chinese wording too.
		'mixed content',
		'混合活动内容',
		'混合内容',
	],
	// A server that answers "no such route" to OPTIONS: the browser's preflight, which the server
	// does not handle (LM Studio until its CORS switch is on).
	regex: new RegExp(`\\b${ECHOED_PATH_LEAD}\\s*\\(?\\s*OPTIONS\\s+\\/`, 'i'),
	refine: corsOnWrongUrl,
});

// System error codes of a failed connection; they also count when they appear as plain text.
const socketErrors = [
	'econnreset',
	'enotfound',
	'etimedout',
	'eai_again',
	'econnrefused',
	'ehostunreach',
	'enetunreach',
];

const KNOWN_HOSTS = ['api.openai.com', 'openrouter.ai', 'api.groq.com', 'api.deepseek.com'];
// OpenAI's other real hosts, a few letters from api.openai.com but no typo of it (Codex signs in at
// auth.openai.com): when they cannot be reached, the network is at fault.
const OPENAI_HOSTS = ['auth.openai.com', 'chat.openai.com', 'platform.openai.com', 'chatgpt.com'];
const LOOKUP =
	/(?:ENOTFOUND|EAI_AGAIN|Could not resolve host:?|lookup|getaddrinfo failed for|No such host is known\.? \(?)\s*['"]?([a-z0-9][a-z0-9.-]{2,120}\.[a-z]{2,})/i;

/** A host that could not be looked up and is a typo of a real API host: the base URL is wrong. */
function typoHost(signals: Signals): Partial<RuleMatch> | undefined {
	const host = (
		LOOKUP.exec(signals.text)?.[1] ?? signals.urls.map(hostOf).find(Boolean)
	)?.toLowerCase();
	if (!host || KNOWN_HOSTS.includes(host) || OPENAI_HOSTS.includes(host)) return undefined;
	const near = KNOWN_HOSTS.find((known) => distance(host, known) <= 3);
	if (!near) return undefined;
	return {
		id: 'wrong_base_url',
		confidence: 0.8,
		explanation: `The host "${host}" could not be found: it is a typo of ${near}. The base URL is wrong, not the network.`,
		fixes: [
			`Correct the base URL to https://${near}${near === 'openrouter.ai' ? '/api/v1' : '/v1'}.`,
		],
	};
}

/** A serverless function's own time limit (Vercel, Netlify, AWS Lambda) cut the call short. */
export const functionTimeoutRule: Rule = textRule('network_error', 'function-timeout', {
	regex:
		/\bTask timed out after [\d.]+ ?s(?:econds)?|FUNCTION_INVOCATION_TIMEOUT|An error occurred with your deployment/,
	refine: () => ({
		title: 'Your serverless function ran out of time',
		explanation:
			'The platform that runs your code (Vercel, Netlify, AWS Lambda) stopped the function at its time limit before OpenAI answered; its "504" is the platform’s, not OpenAI’s.',
		fixes: [
			'Stream the response (the first bytes arrive in seconds), raise the function’s time limit (maxDuration on Vercel), or move long calls to a background job.',
		],
	}),
});

// httpx's "Client error '400 Bad Request' for url …": the server answered, whatever class wraps it
// (LiteLLM raises APIConnectionError around it).
const ANSWERED = /\b(?:Client|Server) error '\d{3} [A-Z]/;

// Socket codes as whole words, as Node prints them: "ResourceNotFound" (Ruby's Faraday, a 404)
// holds "enotfound".
const SOCKET_CODE = `\\b(?:${socketErrors.map((code) => code.toUpperCase()).join('|')})\\b`;
// .NET's HttpRequestException also wraps HTTP error statuses: only without one is it a network
// failure (so is Azure.Core's "Retry failed after 4 tries" with no status). Go's io.EOF
// ("err=error, EOF", "Post …: EOF"): the connection closed with no answer.
// Windows' HTTP stack (WinHTTP, WinINet) prints its codes bare: 12002 timeout, 12007 name not
// resolved, 12029 and 12030 connection failed or closed, 12152 invalid answer, 12157 and 12175
// secure channel failed ("Error sending data: (12175) …", a Delphi client).
const NO_ANSWER =
	/\bCould not resolve:? [\w-]+(?:\.[\w-]+)+|\bERROR_(?:WINHTTP|INTERNET)_[A-Z_]+|\((?:12002|12007|12029|12030|12152|12157|12175)\)|HttpRequestException(?![^\n]{0,120}status code)|Retry failed after \d+ tries(?![^]{0,300}Status: \d{3})|(?:[:,=] ?|\berror,? )EOF$|(?:[:,=] ?|\berror,? )EOF\b(?! while)/m;

export const networkRule: Rule = textRule('network_error', 'network', {
	when: (signals) => !ANSWERED.test(signals.text),
	codes: [...socketErrors, 'und_err_connect_timeout', 'und_err_socket'],
	regex: new RegExp(`${SOCKET_CODE}|${NO_ANSWER.source}`, 'm'),
	phrases: [
		'apiconnectionerror',
		'apitimeouterror',
		'apiconnectiontimeouterror',
		'error communicating with openai',
		'connection error.',
		'sslcertverificationerror',
		'fetch failed',
		'request timed out',
		'certificate_verify_failed',
		'certificate verify failed',
		'self signed certificate',
		'self-signed certificate',
		'unable to get local issuer',
		'unable_to_get_issuer_cert',
		'proxyerror',
		'unable to connect to proxy',
		'sslerror',
		'socket hang up',
		'getaddrinfo',
		'name or service not known',
		'temporary failure in name resolution',
		'max retries exceeded',
		'connecterror',
		'connecttimeout',
		'readtimeout',
		'remotedisconnected',
		'connection aborted',
		'connection refused',
		'connection reset',
		'no such host',
		'dial tcp',
		'i/o timeout',
		'context deadline exceeded',
		'tls handshake timeout',
		'handshake failure',
		'[ssl:',
		'x509:',
		'unable_to_verify_leaf_signature',
		'unable to verify the first certificate',
		'self_signed_cert',
		'err_tls_',
		'econnaborted',
		'und_err_',
		'socket disconnected',
		'net::err_',
		'failed to fetch',
		'networkerror when attempting',
		'could not resolve host',
		// Rust's reqwest: the request never got an answer (connect, DNS, TLS).
		'error sending request for url',
		'failed to connect to',
		'ssl connect error',
		'timed out',
		'request timeout',
		'no response from',
		'(no response)',
		// Chinese apps' timeouts: 连接超时 (connect), 请求超时 (request), 读取超时 (read), 响应超时.
		'连接超时',
		'请求超时',
		'读取超时',
		'响应超时',
		'connect timeout',
		'cannot connect to api',
		'connection failed',
		'connect error',
		'error sending request',
		// Java, .NET and Apple clients name the failure in the exception class or domain.
		'sockettimeoutexception',
		'unknownhostexception',
		'sslhandshakeexception',
		'java.net.connectexception',
		'pkix path building failed',
		'httpclient.timeout',
		'nsurlerrordomain',
		'network connection was lost',
		'could not connect to the server',
		'hostname could not be found',
		// The connection closed mid-answer.
		'premature close',
		'unexpected eof',
		'ssleoferror',
		'remote end closed connection',
		'network is unreachable',
		'broken pipe',
		'socketexception',
		'failed host lookup',
		'cannot assign requested address',
		'no route to host',
		'clientconnectorerror',
		'cannot connect to host',
		// Azure resources reachable only through a private endpoint: the network path is wrong.
		'public access is disabled',
		'timedout',
	],
	refine: (signals) =>
		typoHost(signals) ??
		(/certificate|ssl|tls/i.test(signals.text)
			? {
					fixes: [
						'A TLS-inspecting proxy or firewall is in the way: point the client at your corporate CA bundle (SSL_CERT_FILE / REQUESTS_CA_BUNDLE for Python, NODE_EXTRA_CA_CERTS for Node). Do not disable verification.',
					],
				}
			: /proxy/i.test(signals.text)
				? {
						fixes: [
							'Check the proxy settings (HTTPS_PROXY / HTTP_PROXY): a proxy given as https:// that only speaks http:// fails this way.',
						],
					}
				: /failed to fetch|networkerror when attempting/i.test(signals.text)
					? {
							confidence: 0.6,
							fixes: [
								'In a browser this is often CORS or an ad blocker: open the console for the full message.',
							],
							// The Fetch standard rejects a request CORS blocked with the same TypeError as a
							// network failure; only the console tells them apart.
							alternatives: [
								{
									id: 'cors_blocked',
									why: 'A browser reports a request its CORS policy blocked (or an http:// call from an https:// page) with the same "Failed to fetch"; the console names CORS when it was that.',
								},
							],
						}
					: {}),
});

/**
 * Ollama answers 403 with an empty body to a request whose Origin it does not allow (a web page,
 * a browser extension): a browser-side refusal in all but name. Its OLLAMA_ORIGINS setting lists
 * the origins it accepts (Ollama's FAQ, "How can I allow additional web origins").
 */
export const localOriginRule: Rule = {
	id: 'cors_blocked',
	name: 'local-origin',
	match(signals) {
		if (signals.status !== 403 || signals.provider?.kind !== 'local') return undefined;
		if (!/\bollama\b|:11434\b/i.test(signals.text)) return undefined;
		return {
			confidence: 0.65,
			evidence: [`HTTP status 403 from ${signals.provider.evidence}`],
			title: 'Ollama refused the page’s origin',
			explanation:
				'Ollama answers 403, with no body, to requests from an origin it does not allow: a web page or a browser extension calling it directly. The key and the model are not the problem.',
			fixes: [
				'Start Ollama with OLLAMA_ORIGINS set to the calling origin (e.g. OLLAMA_ORIGINS=chrome-extension://* or https://your-app.example), then restart it.',
				'Or call Ollama from a server or the extension’s background script instead of the page.',
			],
			alternatives: [
				{
					id: 'wrong_base_url',
					why: 'A proxy or another server in front of Ollama can also answer 403 for a path it does not expose.',
				},
			],
		};
	},
};
