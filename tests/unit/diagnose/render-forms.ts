/**
 * Renders one API error the way each client prints it, so every diagnosis id is tested in every
 * input form: Python v1, Node SDK, raw HTTP, bare JSON, browser console, curl, structured object,
 * LiteLLM, Go and .NET.
 */
export interface ApiError {
	status: number;
	type: string | null;
	code: string | null;
	message: string;
}

const classByStatus: Record<number, string> = {
	400: 'BadRequestError',
	401: 'AuthenticationError',
	403: 'PermissionDeniedError',
	404: 'NotFoundError',
	429: 'RateLimitError',
	500: 'InternalServerError',
	502: 'InternalServerError',
	503: 'InternalServerError',
};

const reason: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

// Python's repr: single quotes unless the string holds one, None for null.
function py(value: string | null): string {
	if (value === null) return 'None';
	return value.includes("'") ? `"${value}"` : `'${value}'`;
}

function pyDict(error: ApiError): string {
	return `{'error': {'message': ${py(error.message)}, 'type': ${py(error.type)}, 'param': None, 'code': ${py(error.code)}}}`;
}

function body(error: ApiError) {
	return { error: { message: error.message, type: error.type, param: null, code: error.code } };
}

/** Every printed form of `error`, by name. */
export function renderForms(error: ApiError): Record<string, unknown> {
	const cls = classByStatus[error.status] ?? 'APIStatusError';
	const json = JSON.stringify(body(error), null, 2);
	return {
		python: [
			'Traceback (most recent call last):',
			'  File "/app/main.py", line 12, in <module>',
			'    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)',
			`openai.${cls}: Error code: ${error.status} - ${pyDict(error)}`,
		].join('\n'),
		node: [
			`${cls}: ${error.status} ${error.message}`,
			'    at APIError.generate (file:///app/node_modules/openai/core/error.mjs:41:20)',
			'    at OpenAI.makeStatusError (file:///app/node_modules/openai/client.mjs:210:32)',
		].join('\n'),
		http: [
			`HTTP/2 ${error.status}`,
			'content-type: application/json',
			'x-request-id: req_0123456789abcdef0123456789abcdef',
			'',
			json,
		].join('\n'),
		json: JSON.stringify(body(error)),
		browser: [
			`POST https://api.openai.com/v1/chat/completions ${error.status} (${reason[error.status] ?? ''})`,
			`Uncaught (in promise) Error: ${error.status} ${error.message}`,
			'    at async handleSubmit (index.js:42:17)',
		].join('\n'),
		curl: [
			'$ curl https://api.openai.com/v1/chat/completions -H "Content-Type: application/json" -H "Authorization: Bearer $OPENAI_API_KEY" -d \'{"model": "gpt-4o-mini"}\'',
			json,
		].join('\n'),
		structured: {
			status: error.status,
			headers: { 'content-type': 'application/json', 'x-request-id': 'req_0' },
			body: body(error),
		},
		litellm: `litellm.${cls}: ${cls}: OpenAIException - Error code: ${error.status} - ${pyDict(error)}`,
		go: `POST "https://api.openai.com/v1/chat/completions": ${error.status} ${reason[error.status] ?? ''} ${JSON.stringify(body(error))}`,
		dotnet: `System.ClientModel.ClientResultException: HTTP ${error.status} (${error.type ?? ''}: ${error.code ?? ''})\n\n${error.message}`,
	};
}
