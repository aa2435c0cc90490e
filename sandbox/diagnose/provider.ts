/**
 * Whose error is it? People paste errors from OpenRouter, Azure OpenAI, local servers (Ollama,
 * LM Studio) and relays that speak the OpenAI format. The fix then involves *their* key, base URL
 * and billing, not OpenAI's. Decided from the URL that was called first, then from markers that
 * only that provider's bodies or wrappers carry.
 */
import { hostOf } from './fields.ts';
import type { ProviderInfo } from './types.ts';

/** What to tell a person about a provider: its key, its base URL, where its credit lives. */
export interface ProviderProfile {
	name: string;
	key: string;
	baseUrl?: string;
	billing?: string;
	models?: string;
}

export const providerProfiles: Record<string, ProviderProfile> = {
	openrouter: {
		name: 'OpenRouter',
		key: 'an OpenRouter key (sk-or-v1-…)',
		baseUrl: 'https://openrouter.ai/api/v1',
		billing: 'https://openrouter.ai/settings/credits',
		models: 'OpenRouter model ids look like openai/gpt-4o (vendor/model)',
	},
	azure: {
		name: 'Azure OpenAI',
		key: 'the key of your Azure OpenAI resource (Keys and Endpoint in the Azure portal)',
		baseUrl: 'https://<resource>.openai.azure.com with the api-version your deployment supports',
		models: 'on Azure the "model" is your deployment name',
	},
	local: {
		name: 'a local server',
		key: 'whatever key the local server expects (often any non-empty string)',
		baseUrl: 'the server’s own /v1 root, e.g. http://localhost:11434/v1 for Ollama',
		models: 'the model must be installed on that server (ollama pull <model>)',
	},
	relay: {
		name: 'a relay or proxy service',
		key: 'the key that relay issued you',
		baseUrl: 'the relay’s own /v1 URL from its documentation',
		billing: 'the relay’s own dashboard',
	},
	anthropic: { name: 'Anthropic', key: 'an Anthropic key (sk-ant-…)' },
	google: { name: 'Google (Gemini)', key: 'a Google AI Studio or Vertex key' },
	groq: { name: 'Groq', key: 'a Groq key (gsk_…)', baseUrl: 'https://api.groq.com/openai/v1' },
	deepseek: { name: 'DeepSeek', key: 'a DeepSeek key', baseUrl: 'https://api.deepseek.com' },
	moonshot: {
		name: 'Moonshot (Kimi)',
		key: 'a Moonshot key',
		baseUrl:
			'https://api.moonshot.cn/v1 for a key from platform.moonshot.cn, https://api.moonshot.ai/v1 for a key from platform.moonshot.ai',
	},
	dashscope: { name: 'Alibaba DashScope', key: 'a DashScope key' },
	mistral: { name: 'Mistral', key: 'a Mistral key', baseUrl: 'https://api.mistral.ai/v1' },
};

const HOSTS: [RegExp, string][] = [
	[/(?:^|\.)openrouter\.ai$/, 'openrouter'],
	[
		/\.openai\.azure\.com$|\.cognitiveservices\.azure\.com$|\.azure-api\.net$|\.services\.ai\.azure\.com$/,
		'azure',
	],
	[
		/^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+)$/,
		'local',
	],
	[/(?:^|\.)anthropic\.com$/, 'anthropic'],
	[/googleapis\.com$/, 'google'],
	[/(?:^|\.)groq\.com$/, 'groq'],
	[/(?:^|\.)deepseek\.com$/, 'deepseek'],
	[/moonshot\.(?:cn|ai)$/, 'moonshot'],
	[/aliyuncs\.com$/, 'dashscope'],
	[/(?:^|\.)mistral\.ai$/, 'mistral'],
];

// Markers in bodies and wrapper names, most specific first. Each is a shape only that provider
// produces, not a single sentence: wrapper class names, body field layouts, request-id formats.
const MARKERS: [RegExp, string, string][] = [
	[
		/OpenrouterException|openrouter\.ai\/settings|"provider_name"|'provider_name'/i,
		'openrouter',
		'an OpenRouter body or wrapper',
	],
	[
		/No (?:cookie )?auth credentials found/i,
		'openrouter',
		'OpenRouter’s "No auth credentials found" body',
	],
	[
		/AzureException|AzureOpenAIError|Azure\.RequestFailedException|apim-request-id|azure support request|Access denied due to invalid subscription key|DeploymentNotFound/i,
		'azure',
		'an Azure OpenAI body or wrapper',
	],
	[
		/\{\s*["']error["']\s*:\s*\{\s*["']code["']\s*:\s*["']404["']\s*,\s*["']message["']\s*:\s*["']\s*Resource not found/i,
		'azure',
		'Azure’s {"code":"404","message":"Resource not found"} body',
	],
	[
		/try pulling it first|\bollama\b|:11434\b|LM Studio/i,
		'local',
		'an Ollama / local server message',
	],
	[/docs\.anthropic\.com|\banthropic\b/i, 'anthropic', 'an Anthropic body'],
	[
		/"status"\s*:\s*"(?:UNAVAILABLE|RESOURCE_EXHAUSTED|PERMISSION_DENIED|INVALID_ARGUMENT)"|'status': '(?:UNAVAILABLE|RESOURCE_EXHAUSTED|PERMISSION_DENIED|INVALID_ARGUMENT)'|generativelanguage|\bgemini\b/i,
		'google',
		'a Google API body',
	],
	[
		/\[moonshot\]|MoonshotException|invalid_authentication_error/i,
		'moonshot',
		'a Moonshot body or wrapper',
	],
	// one-api / new-api relays append their own "(request id: 2024…)" to the upstream message.
	[
		/\(request id: \d{20,}\)|\(request id: [^)]{8,}\)[^()]{0,4}\(request id:/i,
		'relay',
		'a relay’s "(request id: …)" suffix',
	],
];

// A URL in a sentence ("You can obtain an API key from https://console.x.ai") only names a host;
// after a method, "url", "for url" or "at" it is where the request went.
function howNamed(text: string, url: string, host: string): string {
	const at = text.indexOf(url);
	const before = at < 0 ? '' : text.slice(Math.max(0, at - 24), at);
	return /(?:\b(?:POST|GET|PUT|PATCH|DELETE)|\burl|\bat|\bto|fetch at|request to)\W{0,4}$/i.test(
		before,
	)
		? `the request went to ${host}`
		: `the error names ${host}`;
}

/** Whose error it is, or undefined when it looks like OpenAI's own (or nothing says). */
export function detectProvider(text: string, urls: readonly string[]): ProviderInfo | undefined {
	for (const url of urls) {
		const host = hostOf(url);
		if (!host) continue;
		if (host === 'api.openai.com' || host.endsWith('.openai.com')) return undefined;
		for (const [pattern, kind] of HOSTS) {
			if (pattern.test(host)) {
				return { kind, name: providerProfiles[kind].name, evidence: howNamed(text, url, host) };
			}
		}
	}
	for (const [pattern, kind, why] of MARKERS) {
		if (pattern.test(text)) return { kind, name: providerProfiles[kind].name, evidence: why };
	}
	// A called host that is none of the above: some other OpenAI-compatible service or a relay.
	const url = urls.find((candidate) => hostOf(candidate) !== undefined);
	const other = url ? hostOf(url) : undefined;
	if (url && other && !/openai\.com$/.test(other)) {
		return {
			kind: 'relay',
			name: `the service at ${other}`,
			evidence: howNamed(text, url, other),
		};
	}
	return undefined;
}
