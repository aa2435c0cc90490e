/**
 * The request went to the wrong place. Shapes of evidence, not phrases: the path a server echoed
 * ("Invalid URL (POST /chat/completions)", `unknown_url`), a 404 whose body is a web server's page
 * rather than an API error, Azure's route-level answers, and Azure's key-or-endpoint refusal.
 * Foreign keys echoed by api.openai.com and CORS failures on a wrong URL are decided in the
 * masked-key and CORS rules, which see those shapes first.
 */
import { ECHOED_PATH_LEAD, OPENAI_ROUTE_EXACT } from '../fields.ts';
import type { Rule, RuleMatch, Signals } from '../types.ts';
import { evidence, field, pattern, statusEvidence } from './helpers.ts';

// Not OPTIONS: a server that has no route for OPTIONS refused a browser's CORS preflight
// (transport.ts), whatever its wording ("Unexpected endpoint or method. (OPTIONS /v1/models)").
const ECHOED = new RegExp(
	`\\b${ECHOED_PATH_LEAD}\\s*\\(?\\s*(?:GET|POST|PUT|PATCH|DELETE)\\s+\\/[^\\s)'"]{0,200}\\)?|invalid url post \\/[\\w/.-]{1,80}`,
	'i',
);
// A web server's own 404/405 (nginx, Express, FastAPI, Flask, Go's mux), or a bare "404 Not
// Found" string, instead of an API error body.
const NOT_AN_API =
	/<center>nginx<\/center>|<title>404 Not Found<\/title>|404 page not found|Cannot (?:POST|GET) \/|["']detail["']\s*:\s*["']Not Found["']|405 Method Not Allowed|requested URL was not found on (?:the|this) server|["']404 Not Found["']|\bno (?:route|listener|handler) (?:found )?for (?:endpoint|path|route)?:? ?\/|\bno (?:matching )?route (?:found )?(?:for|matches) (?:that|this|the) (?:uri|url|path)\b/i;
