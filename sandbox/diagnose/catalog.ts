/**
 * The generic text of each cause: title, explanation, fixes, lesson, retryability. Rules may
 * override parts of it for a more specific case (a masked key that shows quotes, a typo'd model).
 */
import type { LessonSlug } from '../course.ts';
import type { DiagnosisId } from './types.ts';

export interface CatalogEntry {
	title: string;
	explanation: string;
	fixes: string[];
	retryable: boolean;
	lesson: LessonSlug;
	/**
	 * What a person can check that is true when this is the cause: the choices of the follow-up
	 * question asked when the pasted text fits more than one cause (follow-up.ts).
	 */
	sign: string;
}

const keyLesson = 'troubleshooting/key-does-not-work';
const permissionsLesson = 'troubleshooting/permissions-and-projects';
const newKey = 'Create a new secret key at https://platform.openai.com/api-keys and copy it whole.';

/** One entry per diagnosis id. */
export const catalog: Record<DiagnosisId, CatalogEntry> = {
	missing_key: {
		title: 'No API key was sent',
		explanation:
			'The request reached the API (or the SDK refused to send it) without an API key: the variable holding the key was not set, not loaded, or not passed to the client.',
		fixes: [
			'Set OPENAI_API_KEY in the environment the program actually runs in (restart the terminal or server after changing it).',
			'If you keep it in a .env file, load it before creating the client (e.g. `dotenv`, `python-dotenv`, `node --env-file=.env`).',
			'Send it as `Authorization: Bearer <key>`; if a tool adds "Bearer " itself, paste only the key.',
		],
		retryable: false,
		lesson: keyLesson,
		sign: 'The program does not get the key: printing whether OPENAI_API_KEY is set, right where the client is created, shows it empty or missing.',
	},
	malformed_key: {
		title: 'The key value is damaged',
		explanation:
			'The value sent as the key is not a whole OpenAI secret key: it carries extra characters (whitespace, quotes, a prefix, a URL), is a placeholder or unexpanded variable, is cut short, or is not an OpenAI key at all.',
		fixes: [
			'Print the length and first/last characters of the key your program really uses (never the whole key) and compare with what you expect.',
			'Remove quotes, spaces, newlines, `Bearer ` and `OPENAI_API_KEY=` from the value; in .env write `OPENAI_API_KEY=sk-...` with nothing else.',
			newKey,
		],
		retryable: false,
		lesson: keyLesson,
		sign: 'The key the program uses is not exactly the one on the platform: printing its length and first and last four characters shows quotes, spaces, a prefix, a placeholder, or a shorter key.',
	},
	invalid_key: {
		title: 'OpenAI does not recognise this key',
		explanation:
			'The key looks like a key but OpenAI has no such active key: it was deleted, mistyped, belongs to another provider or reseller, or an older value is still cached somewhere.',
		fixes: [
			'Check the key is listed (and active) at https://platform.openai.com/api-keys; if not, create a new one.',
			'If the key came from another provider or a reseller, set the client base URL to that provider instead of api.openai.com.',
			'Look for an older key still set elsewhere (shell profile, system environment, IDE run configuration, a stale .env).',
		],
		retryable: false,
		lesson: keyLesson,
		sign: 'The key is not listed at https://platform.openai.com/api-keys (deleted, or from another account), or it came from another service or a reseller.',
	},
	revoked_key: {
		title: 'The key or its account was revoked or deactivated',
		explanation:
			'OpenAI recognised the key but the key, its account or its access has been revoked, deactivated or terminated. No change in your code can fix this.',
		fixes: [
			'Sign in at https://platform.openai.com and check the account and organization status.',
			'If the account is active, create a new key; if it is deactivated or terminated, contact https://help.openai.com.',
		],
		retryable: false,
		lesson: keyLesson,
		sign: 'The platform shows the account, organization or key as deactivated, or OpenAI emailed about it.',
	},
	wrong_organization: {
		title: 'The organization does not match the key',
		explanation:
			'The request named an organization (OpenAI-Organization header, OPENAI_ORG_ID, `organization=`) that this key does not belong to, or the account belongs to no organization.',
		fixes: [
			'Remove the organization setting (OPENAI_ORG_ID / `organization`) or set it to the org id shown at https://platform.openai.com/settings/organization/general.',
			'Make sure the key was created in that same organization.',
		],
		retryable: false,
		lesson: permissionsLesson,
		sign: 'The program sets an organization (OPENAI_ORG_ID, `organization=`, an OpenAI-Organization header).',
	},
	wrong_project: {
		title: 'The project does not match the key',
		explanation:
			'The request named a project (OpenAI-Project header, OPENAI_PROJECT_ID) that differs from the project this key belongs to.',
		fixes: [
			'Remove OPENAI_PROJECT_ID / the `project` option, or set it to the project the key was created in.',
			'Or create a key inside the project you want to use.',
		],
		retryable: false,
		lesson: permissionsLesson,
		sign: 'The program sets a project (OPENAI_PROJECT_ID, `project=`, an OpenAI-Project header).',
	},
	missing_scopes: {
		title: 'The key lacks a permission this call needs',
		explanation:
			'The key is valid but restricted: it (or your role in the project) does not grant the scope this endpoint needs. OpenAI reports this as 401 on model calls and 403 on some others.',
		fixes: [
			'Edit the key at https://platform.openai.com/api-keys and give it the missing permission (or "All").',
			'Check your role in the organization and project (Reader cannot write).',
		],
		retryable: false,
		lesson: permissionsLesson,
		sign: 'The key is restricted: its permissions at https://platform.openai.com/api-keys are "Restricted" or "Read only", or your project role is Reader.',
	},
	unsupported_region: {
		title: 'Request from an unsupported country or region',
		explanation:
			'OpenAI refused the request because of where it came from. The check uses the exit IP: a cloud region, VPN or proxy counts, not only where you are.',
		fixes: [
			'Run the code from a supported location (see https://platform.openai.com/docs/supported-countries); check your VPN, proxy and the region of your server or serverless function.',
		],
		retryable: false,
		lesson: permissionsLesson,
		sign: 'The program runs in a country OpenAI does not serve, or goes out through a VPN, proxy or cloud region there.',
	},
	model_not_found: {
		title: 'The model does not exist or this key cannot use it',
		explanation:
			'The model name is wrong, retired, or not available to this project or account (a project model allowlist returns 403, an unknown model 404).',
		fixes: [
			'Check the spelling against GET /v1/models with this key (or https://platform.openai.com/docs/models).',
			'In the project settings, allow the model under "Limits → Model usage", or use a model your tier has access to.',
		],
		retryable: false,
		lesson: 'troubleshooting/model-not-found',
		sign: 'The model is not listed by GET /v1/models for this key, or it was renamed or retired.',
	},
	organization_not_verified: {
		title: 'Your organization must be verified for this model or feature',
		explanation:
			'The key works, but OpenAI only allows this model (or streaming it) for organizations that completed verification: the newest reasoning and image models answer 403, or 400 with param "stream" and code unsupported_value when streaming. Nothing is wrong with the key or the code.',
		fixes: [
			'An organization owner verifies the organization at https://platform.openai.com/settings/organization/general ("Verify Organization"); access can take up to 15 minutes to arrive after verification.',
			'Until then, call the model without streaming (stream: false) if only streaming is refused, or use a model that does not need verification.',
			'Make sure the key belongs to the organization that was verified (an OPENAI_ORG_ID or a key from another organization keeps failing).',
		],
		retryable: false,
		lesson: permissionsLesson,
		sign: 'The model is one of the newest (reasoning or image models) and the organization has not completed verification.',
	},
	insufficient_quota: {
		title: 'Out of credits or over the spend limit',
		explanation:
			'The account, organization or project has no credit left or hit its spend limit. It arrives as 429 / RateLimitError (400 on the Images API) but it is a billing problem: waiting does not fix it, and the SDK retries only delay the error.',
		fixes: [
			'Add credits or a payment method at https://platform.openai.com/settings/organization/billing.',
			'A ChatGPT subscription (Plus, Pro, a workspace) does not pay for the API: the two are billed separately, so API calls need credit on the platform billing page even when ChatGPT works.',
			'Raise the organization or project monthly spend limit if it was reached.',
			'New credits can take a few minutes to apply; a key from a different organization will not share them.',
		],
		retryable: false,
		lesson: 'troubleshooting/billing-and-quota',
		sign: 'The account has no credit left: its API credit ran out, or it reached its budget (https://platform.openai.com/settings/organization/billing shows it).',
	},
	billing_not_active: {
		title: 'Billing is not active on this account',
		explanation:
			'The account has no active billing (no payment method, an expired trial, or a failed payment). It arrives as 429 but retrying does not help.',
		fixes: [
			'Set up or fix the payment method at https://platform.openai.com/settings/organization/billing, then buy credit there: API usage is paid in advance.',
			'A ChatGPT subscription does not count: the API is billed separately, on the platform billing page.',
		],
		retryable: false,
		lesson: 'troubleshooting/billing-and-quota',
		sign: 'API billing was never set up (no payment method or credit on platform.openai.com; a ChatGPT subscription does not count), or its last payment failed.',
	},
	rate_limit: {
		title: 'Rate limit reached',
		explanation:
			'Too many requests or tokens in the current window for this model and organization. The request is fine; it must be sent later or more slowly.',
		fixes: [
			'Retry with exponential backoff (the SDKs retry twice by default; raise maxRetries) and respect retry-after.',
			'Send fewer or smaller requests: batch, cache, lower max_tokens, or queue them.',
			'Check your limits at https://platform.openai.com/settings/organization/limits; limits rise with your usage tier.',
		],
		retryable: true,
		lesson: 'troubleshooting/rate-limits',
		sign: 'Many requests (or very long ones) went out in a short time, and the same request works when sent again slowly.',
	},
	server_error: {
		title: 'OpenAI had a server error',
		explanation:
			'The failure was on OpenAI’s side (or its Cloudflare edge), not in your key or request.',
		fixes: [
			'Retry with exponential backoff; check https://status.openai.com.',
			'If it persists, contact support with the request id.',
		],
		retryable: true,
		lesson: 'troubleshooting/rate-limits',
		sign: 'The same request worked before and works again a few minutes later, or https://status.openai.com shows an incident.',
	},
	overloaded: {
		title: 'OpenAI is overloaded',
		explanation: 'The servers (or this model) are at capacity right now. Your request is fine.',
		fixes: [
			'Retry with a longer exponential backoff; check https://status.openai.com.',
			'Consider a less busy model for the moment.',
		],
		retryable: true,
		lesson: 'troubleshooting/rate-limits',
		sign: 'The error names capacity or overload, and the same request works again later; https://status.openai.com may show it.',
	},
	bad_request: {
		title: 'The request itself is wrong',
		explanation:
			'OpenAI understood the key but rejected the request: a wrong URL or base URL, a missing or invalid parameter, or input too long for the model.',
		fixes: [
			'Read the error message: it names the parameter or the URL at fault.',
			'Set base URL to https://api.openai.com/v1 (not a full endpoint such as …/chat/completions).',
		],
		retryable: false,
		lesson: 'using/first-call',
		sign: 'Other calls with the same key and settings work; this one sends other parameters, a long input, or an unusual file.',
	},
	wrong_base_url: {
		title: 'The request went to the wrong URL (base URL)',
		explanation:
			'The client sent the request somewhere other than where the key belongs: a base URL without /v1, with the endpoint appended twice, a mistyped host, an Azure or relay endpoint given an OpenAI key, or an OpenRouter, Azure or relay key that reached api.openai.com because the base URL was not set or was ignored.',
		fixes: [
			'For OpenAI, leave the base URL unset or set it to exactly https://api.openai.com/v1; never a full endpoint like …/v1/chat/completions (the SDK adds the path itself).',
			'Use each key with its own service: an OpenRouter, Azure or relay key needs that service’s base URL, and an OpenAI key only works at api.openai.com.',
			'Print the base URL your client really uses (OPENAI_BASE_URL, `baseURL`, `base_url`, `api_base`): an old environment variable or an outdated SDK (openai<1.0 ignores `base_url`) can override it.',
		],
		retryable: false,
		lesson: 'troubleshooting/network-and-cors',
		sign: 'The client sends to a server other than https://api.openai.com/v1 (a base URL, proxy, relay, Azure, OpenRouter or a local server), or the base URL set differs from the one that service documents.',
	},
	network_error: {
		title: 'The request never reached OpenAI',
		explanation:
			'A connection, DNS, proxy, TLS or timeout failure happened before any answer came back, so the key was never checked.',
		fixes: [
			'Check that https://api.openai.com is reachable from this machine (`curl -I https://api.openai.com/v1/models`).',
			'Behind a proxy, set HTTPS_PROXY correctly; behind a TLS-inspecting firewall, give the client your corporate CA bundle (SSL_CERT_FILE / NODE_EXTRA_CA_CERTS).',
			'Increase the timeout for long requests.',
		],
		retryable: true,
		lesson: 'troubleshooting/network-and-cors',
		sign: 'From the same machine, `curl -I https://api.openai.com/v1/models` fails or hangs (a proxy, firewall, DNS or TLS problem).',
	},
	cors_blocked: {
		title: 'The browser blocked the call (CORS)',
		explanation:
			'A web page called the API and the browser hid the answer. Often the URL is wrong (a route with no CORS headers), and calling OpenAI from a page also exposes your key to every visitor.',
		fixes: [
			'Call OpenAI from your server (or a serverless function) and let the page call your server.',
			'Check the URL: https://api.openai.com/v1/<endpoint>.',
		],
		retryable: false,
		lesson: 'troubleshooting/network-and-cors',
		sign: 'The call is made by a web page in the browser, and the browser console shows a CORS message.',
	},
	other: {
		title: 'Not recognised',
		explanation:
			'This does not match a known OpenAI key or API failure. Paste the full error, including the status code and the JSON body if there is one: the body’s error.message and error.code usually name the cause.',
		fixes: [
			'Include the whole error output (status, body, SDK class name).',
			'Run the live key check to test the key directly.',
		],
		retryable: false,
		lesson: 'troubleshooter',
		sign: 'None of these fits.',
	},
};
