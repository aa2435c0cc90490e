/**
 * The practice API: a wire-exact simulation of the OpenAI API as one `fetch` handler.
 * Runs in Node, a browser tab and a Web Worker: nothing imported here uses Node built-ins.
 */
import { buildApp } from './app.ts';
import { createState, type PracticeOptions } from './setup.ts';
import { serverError, errorBody } from './wire-errors.ts';
import type { PracticeState } from './state.ts';

export type * from './state.ts';
export type { PracticeOptions } from './setup.ts';
export { RESOURCES } from './state.ts';
export { FIXED_IDS, createState, seedState } from './setup.ts';
export { scenarioKey, scenarioKeys, SCENARIO_KEY_DEFS } from './scenario-keys.ts';
export type { ScenarioKey, ScenarioKeyDef } from './scenario-keys.ts';
export { MODELS, findModel } from './models.ts';
export type { ModelInfo } from './models.ts';
export { formatDuration } from './rate-limit.ts';

/** The base URL practice-mode code sees everywhere (Node server, in-process, WebContainer). */
export const PRACTICE_BASE_URL = 'http://localhost:4010/v1';

/** A running practice API: its handler and the state it works on. */
export type PracticeApi = { fetch(request: Request): Promise<Response>; state: PracticeState };

/** Creates a practice API with fresh state. `fetch` never throws. */
export function createPracticeApi(options: PracticeOptions = {}): PracticeApi {
	const state = createState(options);
	const app = buildApp(state);
	return {
		state,
		async fetch(request: Request): Promise<Response> {
			try {
				return await app.fetch(request);
			} catch {
				// Hono's onError catches handler errors; this guards the router itself.
				state.crashes += 1;
				return new Response(errorBody(serverError('req_' + '0'.repeat(32))), {
					status: 500,
					headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
				});
			}
		},
	};
}
export {
	PracticeAdminError,
	createKey,
	createProject,
	forceFailures,
	getRequestLog,
	getUsage,
	listKeys,
	listOrganizations,
	listProjects,
	parsePermissions,
	resetState,
	revokeKey,
	rotateKey,
	setKeyLimits,
	updateKey,
	updateOrganization,
	updateProject,
} from './admin.ts';
export type { CreateKeyInput, KeyView, ProjectInput } from './admin.ts';
