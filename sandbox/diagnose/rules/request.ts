/** The request itself is wrong: URL, parameters, size. The key is fine. */
import type { Rule } from '../types.ts';
import { textRule } from './text-rule.ts';

// A request that names an object that does not exist: "No such File object: file-…", "Item with
// id 'rs_…' not found", "No thread found with id 'thread_…'". The route is right; the id is not.
const MISSING_OBJECT =
	/\bNo such \w+(?: \w+)? object\b|\bwith id '[\w-]{3,80}' not found\b|\bNo \w+ found with id\b/;
// OpenAI's parameter errors name the parameter first: "Invalid 'tools[0].function.name': …",
// "Unknown parameter: 'input[1].status'"; the Responses API's also name it in backticks ("Items
// are not persisted when `store` is set to false") or name an input item's type ("Item '…' of
// type 'reasoning' was provided without its required following item").
const NAMED_PARAMETER =
	/\bInvalid (?:\w+ )?'[\w.[\]-]{1,80}':|\bUnknown parameter: '|\bmissing required '|\bwhen `\w+` is set to\b|\bof type '\w+' was provided without\b/;
// A server's own log of a body it could not parse: "Received request for /v1/chat with invalid
// JSON: Expected ',' …" (LM Studio). Not a client that could not parse the server's answer.
const UNPARSABLE_BODY = /\brequest\b[^\n]{0,60}\bwith invalid JSON\b/i;

// 413 Payload Too Large: OpenAI's body for it says `"type": "server_error"` ("Maximum content
// size limit (26214400) exceeded"), but the status and the words say the request was too big: an
// upload over the 25 MB limit of the audio endpoints, or a body a proxy would not take.
export const tooLargeRule: Rule = textRule('bad_request', 'too-large', {
	when: (signals) => signals.status === undefined || signals.status === 413,
	types: ['request_too_large'],
	phrases: [
		'maximum content size limit',
		'request entity too large',
		'payload too large',
		'content too large',
	],
	refine: () => ({
		title: 'The request is larger than the server accepts',
		explanation:
			'The server refused the request for its size (413), before any model read it: most often an audio file over the 25 MB upload limit of the transcription endpoints, or a body over a proxy’s limit. Retrying the same request cannot succeed.',
		fixes: [
			'Split or compress the file (audio: a lower bitrate, or chunks of under 25 MB) and send the parts one by one.',
			'If a proxy or gateway sits in front of the API, raise its body size limit (nginx: client_max_body_size).',
		],
	}),
});

// 424 Failed Dependency: the Responses API could not reach a remote MCP server the request named
// (`tools: [{ type: "mcp", server_url }]`). OpenAI's servers call that URL themselves, so a server
// on localhost or a private network is out of their reach (openai-dotnet#486, agentgateway#383).
export const hostedToolRule: Rule = textRule('other', 'hosted-tool', {
	when: (signals) => signals.status === undefined || signals.status === 424,
	regex: /\bError retrieving tool list from MCP server\b|\b424\b[^\n]{0,20}\bFailed Dependency\b/i,
	refine: () => ({
		title: 'OpenAI could not reach the MCP server the request named',
		explanation:
			'The request gave the model a remote MCP tool, and OpenAI’s servers could not list its tools (424 Failed Dependency). OpenAI calls the server_url itself, from its own network: a server on localhost, a private network or behind a login it lacks cannot answer. The key and the model are fine.',
		fixes: [
			'Serve the MCP server at a public HTTPS URL (deploy it, or expose it through a tunnel such as ngrok or cloudflared) and put that URL in server_url.',
			'If the server needs a token, pass it in the tool’s headers (or authorization) so OpenAI can send it.',
		],
		retryable: false,
	}),
});

