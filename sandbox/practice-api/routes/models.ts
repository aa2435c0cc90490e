/** GET /v1/models and GET /v1/models/{id}. */
import { jsonReply, errorReply } from '../call.ts';
import { findModel, modelObject, MODELS } from '../models.ts';
import { authorize } from '../pipeline.ts';
import { admitRead } from './read.ts';
import * as wire from '../wire-errors.ts';
import type { Need } from '../auth.ts';
import type { PracticeState } from '../state.ts';

// Serialised once: the list never changes and is the largest reply.
const LIST = JSON.stringify({ object: 'list', data: MODELS.map(modelObject) }, null, 2);

const NEED: Need = { resource: 'models', access: 'read', scope: 'api.model.read' };

/** Lists every model. */
export function listModels(state: PracticeState, request: Request, path: string): Response {
	const auth = authorize(state, request, path, NEED);
	if (!auth.ok) return auth.response;
	const { call, caller } = auth.value;
	const failed = admitRead(call, caller);
	if (failed) return failed;
	return jsonReply(call, LIST);
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
	const model = findModel(id);
	if (!model) return errorReply(call, wire.modelNotFound(id));
	return jsonReply(call, modelObject(model));
}
