/** No usable HTTP answer: the browser blocked it (CORS) or the network failed. */
import type { Rule } from '../types.ts';
import { textRule } from './text-rule.ts';

export const corsRule: Rule = textRule('cors_blocked', 'cors', {
	phrases: [
		'blocked by cors policy',
		'cross-origin request blocked',
		'cors header',
		"no 'access-control-allow-origin'",
		'cors request did not succeed',
		'cors policy',
		'dangerouslyallowbrowser',
		'browser-like environment',
		'cors error',
		'is not allowed by access-control-allow-origin',
	],
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

export const networkRule: Rule = textRule('network_error', 'network', {
	codes: [...socketErrors, 'und_err_connect_timeout', 'und_err_socket'],
	phrases: [
		'apiconnectionerror',
		'apitimeouterror',
		'apiconnectiontimeouterror',
		'error communicating with openai',
		'connection error.',
		...socketErrors,
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
		'httprequestexception',
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
		'failed to connect to',
		'ssl connect error',
		'timed out',
	],
	refine: (signals) =>
		/certificate|ssl|tls/i.test(signals.text)
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
						}
					: {},
});
