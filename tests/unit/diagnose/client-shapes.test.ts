import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../sandbox/diagnose/index.ts';
import type { DiagnosisId } from '../../../sandbox/diagnose/index.ts';

// How each language's client prints the same API failures (written for the rules from the
// clients' source and docs, not real reports: those live in tests/fixtures/diagnose). Each line is
// a shape the rules must read without a phrase list for that client.
const shapes: [DiagnosisId, string][] = [
	[
		'invalid_key',
		'POST "https://api.openai.com/v1/chat/completions": 401 Unauthorized {"message":"Incorrect API key provided: sk-proj-********************************************************************************************************************************************************abcd. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}',
	],
	[
		'insufficient_quota',
		'POST "https://api.openai.com/v1/chat/completions": 429 Too Many Requests {"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}',
	],
	['invalid_key', 'retrofit2.adapter.rxjava2.HttpException: HTTP 401 '],
	['rate_limit', 'retrofit2.HttpException: HTTP 429 '],
	[
		'insufficient_quota',
		'com.theokanning.openai.OpenAiHttpException: You exceeded your current quota, please check your plan and billing details.',
	],
	[
		'invalid_key',
		'org.springframework.ai.retry.NonTransientAiException: 401 - {\n    "error": {\n        "message": "Incorrect API key provided: sk-abc12***************************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.",\n        "type": "invalid_request_error",\n        "param": null,\n        "code": "invalid_api_key"\n    }\n}',
	],
	[
		'wrong_base_url',
		'Azure.RequestFailedException: Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.\nStatus: 401 (PermissionDenied)',
	],
	[
		'rate_limit',
		'Azure.RequestFailedException: Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.\nStatus: 429 (Too Many Requests)\nErrorCode: 429',
	],
	['rate_limit', 'Faraday::TooManyRequestsError (the server responded with status 429)'],
	['invalid_key', 'Faraday::UnauthorizedError: the server responded with status 401'],
	[
		'rate_limit',
		'429 Client Error: Too Many Requests for url: https://api.openai.com/v1/chat/completions',
	],
	[
		'invalid_key',
		'401 Client Error: Unauthorized for url: https://api.openai.com/v1/chat/completions',
	],
	[
		'missing_key',
		"AI_LoadAPIKeyError: OpenAI API key is missing. Pass it using the 'apiKey' parameter or the OPENAI_API_KEY environment variable.",
	],
	[
		'invalid_key',
		"litellm.AuthenticationError: AuthenticationError: OpenAIException - Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc12***************************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
	],
	[
		'network_error',
		'Reqwest(reqwest::Error { kind: Request, url: Url { scheme: "https", host: Some(Domain("api.openai.com")), port: None, path: "/v1/chat/completions" }, source: hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })) })',
	],
	[
		'insufficient_quota',
		'APIErrorResponse(error: OpenAI.APIError(message: "You exceeded your current quota, please check your plan and billing details.", type: "insufficient_quota", param: nil, code: "insufficient_quota"))',
	],
	[
		'invalid_key',
		'{:error, %{"error" => %{"code" => "invalid_api_key", "message" => "Incorrect API key provided: sk-abc12***************************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.", "param" => nil, "type" => "invalid_request_error"}}}',
	],
	[
		'rate_limit',
		'RequestFailedException(message: Rate limit reached for default-gpt-3.5-turbo in organization org-abc on requests per min. Limit: 3 / min. Please try again in 20s., statusCode: 429)',
	],
	[
		'network_error',
		"openai.error.APIConnectionError: Error communicating with OpenAI: HTTPSConnectionPool(host='api.openai.com', port=443): Max retries exceeded with url: /v1/chat/completions (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))",
	],
	[
		'network_error',
		'System.Net.Http.HttpRequestException: No such host is known. (api.openai.com:443)',
	],
	['network_error', 'java.net.SocketTimeoutException: timeout'],
	[
		'network_error',
		'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
	],
	[
		'network_error',
		'Post "https://api.openai.com/v1/chat/completions": dial tcp: lookup api.openai.com: no such host',
	],
	[
		'network_error',
		'Post "https://api.openai.com/v1/chat/completions": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
	],
	[
		'network_error',
		'cURL error 28: Operation timed out after 30001 milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://api.openai.com/v1/chat/completions',
	],
	[
		'network_error',
		'cURL error 60: SSL certificate problem: unable to get local issuer certificate',
	],
	[
		'model_not_found',
		'Error: 404 The model `gpt-4` does not exist or you do not have access to it. Learn more: https://help.openai.com/en/articles/7102672-how-can-i-access-gpt-4.',
	],
	[
		'model_not_found',
		"openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model `text-davinci-003` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
	],
	[
		'model_not_found',
		'{"error":{"message":"deepseek/deepseek-r2 is not a valid model ID","code":400}}',
	],
	['model_not_found', "model 'llama3' not found, try pulling it first"],
	[
		'bad_request',
		"Error code: 400 - {'error': {'message': \"Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.\", 'type': 'invalid_request_error', 'param': 'tools[0].function.name', 'code': 'invalid_value'}}",
	],
	[
		'bad_request',
		"Error code: 400 - {'error': {'message': \"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_abc\", 'type': 'invalid_request_error', 'param': 'messages.[3].role', 'code': None}}",
	],
	[
		'bad_request',
		"Error code: 400 - {'error': {'message': \"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.\", 'type': 'invalid_request_error', 'param': None, 'code': None}}",
	],
	[
		'bad_request',
		'Error: 400 Your input image may contain content that is not allowed by our safety system.',
	],
	[
		'bad_request',
		"openai.BadRequestError: Error code: 400 - {'error': {'message': 'Invalid prompt: your prompt was flagged as potentially violating our usage policy.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_prompt'}}",
	],
	[
		'server_error',
		'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error. (Please include the request ID req_abc in your email.)',
	],
	[
		'overloaded',
		"openai.APIStatusError: Error code: 503 - {'error': {'message': 'The engine is currently overloaded, please try again later', 'type': 'server_error'}}",
	],
	[
		'server_error',
		"openai.InternalServerError: Error code: 502 - {'error': {'code': 502, 'message': 'Bad gateway.', 'param': None, 'type': 'cf_bad_gateway'}}",
	],
	[
		'network_error',
		'openai.APITimeoutError: Request timed out.\nhttpx.ReadTimeout: The read operation timed out',
	],
	[
		'wrong_base_url',
		"openai.APIConnectionError: Connection error.\nhttpx.UnsupportedProtocol: Request URL is missing an 'http://' or 'https://' protocol.",
	],
	[
		'insufficient_quota',
		'Error code: 402 - {"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}',
	],
	[
		'invalid_key',
		"Error code: 401 - {'error': {'message': 'Authentication Fails (no such user)', 'type': 'authentication_error', 'param': None, 'code': 'invalid_request_error'}}",
	],
	[
		'invalid_key',
		'{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}',
	],
	[
		'rate_limit',
		"Error code: 429 - {'error': {'message': 'Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_abc` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 5000, Requested 2000. Please try again in 10s.', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}",
	],
	[
		'missing_key',
		"openai.AuthenticationError: Error code: 401 - {'error': {'message': \"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.\", 'type': 'invalid_request_error', 'param': None, 'code': None}}",
	],
	[
		'revoked_key',
		"Error code: 401 - {'error': {'message': 'Your account has been deactivated. Please contact us through our help center at help.openai.com if you need assistance.', 'type': 'invalid_request_error', 'param': None, 'code': 'account_deactivated'}}",
	],
	['network_error', 'Error: socket hang up'],
	['network_error', 'Error: Premature close'],
	['network_error', 'UND_ERR_SOCKET other side closed'],
	['network_error', 'Failed to fetch'],
	['server_error', 'Error: 500 status code (no body)'],
	['overloaded', 'Error: 503 status code (no body)'],
	['invalid_key', 'Error: 401 status code (no body)'],
	[
		'network_error',
		'Error: Connection error.\n    at OpenAI.makeRequest (node_modules/openai/core.mjs:316:19)\n  [cause]: FetchError: request to https://api.openai.com/v1/chat/completions failed, reason: unable to get local issuer certificate',
	],
	// The status in a body's numeric code, a reason phrase alone, "HTTP code 520".
	['invalid_key', '{"error":{"message":"User not found.","code":401}}'],
	[
		'server_error',
		'openai.error.APIError: HTTP code 520 from API (<!DOCTYPE html> ... cloudflare)',
	],
	['invalid_key', 'Unauthorized'],
	['rate_limit', 'Error: Too Many Requests'],
	['wrong_base_url', "openai.NotFoundError: Error code: 404 - {'detail': 'Not Found'}"],
	['wrong_base_url', 'No route for endpoint: /chat/completions'],
	[
		'wrong_base_url',
		"TypeError: Invalid URL\n    at new URL (node:internal/url:775:36) {\n  code: 'ERR_INVALID_URL',\n  input: 'api.openai.com/v1/chat/completions'\n}",
	],
	[
		'wrong_base_url',
		"requests.exceptions.MissingSchema: Invalid URL 'localhost:1234/v1/chat/completions': No scheme supplied. Perhaps you meant https://localhost:1234/v1/chat/completions?",
	],
	[
		'network_error',
		'System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.',
	],
	['network_error', 'Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."'],
	[
		'bad_request',
		"Error code: 400 - {'error': {'message': \"'json_object' is not of type 'object' - 'response_format'\", 'type': 'invalid_request_error', 'param': None, 'code': None}}",
	],
	// Wrappers that re-format the body with capitalised keys and aligned spaces (Codex CLI).
	[
		'wrong_organization',
		'Error details: Status: 401, Code: mismatched_organization, Type: invalid_request_error, Message: 401 OpenAI-Organization      header should match organization for API key.',
	],
	// An organization display name where the header takes an org id.
	[
		'wrong_organization',
		"Error: Request failed with status code 401\n  headers: {\n    Authorization: 'Bearer (redacted)',\n    'OpenAI-Organization': 'Personal',\n  }",
	],
	// Types that stand for a status, with no status printed (Anthropic-style bodies).
	[
		'invalid_key',
		'{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
	],
	[
		'rate_limit',
		'{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization."}}',
	],
	// A relay's or proxy's own quota and budget.
	[
		'insufficient_quota',
		'preConsumeQuota failed: {Error:{Message:user quota is not enough Type:one_api_error Param: Code:insufficient_user_quota} StatusCode:403}',
	],
	[
		'insufficient_quota',
		'litellm.BadRequestError: OpenAIException - Budget has been exceeded! Current cost: 10.2, Max budget: 10.0',
	],
	// Another service's key, masked right after its prefix, sent to api.openai.com.
	[
		'wrong_base_url',
		'AuthenticationError: 401 Incorrect API key provided: esecret_**********************abc. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// A client's own argument check on the key.
	['missing_key', "System.ArgumentNullException: Value cannot be null. (Parameter 'apiKey')"],
	[
		'missing_key',
		"System.ArgumentException: The value cannot be an empty string or composed entirely of whitespace. (Parameter 'apiKey')",
	],
	// Servers that say "model not found" in their own words, and OpenRouter's "no endpoints".
	[
		'model_not_found',
		"openai.BadRequestError: Error code: 400 - {'detail': 'Model not found, uid: qwen-chat'}",
	],
	[
		'model_not_found',
		'{"error":{"message":"No endpoints found for meta-llama/llama-3-8b:free.","code":404}}',
	],
	// A 404 whose body names a parameter: the route exists, the request does not fit it.
	[
		'bad_request',
		"openai.NotFoundError: Error code: 404 - {'error': {'message': 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?', 'type': 'invalid_request_error', 'param': 'model', 'code': None}}",
	],
	// Azure role assignments.
	[
		'missing_scopes',
		"openai.AuthenticationError: Error code: 401 - {'error': {'code': 'PermissionDenied', 'message': 'Principal does not have access to API/Operation.'}}",
	],
	// Servers that echo only the key's end: the end still tells empty, quoted or placeholder values.
	['missing_key', '401 Authentication Fails, Your api key: ****null is invalid'],
	[
		'malformed_key',
		"Error code: 401 - {'error': {'message': 'Authentication Fails, Your api key: ****ab1\" is invalid', 'type': 'authentication_error'}}",
	],
	[
		'malformed_key',
		"Error code: 401 - {'error': {'message': 'Authentication Fails, Your api key: ****KEY} is invalid', 'type': 'authentication_error'}}",
	],
	[
		'invalid_key',
		"Error code: 401 - {'error': {'message': 'Authentication Fails, Your api key: ****ab12 is invalid', 'type': 'authentication_error'}}",
	],
	// A client that names the unset variable in its own words.
	['missing_key', 'Error in gpt_get_completions(question) :\n  `OPENAI_API_KEY` not provided.'],
	['missing_key', 'GROQ_API_KEY is not set'],
	// A client or proxy that refuses the key's format before any lookup.
	['malformed_key', 'Failed to parse header value'],
	['malformed_key', 'openai.InternalServerError: API Key is not well formed'],
	// Keys of other services: a prefix right before the mask, or a long clean token.
	[
		'wrong_base_url',
		'Incorrect API key provided: secret_a**defg. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	[
		'wrong_base_url',
		'Incorrect API key provided: f7124a7c****************************************************f81d. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// An HTML error page from the edge, and an answer the client could not read as JSON.
	[
		'server_error',
		'<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>',
	],
	['server_error', 'OpenAI\\Exceptions\\UnserializableResponse(code: 0): Syntax error'],
	// CORS on a real route of api.openai.com: the browser blocked the call, the URL is right.
	[
		'cors_blocked',
		'Blocking a cross-origin request: The “Same Origin” policy does not allow access to the remote resource located at https://api.openai.com/v1/chat/completions. Reason: The CORS header “Access-Control-Allow-Origin” is missing. Status code: 404.',
	],
	// A cause named in plain words, any wording, English or the Chinese relays print.
	['insufficient_quota', 'Error: your prepaid balance is too low to run this request'],
	[
		'model_not_found',
		'Error code: 404 - {"error":{"message":"Engine not found","type":"invalid_request_error","param":null,"code":null}}',
	],
	['missing_key', '打包后还是会提示没有填写 API key'],
	[
		'insufficient_quota',
		'{"error":{"message":"用户额度不足, 剩余额度: ¥0.00","type":"new_api_error"}}',
	],
	[
		'invalid_key',
		'{"error":{"message":"无效的令牌 (request id: 2025110410494899923319380065588)","type":"new_api_error"}}',
	],
	[
		'rate_limit',
		"单条翻译失败：错误代码：429 - {'error': {'message': '您已超过当前的请求列表限制。', 'type': 'limit_requests', 'code': 'limit_requests'}}",
	],
	['overloaded', '该模型目前因其他请求而过载,您可以重试您的请求'],
	[
		'organization_not_verified',
		'画像生成（OpenAI）エラー: gpt-image-1 モデルを利用するためには組織認証行ってください。',
	],
	// OpenAI's parameter errors name the parameter first.
	[
		'bad_request',
		"Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
	],
	// Network failures in Dart and Rust words.
	[
		'network_error',
		"SocketException: Failed host lookup: 'api.openai.com' (OS Error: Host sconosciuto. , errno = 11001)",
	],
	[
		'network_error',
		'reqwest::Error { kind: Request, url: Url { scheme: "https", host: Some(Domain("api.openai.com")), path: "/v1/chat/completions" }, source: TimedOut }',
	],
	[
		'network_error',
		'[non-fatal] Tracing: request failed: [Errno 99] Cannot assign requested address',
	],
	// Keys of other services and of local servers, echoed by api.openai.com.
	[
		'wrong_base_url',
		'Incorrect API key provided: AIzaSyCM***************************EyFo. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	[
		'wrong_base_url',
		'Incorrect API key provided: sk-no-key-required. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	[
		'malformed_key',
		'Incorrect API key provided: dummy. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	[
		'malformed_key',
		"Error code: 401 - {'error': {'message': 'Authentication Fails, Your api key: ****here is invalid'}}",
	],
	// The Authorization header carried an object instead of the key.
	[
		'malformed_key',
		"headers={'Authorization': \"Bearer {'api_key': '112233445566'}\", 'Content-Type': 'application/json'}\nError code: 401",
	],
	// The browser blocked an http call from an https page.
	[
		'cors_blocked',
		"Mixed Content: The page at 'https://example.app/' was loaded over HTTPS, but requested an insecure resource 'http://my-server.example:5001/v1/chat/completions'. This request has been blocked; the content must be served over HTTPS.",
	],
	// CORS on a gateway's Azure-style route: the route is real, the gateway does not allow browsers.
	[
		'cors_blocked',
		"Access to fetch at 'https://gateway.example/preview/openai/deployments/gpt-4o/chat/completions?api-version=2024-02-01' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
	],
	// A 403 from a place OpenAI does not serve.
	[
		'unsupported_region',
		'APIError: HTTP code 403 from API\n\nThe request goes from our Hong Kong server',
	],
	// A serverless platform's own time limit, not OpenAI's 504.
	['network_error', '"504 Gateway Timeout"\n"Task timed out after 10.01 seconds"'],
	// Emacs Lisp alists carry the fields as (key . "value").
	[
		'bad_request',
		'(error "Internal error: 404") :status-code 404 :data ((error (message . "This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?") (type . "invalid_request_error") (param . "model") (code)))',
	],
	// A client-side refusal of max_tokens for reasoning models, and Azure's operation code.
	[
		'bad_request',
		'failed to create chat completion: this model is not supported MaxTokens, please use MaxCompletionTokens',
	],
	[
		'bad_request',
		'azure.core.exceptions.HttpResponseError: (OperationNotSupported) The chatCompletion operation does not work with the specified model, gpt-5.1-codex.\nCode: OperationNotSupported',
	],
	// Google's AQ. keys echoed by api.openai.com.
	[
		'wrong_base_url',
		'Incorrect API key provided: AQ.Ab8RN*****************************************UtAA. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// An app's own 500 around a connection failure.
	[
		'network_error',
		'code: 500, message: "验证失败，请检查参数是否正确: Connection error.", data: null',
	],
	// A Cloudflare 5xx page whose title starts with the host.
	[
		'server_error',
		'openai.error.APIError: HTTP code 522 from API (<!DOCTYPE html>\n<head>\n<title>oai.example.com | 522: Connection timed out</title>',
	],
	// Network rules on an Azure resource.
	[
		'other',
		'{"error":{"code":"403","message": "Access denied due to Virtual Network/Firewall rules."}}',
	],
	// Go's net/http refuses a key with a newline.
	[
		'malformed_key',
		'The CreateChatCompletion return an error `net/http: invalid header field value for "Authorization"`.',
	],
	// Another service that borrows OpenAI's sentence: its own masking says nothing of OpenAI's shapes.
	[
		'invalid_key',
		'400 "Incorrect API key provided: na***ys. You can obtain an API key from https://console.x.ai."',
	],
	// An API gateway's own key (Azure API Management), not sent.
	[
		'missing_key',
		"Error code: 401 - {'statusCode': 401, 'message': 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.'}",
	],
	[
		'missing_key',
		"Error code: 400 - [{'error': {'code': 400, 'message': 'Missing Authorization header.', 'status': 'INVALID_ARGUMENT'}}]",
	],
	[
		'missing_key',
		"Seems you are using me but didn't get OPENAI_API_KEY seted in Variables/Secrets for this repo.",
	],
	// Codes with underscores say their words: rate_limited_exceeded.
	[
		'rate_limit',
		'I am getting the message “rate_limited_exceeded”, and I can’t send requests anymore.',
	],
	// A gateway that refuses a model for this virtual key, with 401.
	[
		'model_not_found',
		'API Error: 401 {"error":{"message":"key not allowed to access model. This key can only access models=[\'gpt-5\']. Tried to access claude-sonnet-4","type":"key_model_access_denied","param":"model","code":"401"}}',
	],
	// Parameter limits and api-version floors in any wording.
	[
		'bad_request',
		'Error: "max_tokens is too large: 32000. This model supports at most 16384 completion tokens"',
	],
	[
		'bad_request',
		'LLM error (400): Model o3-mini is enabled only for api versions 2024-12-01-preview and later',
	],
	// A proxy that wants its own login.
	['network_error', 'OpenAI API Response was: Error: Request failed with status code 407.'],
	// The hosting platform's own error, and an Azure resource reachable only privately.
	[
		'network_error',
		'{"error": {"code": "504", "message": "An error occurred with your deployment"}}',
	],
	[
		'network_error',
		'Receiving a 403: Public access is disabled. Please configure private endpoint.',
	],
	// A request that names an object that does not exist.
	[
		'bad_request',
		"Error: 404 Item with id 'rs_0496282' not found. Items are not persisted when `store` is set to false.",
	],
	[
		'bad_request',
		"openai.NotFoundError: Error code: 404 - {'error': {'message': 'No such File object: file-abc123', 'type': 'invalid_request_error', 'param': 'id', 'code': None}}",
	],
	// "Invalid URL" on a real non-chat route: the model does not serve that endpoint.
	[
		'bad_request',
		"Error code: 404 - {'error': {'message': 'Invalid URL (POST /v1/audio/speech)', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
	],
	[
		'wrong_base_url',
		"Error code: 404 - {'error': {'message': 'Invalid URL (POST /v1/chat/completions)', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
	],
	// A relay that has no channel for the model, with its own 500.
	[
		'model_not_found',
		"AI response error; aborting request: 500 model 'gpt-4o' is not not yet supported (request id: 2025010715391865739252482764299)",
	],
	// A model setting that holds a display name.
	[
		'model_not_found',
		'Error: Request failed with status code: 400 Bad Request\n\nopenai_model = "GPT-3.5 Turbo"',
	],
	// An echo that hides the whole key tells nothing of its shape.
	[
		'invalid_key',
		'Error pinging OpenAI: 401: Incorrect API key provided: ******. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// LM Studio's keys, echoed by api.openai.com.
	[
		'wrong_base_url',
		'Incorrect API key provided: sk-lm-zd***********************zFDS. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// Apps that say no key was set, or read an empty key setting.
	['missing_key', 'No key found. Please provide a key and try again.'],
	['missing_key', 'OpenAI API key must be set in the OPENAI_API_KEY environment variable'],
	['missing_key', "TypeError: undefined is not an object (evaluating 'apiKeys.split')"],
	// CORS in a translated console and in Firefox's Chinese mixed-content warning.
	[
		'cors_blocked',
		'Cross-source (cross-origin) request blocked: The same-source rule prohibits reading the external resource at https://chat.example.org/v1/models. (Reason: CORS preflight response failed). Status code: 401.',
	],
	[
		'cors_blocked',
		'{"error": true, "message": "Failed to fetch"}\n控制台如下的错误：Firefox 提示已阻止载入混合活动内容',
	],
	// aiohttp cannot reach a server.
	[
		'network_error',
		'aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host 127.0.0.1:8000 ssl:default',
	],
	// A base URL setting that already ends with the endpoint, and an Azure URL with no deployment.
	[
		'wrong_base_url',
		'{"error": true, "message": "empty response from server"}\nBASE_URL设置为https://chat.example.xyz/v1/chat/completions',
	],
	[
		'wrong_base_url',
		'POST "https://myresource.cognitiveservices.azure.com/openai/chat/completions?api-version=2024-10-21": 404 Not Found {"code": "DeploymentNotFound"}',
	],
	// OpenAI's file-parameter errors.
	[
		'bad_request',
		"Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/png'.",
	],
	// Any server's echo of a path it has no route for (LM Studio's wording), a doubled slash, and a
	// gateway's "no route".
	['wrong_base_url', '{"error":"Unexpected endpoint or method. (POST /chat/completions)"}'],
	[
		'wrong_base_url',
		'[ERROR] Unexpected endpoint or method. (GET /v1//models). Returning 200 anyway.',
	],
	[
		'wrong_base_url',
		"Error code: 400 - {'success': False, 'errors': [{'code': 7000, 'message': 'No route for that URI'}], 'result': None}",
	],
	// openai-java's exception classes carry the status when the body is empty.
	['wrong_base_url', 'com.openai.errors.NotFoundException: 404: null'],
	['invalid_key', 'com.openai.errors.UnauthorizedException: 401: null'],
	// A client library's constructor refusing the key before any request.
	[
		'missing_key',
		'Error: invalid apiKey\n    at new ExampleClient (file:///app/node_modules/example/index.js:10:13)',
	],
	// Access taken away, in plain words (Azure's abuse block, a relay's frozen account).
	[
		'revoked_key',
		'403 {"error":{"code":"Forbidden","message":"Your resource has been temporarily blocked because we detected unusual behavior."}}',
	],
	['revoked_key', '{"error":{"message":"您的账户已被冻结","type":"new_api_error"}}'],
	// The Agents SDK's trace upload with another provider's key; a region refusal stays one.
	[
		'wrong_base_url',
		'[non-fatal] Tracing client error 401: {"error": {"message": "Incorrect API key provided: sk-abc12****wxyz.", "type": "invalid_request_error", "code": "invalid_api_key"}}',
	],
	[
		'unsupported_region',
		'[non-fatal] Tracing client error 403: {"error": {"code": "unsupported_country_region_territory", "message": "Country, region, or territory not supported", "type": "request_forbidden"}}',
	],
	// A relay with no channel for the model, whatever status it picks.
	[
		'model_not_found',
		"InternalServerError: Error code: 503 - {'error': {'message': 'There are no available channels for model example-embedding under the current group default', 'type': 'new_api_error'}}",
	],
	// An organization restricted by its provider, in English and Chinese.
	[
		'revoked_key',
		'status code 400: Organization has been restricted. Please reach out to support if you believe this was in error.',
	],
	['revoked_key', '错误：组织被封'],
	// Moonshot's two platforms, and a message that names both missing and wrong credentials.
	[
		'wrong_base_url',
		"Error code: 401 - {'error': {'message': 'Invalid Authentication', 'type': 'invalid_authentication_error'}}",
	],
	[
		'invalid_key',
		"Error code: 401 - {'error': {'message': 'Missing Authentication header or invalid API key', 'code': 401}}",
	],
	['invalid_key', '401 Unauthorized: invalid or missing API key'],
	// Ollama's refusal of an origin it does not allow.
	[
		'cors_blocked',
		'HTTP/1.1 403 Forbidden\nContent-Length: 0\n\n[GIN] | 403 | 12µs | 172.17.0.1 | POST "/v1/chat/completions" (ollama)',
	],
	// CORS named in Chinese (跨域, cross-origin), by an app's own hint.
	['cors_blocked', 'TypeError: Failed to fetch（接口不支持浏览器跨域请求）'],
	// URLs the HTTP client could not use: aiohttp's InvalidURL, curl's error 3.
	['wrong_base_url', 'aiohttp.client_exceptions.InvalidURL: /v1/chat/completions'],
	['wrong_base_url', 'curl: (3) URL rejected: Bad hostname'],
	// A cause in plain words, hard-wrapped by a terminal.
	[
		'insufficient_quota',
		'ERROR: stream disconnected before completion: Your project has reached its\nconfigured enforced spend limit. Update your limit in the project settings.',
	],
	// The echo holds only the scheme word: nothing came after "Bearer".
	[
		'missing_key',
		'Incorrect API key provided: Bearer. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// Cloudflare's firewall page in front of the API.
	[
		'unsupported_region',
		'Access denied\nYou do not have access to api.openai.com.\nThe site owner may have set restrictions that prevent you from accessing the site.\nError reference number: 1020',
	],
	// A key setting that resolved to None, in a pydantic validation error.
	[
		'missing_key',
		"1 validation error for SecretStrInput\nvalue\n  Value error, Invalid value type `<class 'NoneType'>` for input `api_key` [type=value_error, input_value=None, input_type=NoneType]",
	],
	// DeepSeek's "Model Not Exist", and a relay token without the model, in Chinese.
	[
		'model_not_found',
		"Error code: 400 - {'error': {'message': 'Model Not Exist', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_request_error'}}",
	],
	[
		'model_not_found',
		'API error: 403 Forbidden {"error":{"message":"该令牌无权使用模型：example-model","type":"one_api_error"}}',
	],
	// A gateway that names the key prefix it wanted.
	[
		'malformed_key',
		"Error code: 401 - {'error': {'message': \"Authentication Error, Virtual Key expected. Received=placeholder, expected to start with 'sk-'.\", 'type': 'auth_error'}}",
	],
	// Rate limits and key problems as Chinese apps word them.
	['rate_limit', '报错：请求次数已达上限，请稍后再试'],
	['invalid_key', '提示：OpenAI Key有问题，请检查'],
	// A client that found no token to send.
	[
		'missing_key',
		'Error in `openai_token()`: No token found. Add your key to the OPENAI_API_KEY environment variable.',
	],
	// CORS named in a Chinese console note, and a proxy's own origin check.
	['cors_blocked', '连接失败: Failed to fetch。查看控制台，出现CORS错误'],
	['cors_blocked', 'HTTP 403: Forbidden — Invalid CORS request'],
	// OpenAI's range check on a parameter, and a file URL it could not fetch.
	['bad_request', "// API ERROR: 3 is greater than the maximum of 2 - 'temperature'"],
	[
		'bad_request',
		'invalid_value · invalid_request_error · Error while downloading https://files.example.com/a.png. Upstream status code: 403.',
	],
	// 413: OpenAI types it server_error, the status and the words say the upload was too big.
	[
		'bad_request',
		"openai.APIStatusError: Error code: 413 - {'error': {'message': 'Maximum content size limit (26214400) exceeded (30123456 bytes read)', 'type': 'server_error', 'param': None, 'code': None}}",
	],
	['bad_request', '<html><head><title>413 Request Entity Too Large</title></head></html>'],
	// Codex's capacity sentence, with no status.
	['overloaded', "We're currently experiencing high demand, which may cause temporary errors."],
	// A code after a translated label; a message inside a terminal UI's frame.
	['revoked_key', '错误代码：account_deactivated\n请求 ID：0000'],
	[
		'invalid_key',
		'┌  // API ERROR: Incorrect API key provided:\n│ sk-ab12c***************************************wxyz. You can find your API key\n└ at https://platform.openai.com/account/api-keys.',
	],
	// A status in prose.
	['wrong_base_url', 'Since the update I keep getting 405 errors from my server.'],
	['invalid_key', 'api status code not equals 200, code is 401'],
	// Missing-key wordings of apps and toolkits.
	['missing_key', 'No API key detected. Please set the API key in the preferences.'],
	['missing_key', 'Unable to find API key. Set environment variable OPENAI_API_KEY.'],
	// Relays' balance and reservation wordings.
	[
		'insufficient_quota',
		'{"error":{"message":"Your account balance is less than 0.5, which is not enough to use the gpt-4 model.","type":"relay_error","code":"403 FORBIDDEN"}}',
	],
	['insufficient_quota', 'pre-consumed quota failed, user quota: 100, need quota: 2000'],
	// A model name with a dot in it does not end the sentence.
	['model_not_found', "403 Forbidden: Model 'gpt-4.1' is not allowed for this key."],
	// Organization keys that need a project.
	[
		'wrong_project',
		'To use organization API keys it is required to provide the project id in the request.',
	],
	// Cloudflare's challenge page in front of the API.
	['unsupported_region', 'HTTP 403: <title>Attention Required! | Cloudflare</title>'],
	// Azure's answer to an API key sent as a Bearer token.
	[
		'wrong_base_url',
		'{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}',
	],
	// Go's io.EOF; httpx's "Client error" is an answer, whatever class wraps it.
	['network_error', 'CreateChatCompletion err=error, EOF'],
	['network_error', 'Post "https://api.openai.com/v1/chat/completions": EOF'],
	[
		'bad_request',
		"litellm.APIConnectionError: Client error '400 Bad Request' for url 'http://localhost:8000/v1/chat/completions'",
	],
	// /v1 twice in the path.
	['wrong_base_url', 'POST http://localhost:3000/v1/v1/chat/completions returned 404'],
	// LiteLLM's example master key reached api.openai.com: the gateway's base URL was not used.
	[
		'wrong_base_url',
		'Incorrect API key provided: sk-1234. You can find your API key at https://platform.openai.com/account/api-keys.',
	],
	// Round 16's shapes (opened 2026-12-02).
	['wrong_base_url', '404 not found'],
	[
		'wrong_base_url',
		"error_code=404 error_message='Resource not found' error_param=None error_type=None message='OpenAI API error received' stream_error=False",
	],
	[
		'network_error',
		'{"code":500,"data":null,"errorMsg":"Post \\"https://api.openai.com/v1/chat/completions\\": dial tcp 104.18.6.192:443: connectex: A connection attempt failed because the connected party did not properly respond after a period of time."}',
	],
	['network_error', '读取超时，无法获取对话。请检查网络连接，或者API-Key是否有效。'],
	[
		'network_error',
		'Unable to generate bot response. Details: Error: 400: => Unknown error (UnknownError): Something went wrong: Retry failed after 4 tries. Retry settings can be adjusted in ClientOptions.Retry.',
	],
	[
		'overloaded',
		'haystack.errors.OpenAIRateLimitError: API rate limit exceeded: {"error": {"message": "The server is currently overloaded with other requests. Sorry about that!", "type": "server_error", "param": null, "code": null}}',
	],
	['missing_key', 'error: No OpenAI API key provided. Use --openai-api-key or env OPENAI_API_KEY.'],
	[
		'missing_key',
		'Error occurred while processing message: api_key is not present in llm_config or OPENAI_API_KEY env variable for agent primary_assistant.',
	],
	[
		'model_not_found',
		'"https://api.openai.com/v1/chat/completions not found, verify your API base."',
	],
	[
		'model_not_found',
		"The 'gpt-9-codex' model requires a newer version of Codex. Please upgrade to the latest app or CLI and try again.",
	],
	// Round 17's shapes (opened 2026-12-02).
	[
		'wrong_base_url',
		"Faraday::ResourceNotFound: the server responded with status 404\nfrom /gems/faraday-1.10.4/lib/faraday/response/raise_error.rb:22:in `on_complete'",
	],
	[
		'network_error',
		'  File "urllib3/util/ssl_.py", line 503, in _ssl_wrap_socket_impl\n    return ssl_context.wrap_socket(sock, server_hostname=server_hostname)\nssl.SSLCertVerificationError',
	],
	[
		'wrong_base_url',
		"Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-no-ke******ired. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
	],
	[
		'other',
		'{"error": {"message": "Your request to GET /dashboard/billing/credit_grants must be made with a session key (that is, it can only be made from the browser). You made it with the following key type: secret.", "type": "server_error", "param": null, "code": null}}',
	],
];

describe('client shapes across languages', () => {
	it.each(shapes)('%s from: %s', (want, text) => {
		expect(diagnose(text).id).toBe(want);
	});
});

describe('words that name something else', () => {
	it('a feature disabled for an organization is not a revoked account', () => {
		expect(
			diagnose('Error code: 403 - Fine-tuning is disabled for your organization.').id,
		).not.toBe('revoked_key');
	});

	it('a doubled slash is explained as the base URL’s trailing slash', () => {
		const slash = diagnose('Unexpected endpoint or method. (GET /v1//models)');
		expect(slash.title).toBe('The base URL ends with a slash');
		expect(slash.fixes[0]).toContain('Remove the trailing slash');
	});

	it('the trace upload says the agent’s own calls are not affected, and how to turn it off', () => {
		const trace = diagnose(
			'[non-fatal] Tracing client error 401: Incorrect API key provided: sk-abc12****wxyz',
		);
		expect(trace.explanation).toContain('the agent’s own calls are not affected');
		expect(trace.fixes[0]).toContain('set_tracing_disabled(True)');
	});
});

describe('a browser’s CORS error', () => {
	const cors = (url: string) =>
		`Access to fetch at '${url}' from origin 'app://obsidian.md' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;

	it('on another host is CORS, and asks about the URL when its path has no /v1', () => {
		const result = diagnose(cors('https://relay.example/chat/completions'));
		expect(result.id).toBe('cors_blocked');
		expect(result.followUp?.choices.map((choice) => choice.id)).toContain('wrong_base_url');
	});

	it('on a local server’s own route is CORS, with no question, and the server’s setting first', () => {
		const result = diagnose(cors('http://127.0.0.1:11434/api/tags'));
		expect(result.id).toBe('cors_blocked');
		expect(result.followUp).toBeUndefined();
		expect(result.fixes[0]).toMatch(/OLLAMA_ORIGINS/);
	});

	it('names the other cause with its capitals kept', () => {
		const result = diagnose(cors('https://relay.example/chat/completions'));
		expect(result.explanation).toContain('the request went to the wrong URL (base URL)');
	});

	it('on api.openai.com without /v1 is the URL', () => {
		expect(diagnose(cors('https://api.openai.com/chat/completions')).id).toBe('wrong_base_url');
	});
});

describe('a key that is not an OpenAI key, echoed by api.openai.com', () => {
	it('asks whether it is another service’s key or a wrong value', () => {
		const result = diagnose(
			'401 Incorrect API key provided: AbCdEfGh****************************9FYd. You can find your API key at https://platform.openai.com/account/api-keys.',
		);
		expect(result.id).toBe('wrong_base_url');
		expect(result.followUp?.choices.map((choice) => choice.id)).toContain('malformed_key');
	});
});

describe('causes a message leaves open ask the question', () => {
	it('"missing or invalid" names both, and asks which', () => {
		const both = diagnose(
			"Error code: 401 - {'error': {'message': 'Missing Authentication header or invalid API key', 'code': 401}}",
		);
		expect(both.alternatives?.map((alternative) => alternative.id)).toContain('missing_key');
		expect(both.followUp?.choices.map((choice) => choice.id)).toContain('missing_key');
		// The plain "Missing Authentication header" still means nothing was sent.
		expect(diagnose('Error: Missing Authentication header').id).toBe('missing_key');
	});

	it('Moonshot’s refusal names both hosts and keeps a wrong key as the runner-up', () => {
		const moonshot = diagnose('MoonshotException - Invalid Authentication');
		expect(moonshot.provider?.kind).toBe('moonshot');
		expect(moonshot.fixes[0]).toContain('https://api.moonshot.ai/v1');
		expect(moonshot.fixes[0]).toContain('https://api.moonshot.cn/v1');
		expect(moonshot.alternatives?.[0].id).toBe('invalid_key');
	});
});

describe('a body OpenAI could not parse', () => {
	it('stays a request error, with a key that broke a curl command as the runner-up', () => {
		const body = diagnose(
			'Error 400: We could not parse the JSON body of your request. (HINT: This likely means you aren’t using your HTTP library correctly.)',
		);
		expect(body.id).toBe('bad_request');
		expect(body.alternatives?.map((alternative) => alternative.id)).toEqual(['malformed_key']);
		expect(body.followUp?.choices.map((choice) => choice.id)).toContain('malformed_key');
	});
});

/** The causes the follow-up question offers for a paste. */
const choices = (text: string) => diagnose(text).followUp?.choices.map((choice) => choice.id) ?? [];

describe('what only the person can tell (round 16)', () => {
	it('OpenAI’s quota error asks whether API billing was ever set up', () => {
		const text =
			"RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}";
		expect(diagnose(text).id).toBe('insufficient_quota');
		expect(choices(text)).toEqual(['insufficient_quota', 'billing_not_active']);
	});

	it('a relay’s own balance or a spend limit does not ask', () => {
		expect(diagnose('insufficient_user_quota: user quota is not enough').followUp).toBeUndefined();
		expect(
			diagnose(
				'{"error": {"message": "You exceeded your current quota: the project reached its monthly spend limit.", "code": "project_spend_limit_exceeded"}}',
			).followUp,
		).toBeUndefined();
	});

	it('a model OpenAI serves that "does not exist" asks whether the account bought credit', () => {
		const text = '404 The model `gpt-4o` does not exist or you do not have access to it.';
		expect(diagnose(text).id).toBe('model_not_found');
		expect(choices(text)).toEqual(['model_not_found', 'billing_not_active', 'insufficient_quota']);
		// A typo is a typo: no billing question.
		expect(
			choices('404 The model `gtp-4o` does not exist or you do not have access to it.'),
		).toEqual([]);
	});

	it('a bare 404 offers an account without credit as well as the URL and the model', () => {
		expect(choices('[OpenAI] API request failed with status 404')).toContain('insufficient_quota');
	});

	it('a placeholder key echoed back asks whether the real key never reached the request', () => {
		expect(choices('Incorrect API key provided: sk-samplekey.')).toContain('missing_key');
	});

	it('"no API key" from a plain-http relay names the redirect that drops the key', () => {
		const result = diagnose(
			"message='OpenAI API response' path=http://relay.example.net/v1/chat/completions response_code=401\nerror_message=\"You didn't provide an API key.\"",
		);
		expect(result.id).toBe('missing_key');
		expect(result.alternatives?.[0]).toMatchObject({ id: 'wrong_base_url' });
		expect(result.followUp?.choices.map((choice) => choice.id)).toContain('wrong_base_url');
		// A local server over http is not redirected anywhere.
		expect(
			diagnose("path=http://localhost:8080/v1/chat/completions\nYou didn't provide an API key.")
				.alternatives,
		).toBeUndefined();
	});

	it('Azure.Core’s spent retries with a status are that status, not the network', () => {
		expect(
			diagnose(
				'Retry failed after 4 tries. (Service request failed.\nStatus: 429 (Too Many Requests))',
			).id,
		).not.toBe('network_error');
	});
});

describe('what only the person can tell (round 17)', () => {
	it('another service’s key at api.openai.com asks whether OpenAI was meant', () => {
		const text =
			'401 Incorrect API key provided: sk-or-v1*************************************************************f81d. You can find your API key at https://platform.openai.com/account/api-keys.';
		expect(diagnose(text).id).toBe('wrong_base_url');
		expect(choices(text)).toEqual(['wrong_base_url', 'invalid_key']);
	});

	it('a made-up key ("sk-proj-1111") asks whether it was meant for a local server', () => {
		expect(
			choices(
				'Error code: 401 - Incorrect API key provided: sk-proj-1111. You can find your API key at https://platform.openai.com/account/api-keys.',
			),
		).toContain('wrong_base_url');
	});

	it('"you must provide a model parameter" also offers a redirect that dropped the body', () => {
		const text =
			'400 Bad Request {"error": {"message": "you must provide a model parameter", "type": "invalid_request_error", "param": null, "code": null}}';
		expect(diagnose(text).id).toBe('bad_request');
		expect(choices(text)).toEqual(['bad_request', 'wrong_base_url', 'malformed_key']);
	});
});

describe('round 18 shapes', () => {
	const cases: [DiagnosisId, string][] = [
		// OpenAI's unknown-parameter wording, with no status printed.
		['bad_request', "Unknown parameter: 'response_format.schema'."],
		// The Responses API names a parameter in backticks, or an input item's type.
		[
			'bad_request',
			'Items are not persisted when `store` is set to false. Try again with `store` set to true.',
		],
		[
			'bad_request',
			"Item 'rs_123' of type 'reasoning' was provided without its required following item.",
		],
		// A local server's log of a body it could not parse.
		[
			'bad_request',
			'[SERVER] Received request for /v1/chat/completions with invalid JSON: Unexpected token',
		],
		// A model the account's plan or the provider does not serve.
		['model_not_found', "The 'gpt-5-pro' model is not supported when using this plan."],
		['model_not_found', 'ValidationException: The provided model identifier is invalid.'],
		['model_not_found', '{"error": {"message": "invalid model name", "code": null}}'],
		// A withdrawn credential.
		['revoked_key', 'Your refresh token was revoked. Please sign in again.'],
		// Japanese apps' wording of a wrong key, and of a quota that needs billing.
		['invalid_key', 'エラー: APIキーが無効です。'],
		['insufficient_quota', 'クォータを超えました。課金を追加してください。'],
		// Apps Script's status, and Azure's message printed alone.
		[
			'server_error',
			'Exception: Request failed for https://relay.example.com returned code 502. Truncated server response: <html>',
		],
		['wrong_base_url', 'Error:\nResource not found\n'],
		// WinHTTP's codes, bare.
		[
			'network_error',
			'Error sending data: (12029) A connection with the server could not be established',
		],
	];
	it.each(cases)('reads %s from %j', (id, text) => {
		expect(diagnose(text).id).toBe(id);
	});

	it('does not read "invalid model key" or a model "not supported in" an endpoint as a missing model', () => {
		expect(diagnose('401 Invalid model key or incorrect local model configuration.').id).not.toBe(
			'model_not_found',
		);
		expect(
			diagnose('This is a chat model and not supported in the v1/completions endpoint.').id,
		).toBe('bad_request');
	});

	it('a remote MCP server OpenAI could not reach is neither the key nor OpenAI', () => {
		const result = diagnose(
			"APIError: 424 Error retrieving tool list from MCP server: 'docs'. Http status code: 424 (Failed Dependency)",
		);
		expect(result.id).toBe('other');
		expect(result.title).toMatch(/MCP server/);
		expect(result.fixes[0]).toMatch(/public HTTPS URL/);
		expect(result.retryable).toBe(false);
	});

	it('a key another service issued asks whether OpenAI was meant', () => {
		const text =
			'401 Incorrect API key provided: AIzaSyAb***************************xy12. You can find your API key at https://platform.openai.com/account/api-keys.';
		expect(diagnose(text).id).toBe('wrong_base_url');
		expect(diagnose(text).explanation).toMatch(/Google/);
		expect(choices(text)).toEqual(['wrong_base_url', 'invalid_key']);
	});
});

describe('round 19 shapes', () => {
	const cases: [DiagnosisId, string][] = [
		// A model named before the word, that this plan or account does not serve (even wrapped).
		[
			'model_not_found',
			'{"error":{"type":"invalid_request_error","message":"The \'gpt-6\' model is not\nsupported when using this plan."}}',
		],
		// OpenAI's order rule for tool results and its JSON-schema check; a Rust server's
		// deserialiser; LiteLLM's own parameter check.
		[
			'bad_request',
			"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.",
		],
		['bad_request', "[''] is not valid under any of the given schemas - 'input'"],
		[
			'bad_request',
			'Failed to deserialize the JSON body into the target type: messages[3]: invalid type: map',
		],
		['bad_request', 'litellm.UnsupportedParamsError: o3 models don’t support temperature=0.7.'],
		['bad_request', '{"detail": "System messages are not allowed"}'],
		['bad_request', 'Either x-portkey-config or x-portkey-provider header is required'],
		['bad_request', 'Error Code 413'],
		// A key nowhere to be found, in a tool's own words.
		['missing_key', "No 'my-tool-api-key' found in the auth source"],
		['missing_key', "both 'OPENAI_API_KEY' environment variable are not available"],
		// DNS, in PHP's cURL and in Rust's reqwest, also for OpenAI's sign-in host.
		['network_error', 'Could not resolve: api.openai.com (Could not contact DNS servers)'],
		[
			'network_error',
			'Token exchange failed: error sending request for url (https://auth.openai.com/oauth/token)',
		],
		// A server with no route for the browser's preflight.
		[
			'cors_blocked',
			'Unexpected endpoint or method. (OPTIONS /v1/chat/completions). Returning 200 anyway',
		],
		// Alibaba Cloud's account in arrears.
		[
			'insufficient_quota',
			'{"statusCode":400,"message":"Access denied, please make sure your account is in good standing.","code":"Arrearage"}',
		],
	];
	it.each(cases)('reads %s from %j', (id, text) => {
		expect(diagnose(text).id).toBe(id);
	});

	it('a model "not supported in" a mode is the request, and a typo of api.openai.com is still the URL', () => {
		expect(
			diagnose(
				'{"code":"invalid_model","message":"Model \\"whisper-1\\" is not supported in realtime mode."}',
			).id,
		).not.toBe('model_not_found');
		expect(diagnose('getaddrinfo ENOTFOUND api.openai.cmo').id).toBe('wrong_base_url');
	});
});
