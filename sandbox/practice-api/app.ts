/**
 * The Hono app: /v1 routes, CORS preflight, unknown URLs and methods, and the admin surface.
 * Handlers get the raw web Request so the same code runs in Node, a browser tab and a worker.
 */
import { Hono } from 'hono';
import { adminRoutes } from './admin-routes.ts';
import { beginCall, errorReply } from './call.ts';
import { createEmbeddings } from './routes/embeddings.ts';
import { chatCompletions } from './routes/chat.ts';
import { getModel, listModels } from './routes/models.ts';
import { organizationRoutes } from './routes/organization.ts';
import { createResponse } from './routes/responses.ts';
import * as wire from './wire-errors.ts';
import type { PracticeState } from './state.ts';

/** Which method each known /v1 path answers. */
function routeMethod(path: string): string | null {
	if (path === '/v1/models' || /^\/v1\/models\/[^/]+$/.test(path)) return 'GET';
	if (path === '/v1/chat/completions' || path === '/v1/responses' || path === '/v1/embeddings') {
		return 'POST';
	}
	return null;
}

function pathOf(request: Request): string {
	try {
		return new URL(request.url).pathname;
	} catch {
		return '/';
	}
}

/** A 404 unknown_url or 405 reply, logged like any other request. */
function noRoute(state: PracticeState, request: Request): Response {
	const path = pathOf(request);
	const call = beginCall(state, request, path);
	const method = routeMethod(path);
	if (method && request.method !== 'OPTIONS') {
		return errorReply(call, {
			status: 405,
			error: {
				message: `Invalid method for URL (${request.method} ${path})`,
				type: 'invalid_request_error',
				param: null,
				code: null,
			},
		});
	}
	const response = errorReply(call, wire.unknownUrl(request.method, path));
	// A preflight to a path that does not exist gets no CORS headers (the browser then reports
	// a CORS error that hides the 404: fixtures/real-errors-dev.json, cors-wrong-endpoint-obsidian).
	if (request.method === 'OPTIONS') response.headers.delete('access-control-allow-origin');
	return response;
}

function preflight(request: Request): Response {
	const headers = new Headers({
		'access-control-allow-origin': '*',
		'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
		'access-control-max-age': '7200',
	});
	const asked = request.headers.get('access-control-request-headers');
	if (asked) headers.set('access-control-allow-headers', asked);
	return new Response(null, { status: 200, headers });
}

/** Builds the app over `state`. */
export function buildApp(state: PracticeState): Hono {
	const app = new Hono();
	app.options('*', (c) => {
		const path = pathOf(c.req.raw);
		if (routeMethod(path) || /^\/(v1\/organization|__practice)\//.test(path))
			return preflight(c.req.raw);
		return noRoute(state, c.req.raw);
	});
	app.get('/v1/models', (c) => listModels(state, c.req.raw, c.req.path));
	app.get('/v1/models/:id', (c) =>
		getModel(state, c.req.raw, c.req.path, decodeURIComponentSafe(c.req.param('id'))),
	);
	app.post('/v1/chat/completions', (c) => chatCompletions(state, c.req.raw, c.req.path));
	app.post('/v1/responses', (c) => createResponse(state, c.req.raw, c.req.path));
	app.post('/v1/embeddings', (c) => createEmbeddings(state, c.req.raw, c.req.path));
	app.route('/v1/organization', organizationRoutes(state));
	app.route('/__practice', adminRoutes(state));
	app.notFound((c) => noRoute(state, c.req.raw));
	app.onError((_error, c) => {
		state.crashes += 1;
		const call = beginCall(state, c.req.raw, pathOf(c.req.raw));
		return errorReply(call, wire.serverError(call.requestId));
	});
	return app;
}

function decodeURIComponentSafe(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
