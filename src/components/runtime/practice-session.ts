/**
 * The page's ONE practice API. The sandbox, the practice console and the scenario cards all share
 * it, so a key created in the console works in the sandbox and a scenario check sees the requests
 * the sandbox made. It is created on first use: a page nobody runs code on never loads it.
 */
import type { PracticeFetch } from '../../../sandbox/engines/types.ts';
import type { PracticeApi } from '../../../sandbox/practice-api/index.ts';

/** What every consumer gets: the instance, its fetch handler and the base URL samples use. */
export interface PracticeSession {
	api: PracticeApi;
	/** Answers a request as the practice API would; engines route practice requests here. */
	fetch: PracticeFetch;
	/** `http://localhost:4010/v1`, what `OPENAI_BASE_URL` is set to in practice mode. */
	baseURL: string;
}

/** One always-present practice key and what it does (GET /__practice/scenario-keys). */
export interface ScenarioKeyInfo {
	key: string;
	behavior: string;
	description: string;
}

let session: Promise<PracticeSession> | undefined;
let scenarioKeys: Promise<ScenarioKeyInfo[]> | undefined;

/** The page's practice session, created on the first call; every later call gets the same one. */
export function getPracticeSession(): Promise<PracticeSession> {
	session ??= import('../../../sandbox/practice-api/index.ts').then((module) => {
		// One instance per page: every consumer awaits this same promise.
		const api = module.createPracticeApi();
		return {
			api,
			fetch: (request: Request) => api.fetch(request),
			baseURL: module.PRACTICE_BASE_URL,
		};
	});
	return session;
}

/** The scenario keys, fetched from the practice API once per page. */
export function getScenarioKeys(): Promise<ScenarioKeyInfo[]> {
	scenarioKeys ??= getPracticeSession().then(async ({ fetch, baseURL }) => {
		const origin = new URL(baseURL).origin;
		const response = await fetch(new Request(`${origin}/__practice/scenario-keys`));
		const body = (await response.json()) as ScenarioKeyInfo[] | { data: ScenarioKeyInfo[] };
		return Array.isArray(body) ? body : body.data;
	});
	return scenarioKeys;
}

/** The secret of the scenario key with `behavior` (`valid` is the ordinary working key). */
export async function practiceKey(behavior = 'valid'): Promise<string> {
	const keys = await getScenarioKeys();
	const found = keys.find((entry) => entry.behavior === behavior) ?? keys[0];
	if (!found) throw new Error('The practice API lists no scenario keys.');
	return found.key;
}
