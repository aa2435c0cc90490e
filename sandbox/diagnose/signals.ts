/**
 * Normalisation: pulls status, error type/code/message, SDK class names, the masked key and
 * retry hints out of any text form (JSON, Python dict repr, v0 log lines, Node/Go/.NET prints).
 * Every regex here is linear (no nested quantifiers) and runs over bounded text.
 */
import { boundText } from './bound-text.ts';
import { findBearer, findHeaders, findRequestId, findRequestLine, findUrls } from './fields.ts';
import { detectProvider } from './provider.ts';
import { toRawInput } from './to-text.ts';
import type { DiagnoseInput, Signals } from './types.ts';

const MAX_FIELDS = 200;

// key = value pairs in JSON, Python dicts, v0 logs (`error_code=None`), .NET/Go prints and Rust
// Debug output (`code: Some("model_not_found")`).
const FIELD =
	/(?<![\w-])["']?(message|type|code|param|error_code|error_type|error_message|error_param|error)["']?\s*(?:[:=]|\s\.(?=\s))\s*(?:Some\()?("(?:[^"\\\n]|\\.){0,4000}"|'(?:[^'\\\n]|\\.){0,4000}'|[\w.-]{1,80})/gi;

const CLASS =
	/\b(AuthenticationError|PermissionDeniedError|NotFoundError|RateLimitError|BadRequestError|UnprocessableEntityError|ConflictError|InternalServerError|ServiceUnavailableError|BadGatewayError|GatewayTimeoutError|APIConnectionError|APITimeoutError|APIConnectionTimeoutError|InvalidRequestError|APIStatusError|APIError|OpenAIError|ClientResultException|NonTransientAiException|TransientAiException|BadRequestException|UnauthorizedException|PermissionDeniedException|NotFoundException|UnprocessableEntityException|RateLimitException|InternalServerException)\b/g;

const classStatus: Record<string, number> = {
	AuthenticationError: 401,
	PermissionDeniedError: 403,
	NotFoundError: 404,
	ConflictError: 409,
	UnprocessableEntityError: 422,
	RateLimitError: 429,
	BadRequestError: 400,
	// openai-python 0.x raised InvalidRequestError for 400s (and some 404s, whose messages say so).
	InvalidRequestError: 400,
	InternalServerError: 500,
	BadGatewayError: 502,
	ServiceUnavailableError: 503,
	GatewayTimeoutError: 504,
	// openai-java (com.openai.errors), whose messages read "404: null" when the body was empty.
	BadRequestException: 400,
	UnauthorizedException: 401,
	PermissionDeniedException: 403,
	NotFoundException: 404,
	UnprocessableEntityException: 422,
	RateLimitException: 429,
	InternalServerException: 500,
};

// Error types that stand for a status (Anthropic's and several OpenAI-compatible servers' bodies).
const typeStatus: Record<string, number> = {
	authentication_error: 401,
	permission_error: 403,
	not_found_error: 404,
	rate_limit_error: 429,
	request_too_large: 413,
	overloaded_error: 529,
};

const KNOWN_STATUS = new Set([
	400, 401, 402, 403, 404, 405, 407, 408, 409, 413, 415, 422, 424, 429, 500, 502, 503, 504, 520,
	521, 522, 523, 524, 529,
]);

// Most reliable first: explicit "Error code: 401", "HTTP/1.1 429", "status: 403", Go's
// "[429:insufficient_quota]", then Node's "<Class>: 401 Message" / a line starting "429 You ...".
const STATUS_PATTERNS = [
	/Error code:? (\d{3})\b/i,
	/\bHTTP\/\d(?:\.\d)?\s+(\d{3})\b/,
	// Not an "Upstream status code": that is a third party's answer to OpenAI (a file host's).
	/(?<!upstream )\b(?:HTTP|status(?:[ _]?code)?|statusCode|status_code|response[ _]code)["']?\s*[:=]?\s*(\d{3})\b/i,
	/\bHTTP (?:status |response )?code:?\s*(\d{3})\b/i,
	/\[(\d{3}):[a-z_]+\]/,
	/\b(?:response |status |error )?code (?:was|is|of) (\d{3})\b/i,
	// Google Apps Script's UrlFetchApp: "Request failed for https://… returned code 502".
	/\breturned (?:(?:status|HTTP|response) )?(?:code|status):? ?(\d{3})\b/i,
	/\berror:? \(?(\d{3})\)?(?! ?ms)\b/i,
	// Logs translated by an app: 错误代码 / 状态码 (Chinese), エラーコード / ステータスコード (Japanese).
	/(?:错误代码|错误码|状态码|エラーコード|ステータスコード)\s*[:：]?\s*(\d{3})\b/,
	/(?:^|[\s:([`'">])(\d{3})(?=[\s:-]{1,3}(?:[A-Z{"'([]|status code))/m,
	// Prose: "I keep getting 405 errors", "openAI 500 errors".
	/\b([45]\d\d) errors?\b/i,
	// A status with its own reason phrase, in any case: "404 not found", "429 too many requests".
	/\b([45]\d\d)\s+(?:not found|bad request|unauthorized|forbidden|payment required|too many requests|internal server error|bad gateway|service unavailable|gateway time-?out)\b/i,
];

function unquote(raw: string): string {
	if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'")) {
		return raw
			.slice(1, -1)
			.replace(/\\(["'\\/])/g, '$1')
			.replace(/\\n/g, '\n');
	}
	return raw;
}

// Error codes after the labels apps translate them with (Chinese, Japanese), full-width colon too.
const TRANSLATED_CODE = /(?:错误代码|错误码|エラーコード)\s*[:：]\s*([a-z][a-z0-9_]{3,60})\b/gi;

// A body whose `code` is the status itself (OpenRouter and many relays: `"code": 401`), also as
// openai-python 0.x logs Azure's (`error_code=404`).
const NUMERIC_CODE = /["']code["']\s*:\s*(\d{3})\b|\berror_code=(\d{3})\b/;

// The standard reason phrase alone ("Unauthorized", "Too Many Requests"), as some clients print
// the status; exact capitalisation, so prose such as "model not found" does not count.
const REASON_PHRASE =
	/\b(Payment Required|Unauthorized|Forbidden|Not Found|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b/;
const reasonStatus: Record<string, number> = {
	'Payment Required': 402,
	Unauthorized: 401,
	Forbidden: 403,
	'Not Found': 404,
	'Too Many Requests': 429,
	'Internal Server Error': 500,
	'Bad Gateway': 502,
	'Service Unavailable': 503,
	'Gateway Timeout': 504,
	'Gateway Time-out': 504,
};

function findStatus(text: string): number | undefined {
	for (const pattern of STATUS_PATTERNS) {
		const match = pattern.exec(text);
		const status = match ? Number(match[1]) : NaN;
		if (KNOWN_STATUS.has(status)) return status;
	}
	const numeric = NUMERIC_CODE.exec(text);
	const code = Number(numeric?.[1] ?? numeric?.[2]);
	if (KNOWN_STATUS.has(code)) return code;
	return undefined;
}

/** The status a reason phrase stands for, when no number was printed. */
function findReasonStatus(text: string): number | undefined {
	const phrase = REASON_PHRASE.exec(text)?.[1];
	return phrase ? reasonStatus[phrase] : undefined;
}

const MASKED =
	/Incorrect API key provided:\s?((?:[^\n]|\n(?=\.)){0,400}?)(?:\.\s+You can (?:find|obtain|get|create)|\.?\s*["'\\]*\s*,\s*["']?(?:type|code|param)["']?\s*:|\.?["'\\]*\s*\}|\.?[ \t]*(?:\r?\n(?!\.)|$))/;
// Servers that echo only the key's end: "Authentication Fails, Your api key: ****abcd is invalid".
const KEY_TAIL = /\byour api key:? \*{2,}([^\s*]{0,16}) is invalid/i;
const RETRY =
	/(?:try again in|retry after|retry-after:?)\s*([\d.]+\s*(?:ms|s|m|seconds?|minutes?)?(?:[\d.]+(?:ms|s))?)/i;
const MODEL = /\b(?:model|to model|the model:?|for)\s*[`'"]([\w.:/-]{1,80})[`'"]/i;
const RATE_MODEL = /Rate limit reached for (?:default-)?([\w.:/-]{1,80}) in/;

// The masked-key pattern runs on a short slice after each of the first few occurrences only: run
// over a whole paste that repeats the phrase without an ending, it would retry at every one.
function findMasked(text: string): RegExpExecArray | null {
	let from = 0;
	for (let n = 0; n < 3; n++) {
		const at = text.indexOf('Incorrect API key provided:', from);
		if (at < 0) return null;
		const match = MASKED.exec(text.slice(at, at + 480));
		if (match) return match;
		from = at + 27;
	}
	return null;
}

/** Builds the signals the rules read. Never throws. */
export function readSignals(input: DiagnoseInput): Signals {
	const raw = toRawInput(input);
	// Undo one level of string escaping (`\"message\": \"...\"` inside a logged string).
	// Runs of spaces and tabs become one space: wrapped or aligned logs split phrases with them.
	// Box-drawing frames that terminal UIs draw around a message (│ ┌ └) become spaces.
	const text = boundText(raw.text)
		.replace(/[\u2500-\u257f]/g, ' ')
		.replace(/\\"/g, '"')
		.replace(/\\n/g, '\n')
		.replace(/[ \t]{2,}/g, ' ');
	const signals: Signals = {
		text,
		lower: text.toLowerCase(),
		types: [],
		codes: [],
		messages: [],
		classes: [],
		params: [],
		urls: [],
		// Headers printed in the text (curl -i, httpx logs), then the real ones over them.
		headers: { ...findHeaders(text), ...raw.headers },
	};
	let count = 0;
	for (const match of text.matchAll(FIELD)) {
		if (++count > MAX_FIELDS) break;
		const key = match[1].toLowerCase();
		// Capitalised keys ("Code: x, Message: y") are a wrapper's re-format; "Error:" there is a label.
		if (key === 'error' && match[1] !== 'error') continue;
		const value = unquote(match[2]);
		if (key === 'type' || key === 'error_type') {
			if (/^[a-z_]{2,60}$/.test(value) && value !== 'error') signals.types.push(value);
		} else if (key === 'code' || key === 'error_code') {
			if (value !== 'None' && value !== 'null') signals.codes.push(value.toLowerCase());
		} else if (key === 'param' || key === 'error_param') {
			if (match[2].length > 2 && value !== 'None' && value !== 'null') signals.params.push(value);
		} else if (key === 'error') {
			// `{"error": "slow down"}`: the error is a bare string.
			if (match[2].length > 2 && /^["']/.test(match[2])) signals.messages.push(value);
		} else if (match[2].length > 2) {
			signals.messages.push(value);
		}
	}
	// A code after a translated label, as apps print it: "错误代码：account_deactivated".
	for (const match of text.matchAll(TRANSLATED_CODE)) {
		if (!signals.codes.includes(match[1].toLowerCase())) signals.codes.push(match[1].toLowerCase());
	}
	for (const match of text.matchAll(CLASS)) {
		if (!signals.classes.includes(match[1])) signals.classes.push(match[1]);
		if (signals.classes.length > 20) break;
	}
	signals.status =
		raw.status ??
		findStatus(text) ??
		signals.classes.map((name) => classStatus[name]).find((status) => status !== undefined) ??
		signals.types.map((type) => typeStatus[type]).find((status) => status !== undefined) ??
		findReasonStatus(text);
	const masked = findMasked(text);
	if (masked) signals.maskedKey = masked[1].trim() === '' ? '' : masked[1].replace(/^\s+/, '');
	const tail = KEY_TAIL.exec(text);
	if (tail) signals.keyTail = tail[1];
	const headers = signals.headers;
	signals.requestId = headers['x-request-id'] ?? findRequestId(text);
	signals.retryAfter =
		headers['retry-after-ms'] !== undefined
			? `${headers['retry-after-ms']}ms`
			: (headers['retry-after'] ?? RETRY.exec(text)?.[1]?.trim());
	signals.urls = findUrls(text);
	const line = findRequestLine(text);
	signals.method = line.method;
	signals.echoedPath = line.echoedPath;
	signals.bearer = findBearer(text);
	signals.provider = detectProvider(text, signals.urls);
	signals.model = RATE_MODEL.exec(text)?.[1] ?? MODEL.exec(text)?.[1];
	return signals;
}
