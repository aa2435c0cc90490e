/** GET /v1/models and GET /v1/models/{id}. */
import { jsonReply, errorReply } from '../call.ts';
import { findModel, modelObject, servedModels, shutDownError } from '../models.ts';
import { authorize } from '../pipeline.ts';
import { admitRead } from './read.ts';
import * as wire from '../wire-errors.ts';
import type { Need } from '../auth.ts';
import type { PracticeState } from '../state.ts';

// Serialised once per UTC day: the list changes only when a model's shutdown date comes.
let cached: { day: number; body: string } | undefined;
function list(now: number): string {
	const day = Math.floor(now / 86_400_000);
	if (cached?.day !== day) {
		const data = servedModels(now).map(modelObject);
		cached = { day, body: JSON.stringify({ object: 'list', data }, null, 2) };
	}
	return cached.body;
}

const NEED: Need = { resource: 'models', access: 'read', scope: 'api.model.read' };

/** Lists every model. */
export function listModels(state: PracticeState, request: Request, path: string): Response {
	const auth = authorize(state, request, path, NEED);
	if (!auth.ok) return auth.response;
	const { call, caller } = auth.value;
	const failed = admitRead(call, caller);
	if (failed) return failed;
	return jsonReply(call, list(state.clock.now()));
}

/** Retrieves one model, or 404 model_not_found. */
export function getModel(
	state: PracticeState,
	request: Request,
	path: string,
	id: string,
): Response {
	const auth = authorize(state, request, path, NEED);
	if (!auth.ok) return auth.response;
	const { call, caller } = auth.value;
	call.log.model = id;
	const failed = admitRead(call, caller);
	if (failed) return failed;
	const model = findModel(id, state.clock.now());
	if (!model)
		return errorReply(call, shutDownError(id, state.clock.now()) ?? wire.modelNotFound(id));
	return jsonReply(call, modelObject(model));
}