// Azure's route-level 404, as a body, an SDK's print or a log line (17 of the corpus's 18 reports
// that quote "Resource not found" were the URL, the other an outage).
// Azure's 404 message, with its status or on a line of its own (an app that printed only the
// message: round 18's pandas-ai).
const AZURE_NOT_FOUND =
	/["']code["']\s*:\s*["']404["']\s*,\s*["']message["']\s*:\s*["']\s*Resource not found|HTTP 404 \(: 404\)\s*Resource not found|error_message=["']Resource not found|\b404\b[^\n]{0,80}\bResource not found\b|\bResource not found\b[^\n]{0,40}\b404\b|^\s*["']?Resource not found["']?\s*$/im;
// The client could not even parse the URL it was given: the base URL has no scheme or is not a URL.
const UNPARSABLE_URL =
	/UnsupportedProtocol|missing an 'http:\/\/' or 'https:\/\/' protocol|ERR_INVALID_URL|TypeError: Invalid URL\b|unsupported protocol scheme|Only absolute URLs are supported|Invalid URI: The format of the URI could not be determined|No scheme supplied|MissingSchema|relative URL without a base|URI is not absolute|\bInvalidURL\b|URL rejected: (?:Bad hostname|Malformed input)|URL using bad\/illegal format/i;
const AZURE_DENIED = /Access denied due to invalid subscription key or wrong API endpoint/i;
// Azure's answer to a Bearer token it cannot read as an Entra ID token: an API key sent the
// OpenAI way (Authorization: Bearer) to an Azure endpoint, which wants it in the api-key header.
const AZURE_TOKEN = /Access token is missing, invalid, audience is incorrect/i;

function explainPath(path: string): Partial<RuleMatch> {
	if (/(\/chat\/completions|\/completions|\/responses|\/embeddings)\1|\/v1\/v1\b/.test(path)) {
		return {
			title: 'The base URL already contains the endpoint',
			explanation: `The server got ${path}: the path appears twice because the base URL ended with the endpoint and the SDK appended it again.`,
			fixes: [
				'Set the base URL to the API root ending in /v1 (https://api.openai.com/v1), not to …/chat/completions.',
			],
		};
	}
	if (path.includes('//')) {
		return {
			title: 'The base URL ends with a slash',
			explanation: `The server got ${path}: the base URL ended with "/" and the client added another before the endpoint, so no route matches.`,
			fixes: ['Remove the trailing slash: the base URL should end in /v1, not /v1/.'],
		};
	}
	if (!/^\/(?:v1|openai|api)\b/.test(path)) {
		return {
			title: 'The base URL is missing /v1',
			explanation: `The server got ${path} with no /v1 in front: the base URL must end in /v1.`,
			fixes: [
				'Add /v1 to the end of the base URL (https://api.openai.com/v1, http://localhost:8080/v1, https://your-relay.example/v1).',
			],
		};
	}
	return {
		explanation: `The server has no route ${path} for this method: the base URL or proxy setting puts the request in the wrong place (or a proxy rewrote it).`,
	};
}

function echoedPath(signals: Signals): RuleMatch | undefined {
	const quote = pattern(signals, ECHOED) ?? field(signals, 'code', ['unknown_url']);
	if (!quote) return undefined;
	const path = signals.echoedPath ?? /\b(?:post|get) (\/[\w/.-]{1,80})/i.exec(quote)?.[1] ?? '';
	// A route OpenAI really serves, spelled right, other than the chat routes every proxy forwards:
	// OpenAI answers "Invalid URL" there when the model does not serve that endpoint (a speech
	// call with whisper-1). On /v1/chat/completions the same answer is a proxy's or relay's path.
	if (
		OPENAI_ROUTE_EXACT.test(path) &&
		!/^\/v1\/(?:chat\/completions|completions|responses|models)$/.test(path)
	) {
		return {
			id: 'bad_request',
			confidence: 0.6,
			evidence: evidence(quote, statusEvidence(signals)) ?? [quote],
			explanation: `${path} is a real route of the API, so the URL is right: OpenAI also answers "Invalid URL" when the model in the request does not serve this endpoint (a transcription model sent to /v1/audio/speech, a chat model to /v1/completions).`,
			fixes: [
				'Use a model this endpoint serves (the API reference lists them per endpoint), or the endpoint that serves your model.',
			],
			alternatives: [
				{
					id: 'wrong_base_url',
					why: 'Through a proxy or relay, the same answer means the proxy does not forward this route.',
				},
			],
		};
	}
	return {
		confidence: 0.9,
		evidence: evidence(quote, statusEvidence(signals)) ?? [quote],
		...(path ? explainPath(path) : {}),
	};
}

function notAnApi(signals: Signals): RuleMatch | undefined {
	const quote = pattern(signals, NOT_AN_API);
	if (!quote) return undefined;
	// A page that says "not found" itself (or a router that has no route for the path) is enough;
	// an nginx page needs the 404 beside it (a 502 page from nginx is a server error).
	const saysNotFound =
		/40[45]|not found|Cannot (?:POST|GET)|\bno (?:route|listener|handler)\b/i.test(quote);
	const is404 = signals.status === 404 || signals.status === 405 || /\b40[45]\b/.test(signals.text);
	if (!saysNotFound && !is404) return undefined;
	if (signals.status !== undefined && signals.status >= 500) return undefined;
	return {
		confidence: 0.75,
		evidence: evidence(quote, statusEvidence(signals)) ?? [quote],
		explanation:
			'The answer is a web server’s own "not found" page, not an API error: nothing serves the OpenAI API at that address and path. The base URL (host, port or /v1) is wrong.',
		alternatives: [
			{
				id: 'model_not_found',
				why: 'A local server (Ollama, LM Studio) can also answer a bare 404 when the model is not installed.',
			},
		],
	};
}

function azure(signals: Signals): RuleMatch | undefined {
	const notFound = pattern(signals, AZURE_NOT_FOUND);
	if (notFound) {
		return {
			confidence: 0.8,
			evidence: evidence(notFound, statusEvidence(signals)) ?? [notFound],
			explanation:
				'Azure OpenAI answered that no such resource path exists: the endpoint, deployment path or api-version in the URL is wrong (a full …/chat/completions URL given as the endpoint, an extra "/", or a model version used as api-version).',
			fixes: [
				'Use the resource endpoint only (https://<resource>.openai.azure.com/), the deployment name as the model, and a valid api-version such as the one in the Azure portal’s sample code.',
			],
		};
	}
	const token = pattern(signals, AZURE_TOKEN);
	if (token) {
		return {
			confidence: 0.6,
			evidence: evidence(token, statusEvidence(signals)) ?? [token],
			title: 'Azure got the key the OpenAI way',
			explanation:
				'Azure read the Authorization header as a Microsoft Entra ID token and refused it: the client is set up for OpenAI (key as "Bearer …") while the request goes to an Azure endpoint, which takes its key in the api-key header.',
			fixes: [
				'Use the Azure client (AzureOpenAI, createAzure, or the tool’s "Azure OpenAI" provider) so the key goes in the api-key header, or the /openai/v1/ route with the key as api-key.',
			],
			alternatives: [
				{
					id: 'invalid_key',
					why: 'If you do sign in with Entra ID, the token itself expired or was issued for another audience.',
				},
			],
		};
	}
	const denied = pattern(signals, AZURE_DENIED);
	if (!denied) return undefined;
	return {
		confidence: 0.6,
		evidence: evidence(denied, statusEvidence(signals)) ?? [denied],
		explanation:
			'Azure refused the key for this endpoint. Most often the key and the endpoint do not belong together: an OpenAI key sent to an Azure endpoint, a key of another Azure resource or region, or a client configured for Azure by mistake.',
		fixes: [
			'Use the key and endpoint from the same Azure OpenAI resource (Azure portal → Keys and Endpoint); an OpenAI sk-… key only works at api.openai.com.',
		],
		alternatives: [
			{
				id: 'invalid_key',
				why: 'If the endpoint is right, the Azure key itself is wrong or was regenerated.',
			},
		],
	};
}

// A base URL that already ends with the endpoint, as a setting shows it; and an Azure URL with no
// /deployments/<name>/ in its path.
const BASE_WITH_ENDPOINT =
	/\b(?:base_?url|api_?base|openai_(?:api_)?base(?:_url)?|openai_url|baseURL|endpoint)["']?[ \t]*(?:[:=]|设置为|设为)[ \t]*["']?https?:\/\/[^\s"']+\/(?:chat\/completions|completions|responses|embeddings)\b/i;
const AZURE_NO_DEPLOYMENT =
	/\.(?:openai\.azure|cognitiveservices\.azure)\.com\/openai\/(?!deployments\/|v1\/)(?:chat\/completions|completions|embeddings|images|audio|responses)\b/i;

function settingPath(signals: Signals): RuleMatch | undefined {
	const base = pattern(signals, BASE_WITH_ENDPOINT);
	if (base) {
		return {
			confidence: 0.75,
			evidence: [base],
			title: 'The base URL already contains the endpoint',
			explanation:
				'The base URL setting ends with the endpoint path: the client appends the endpoint itself, so the request goes to …/chat/completions/chat/completions (or the server answers with nothing).',
			fixes: ['Set the base URL to the API root ending in /v1, without /chat/completions.'],
		};
	}
	const doubled = pattern(signals, /\/v1\/v1\//);
	if (doubled) {
		return {
			confidence: 0.8,
			evidence: evidence(doubled, statusEvidence(signals)) ?? [doubled],
			title: 'The path has /v1 twice',
			explanation:
				'The request went to …/v1/v1/…: the base URL ends in /v1 and the client (or a gateway) adds /v1 again, so no route matches.',
			fixes: [
				'Drop /v1 from the base URL for this client (or from the gateway’s upstream URL) so that it appears once.',
			],
		};
	}
	const azure = pattern(signals, AZURE_NO_DEPLOYMENT);
	if (!azure) return undefined;
	return {
		confidence: 0.8,
		evidence: [azure],
		explanation:
			'The Azure URL has no /deployments/<name>/ in its path: the client was set up for OpenAI’s paths, not Azure’s, so Azure finds no deployment there.',
		fixes: [
			'Use the Azure client (AzureOpenAI, or the SDK’s Azure option) with the resource endpoint and the deployment name, or the /openai/v1/ route of newer Azure resources.',
		],
	};
}

function unparsable(signals: Signals): RuleMatch | undefined {
	const quote = pattern(signals, UNPARSABLE_URL);
	if (!quote) return undefined;
	return {
		confidence: 0.85,
		evidence: [quote],
		title: 'The base URL is not a full URL',
		explanation:
			'The HTTP client could not use the URL it was given: the base URL has no http:// or https:// in front, is empty, or is not a URL at all (a key or a host name in the base-URL setting), so no request was sent.',
		fixes: [
			'Set the base URL to a full URL with its scheme and /v1, e.g. https://api.openai.com/v1 or http://localhost:11434/v1, or leave it unset for OpenAI.',
		],
	};
}

/**
 * Moonshot (Kimi) runs two platforms, platform.moonshot.cn and platform.moonshot.ai, each with its
 * own keys and API host; a key from one is "Invalid Authentication" at the other, and clients
 * default to one host or the other. Maintainers answer these reports with the host first
 * (tests/fixtures/diagnose rounds 10 and 11).
 */
function platformMismatch(signals: Signals): RuleMatch | undefined {
	if (signals.provider?.kind !== 'moonshot') return undefined;
	const quote = pattern(signals, /\binvalid[_ ]authentication(?:[_ ]error)?\b/i);
	if (!quote) return undefined;
	return {
		confidence: 0.6,
		evidence: evidence(quote, statusEvidence(signals)) ?? [quote],
		title: 'The key and the Moonshot endpoint belong to different platforms',
		explanation:
			'Moonshot (Kimi) has two platforms with separate keys: platform.moonshot.cn (API at api.moonshot.cn) and platform.moonshot.ai (API at api.moonshot.ai). A key sent to the other platform’s host is refused as "Invalid Authentication".',
		fixes: [
			'Send the key to the host of the platform that issued it: https://api.moonshot.cn/v1 for platform.moonshot.cn keys, https://api.moonshot.ai/v1 for platform.moonshot.ai keys (set the base URL, or the provider’s API base setting).',
		],
		alternatives: [
			{
				id: 'invalid_key',
				why: 'If the host already matches the platform that issued the key, the key itself is wrong, disabled or deleted.',
			},
		],
	};
}

export const baseUrlRule: Rule = {
	id: 'wrong_base_url',
	name: 'base-url',
	match: (signals) =>
		platformMismatch(signals) ??
		echoedPath(signals) ??
		azure(signals) ??
		settingPath(signals) ??
		unparsable(signals) ??
		notAnApi(signals),
};

/**
 * The OpenAI Agents SDK uploads traces to api.openai.com with the default OpenAI key whatever model
 * provider the agent uses, so another provider's key comes back as "Tracing client error 401"
 * while the run itself works (openai-agents-python docs, Models → "Tracing client error 401").
 */
const TRACE_UPLOAD = /\bTracing client error 401\b/i;

export const traceUploadRule: Rule = {
	id: 'wrong_base_url',
	name: 'trace-upload',
	match(signals) {
		const quote = pattern(signals, TRACE_UPLOAD);
		if (!quote) return undefined;
		return {
			confidence: 0.85,
			evidence: evidence(quote, statusEvidence(signals)) ?? [quote],
			title: 'Traces went to OpenAI with a key that is not an OpenAI key',
			explanation:
				'The OpenAI Agents SDK uploads traces to api.openai.com, with the OpenAI key it finds, whichever provider runs the model. With another provider’s key (or none) the upload fails with 401; the agent’s own calls are not affected.',
			fixes: [
				'Turn tracing off (`set_tracing_disabled(True)`, or OPENAI_AGENTS_DISABLE_TRACING=1), or give tracing a real OpenAI key with `set_tracing_export_api_key(...)`.',
			],
		};
	},
};
