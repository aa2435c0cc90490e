import type { KeyInspection } from '../keys/inspect-key.ts';
import type { Diagnosis } from './types.ts';

export type CheckStepId = 'format' | 'authentication' | 'model_access' | 'quota';

/** What a step sent: never the key (the Authorization header is redacted). */
export interface SentRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: string;
}

/** What came back, trimmed to what explains the result. */
export interface ReceivedResponse {
	status: number;
	requestId?: string;
	/** x-ratelimit-*, retry-after, openai-organization, openai-project, openai-processing-ms. */
	headers: Record<string, string>;
	/** The API's error object, if any (message scrubbed of the key). */
	error?: { message?: string; type?: string | null; code?: string | number | null };
}

export interface CheckStep {
	id: CheckStepId;
	title: string;
	status: 'pass' | 'fail' | 'warn' | 'skipped';
	/** One line for a person. */
	summary: string;
	request?: SentRequest;
	response?: ReceivedResponse;
	/** Set when the step failed or warned. */
	diagnosis?: Diagnosis;
	durationMs?: number;
}

export interface CheckKeyOptions {
	/** Default https://api.openai.com/v1. */
	baseURL?: string;
	/** The model whose access is checked (default: the registry's RECOMMENDED_MODEL). */
	model?: string;
	/** Runs the one minimal request that may cost a fraction of a cent. Default false. */
	allowBillableRequest?: boolean;
	/** Default globalThis.fetch; tests pass the practice API's handler or a fake. */
	fetch?: (request: Request) => Promise<Response>;
	signal?: AbortSignal;
	/** Sent as OpenAI-Organization / OpenAI-Project when given (as OPENAI_ORG_ID would). */
	organization?: string;
	project?: string;
	/** Called as each step finishes, for progress. */
	onStep?: (step: CheckStep) => void;
}

export interface KeyCheck {
	/** True when no step failed. */
	ok: boolean;
	steps: CheckStep[];
	/** The diagnosis of the first failing step. */
	diagnosis?: Diagnosis;
	inspection: KeyInspection;
}