export const badRequestRule: Rule = textRule('bad_request', 'bad-request', {
	// Any other error of type invalid_request_error that is not an auth, quota or route error.
	types: ['invalid_request_error'],
	// A 404 counts when its body names a parameter or a missing object: the route exists, the
	// request is wrong for it ("This is a chat model and not supported in the v1/completions
	// endpoint", param "model").
	when: (signals) =>
		signals.status === undefined ||
		signals.status === 400 ||
		signals.status === 422 ||
		(signals.status === 404 && (signals.params.length > 0 || MISSING_OBJECT.test(signals.text))),
	codes: [
		'context_length_exceeded',
		'invalid_value',
		'unsupported_parameter',
		'unsupported_value',
		'missing_required_parameter',
		'invalid_type',
		'string_above_max_length',
		'content_policy_violation',
		'invalid_image',
		'invalid_json',
		'invalid_request_body',
		// Azure's code when a model does not serve this operation (chat vs responses).
		'operationnotsupported',
	],
	regex: new RegExp(
		`${NAMED_PARAMETER.source}|${MISSING_OBJECT.source}|${UNPARSABLE_BODY.source}`,
		'i',
	),
	phrases: [
		'maximum context length',
		'must provide a model parameter',
		'unrecognized request argument',
		'missing required parameter',
		'additional properties are not allowed',
		'could not parse the json body',
		// OpenAI's range checks ("14 is greater than the maximum of 1 - 'top_p'").
		'is greater than the maximum of',
		'is less than the minimum of',
		// An image or file URL in the request that OpenAI could not fetch (its "Upstream status
		// code" is the file host's, not OpenAI's).
		'error while downloading',
		'is not a valid',
		'invalid type for',
		'unsupported parameter',
		'rejected as a result of our safety system',
		'is too long',
		'is not of type',
		'is a required property',
		'type expected',
		'invalid value:',
		'invalid schema',
		"must contain the word 'json'",
		'is not supported with this model',
		'not supported in ',
		'does not match pattern',
		'does not work with the specified model',
		'max_completion_tokens',
		'maxcompletiontokens',
		'does not support',
		'expected type',
		'apiremovedinv1',
		'no longer supported in openai>=1.0.0',
		"must provide an 'engine'",
		// OpenAI's order rule for tool results, and its older JSON-schema check of the body.
		'must be followed by tool messages',
		'is not valid under any of the given schemas',
		// Servers written in Rust (axum: DeepSeek and others) reject a body that does not fit.
		'failed to deserialize the json body',
		// LiteLLM refuses a parameter the model does not take before sending anything.
		'unsupportedparamserror',
	],
	refine: (signals) =>
		/apiremovedinv1|no longer supported in openai>=1/i.test(signals.text)
			? {
					title: 'Code written for the old openai SDK (before 1.0)',
					fixes: [
						'Use the 1.x client: `client = OpenAI()` then `client.chat.completions.create(...)`, or pin `openai==0.28` (run `openai migrate` to convert old code).',
					],
				}
			: /maximum context length|context_length_exceeded/i.test(signals.text)
				? {
						title: 'The input is longer than the model’s context window',
						fixes: [
							'Send fewer or shorter messages (trim history, summarise), lower max_tokens, or use a model with a larger context.',
						],
					}
				: /must provide a model parameter/i.test(signals.text)
					? {
							// The client sent a model, yet the body arrived without one (rounds 1 to 17:
							// two such reports each were a bad body, a base URL, a damaged key).
							alternatives: [
								{
									id: 'wrong_base_url',
									why: 'A base URL with a trailing slash or an old path is redirected, and clients that follow a redirect resend the request without its body.',
								},
								{
									id: 'malformed_key',
									why: 'A key with a newline or a space in it breaks the request tools build from it (a curl command), body included.',
								},
							],
						}
					: /could not parse the json body/i.test(signals.text)
						? {
								alternatives: [
									{
										id: 'malformed_key',
										why: 'Tools that build a curl command with the key in it (editor plugins, shell scripts) send a mangled body when the key ends with a newline or a space: check the key value for trailing whitespace.',
									},
								],
							}
						: signals.params.length > 0
							? {
									fixes: [
										`The parameter at fault is "${signals.params[0]}": check its type and allowed values for this endpoint and model in the API reference.`,
									],
								}
							: {},
});
