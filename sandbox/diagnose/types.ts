import type { LessonSlug } from '../course.ts';

/** Every cause the engine can name. */
export const diagnosisIds = [
	'missing_key',
	'malformed_key',
	'invalid_key',
	'revoked_key',
	'wrong_organization',
	'wrong_project',
	'missing_scopes',
	'unsupported_region',
	'model_not_found',
	'organization_not_verified',
	'insufficient_quota',
	'billing_not_active',
	'rate_limit',
	'server_error',
	'overloaded',
	'bad_request',
	'wrong_base_url',
	'network_error',
	'cors_blocked',
	'other',
] as const;

export type DiagnosisId = (typeof diagnosisIds)[number];

/** The engine's answer: the cause, why we think so, and what to do. */
export interface Diagnosis {
	/** The cause, one of `diagnosisIds`. */
	id: DiagnosisId;
	/** One line for a person. */
	title: string;
	/** 0..1: about 0.9 when a message or code names the cause, 0.5 when only a status does. */
	confidence: number;
	/** A few sentences: what happened and why. */
	explanation: string;
	/** Quotes from the input that decided it (raw keys redacted). */
	evidence: string[];
	/** Concrete steps, most likely first. */
	fixes: string[];
	/** True when the same request can succeed if simply retried later. */
	retryable: boolean;
	/** The lesson that explains this cause. */
	lesson: LessonSlug;
	/** Set when the error came from someone other than OpenAI (OpenRouter, Azure, a local server, a relay). */
	provider?: ProviderInfo;
	/** Other causes the evidence also fits, less likely than `id`. */
	alternatives?: Alternative[];
	/** The question that decides between the causes the text leaves open (follow-up.ts). */
	followUp?: FollowUp;
	/** Set once the person answered `followUp`: the choice they said is true. */
	answered?: DiagnosisId;
}

/** One question whose choices are facts a person can check, one per cause still open. */
export interface FollowUp {
	question: string;
	choices: { id: DiagnosisId; title: string; sign: string }[];
}

/** Whose error it is, when the evidence says so. */
export interface ProviderInfo {
	/** Stable key: `openrouter`, `azure`, `local`, `relay`, `anthropic`, `google`, ... */
	kind: string;
	/** For a person: "OpenRouter", "Azure OpenAI", "a local server". */
	name: string;
	/** What showed it. */
	evidence: string;
}

/** A second possible cause, with why it also fits. */
export interface Alternative {
	id: DiagnosisId;
	title: string;
	why: string;
}

/** A response or error object, e.g. from `fetch` or the `openai` SDK. */
export interface StructuredInput {
	status?: number;
	headers?: Headers | Record<string, string | string[] | undefined> | null;
	body?: unknown;
	error?: unknown;
}

export type DiagnoseInput = string | StructuredInput;

/** What normalisation extracted from the input; rules read only this. */
export interface Signals {
	/** The (bounded) text that was scanned, escapes undone. */
	text: string;
	/** `text` lower-cased, for phrase matching. */
	lower: string;
	status?: number;
	/** Every `error.type` / `error.code` / `error.message` value found, in order. */
	types: string[];
	codes: string[];
	messages: string[];
	/** SDK error class names seen (`RateLimitError`, `APIConnectionError`, ...). */
	classes: string[];
	/** The value after "Incorrect API key provided:", as the server masked it. */
	maskedKey?: string;
	/** The key's last characters, when a server echoed only those ("Your api key: ****abcd"). */
	keyTail?: string;
	/** Lower-cased response headers, when given. */
	headers: Record<string, string>;
	requestId?: string;
	/** "Please try again in 20s", or a retry-after header. */
	retryAfter?: string;
	/** A model name the error mentions. */
	model?: string;
	/** Every `error.param` value found. */
	params: string[];
	/** API URLs the input names (documentation links left out), in order. */
	urls: string[];
	/** The HTTP method, when the input names one with a URL or path. */
	method?: string;
	/** The path OpenAI echoed in "Invalid URL (POST /v1/...)". */
	echoedPath?: string;
	/** The key as an Authorization header echo showed it ("Bearer undefined"): never a whole key. */
	bearer?: string;
	/** Whose error it is, when something other than OpenAI answered. */
	provider?: ProviderInfo;
}

/** What a rule returns when it recognises its cause. */
export interface RuleMatch {
	/** Set when the rule's evidence points to a sibling cause (a masked key that is malformed). */
	id?: DiagnosisId;
	confidence: number;
	evidence: string[];
	/** Other causes that also fit, less likely. */
	alternatives?: { id: DiagnosisId; why: string }[];
	/** Overrides of the catalog entry, for a more specific case of the same cause. */
	title?: string;
	explanation?: string;
	/** Put before the catalog's generic fixes. */
	fixes?: string[];
	retryable?: boolean;
	lesson?: LessonSlug;
}

/** One recognisable cause. Rules are tried in order; the first that matches wins. */
export interface Rule {
	id: DiagnosisId;
	/** Short name for tests and debugging. */
	name: string;
	match(signals: Signals): RuleMatch | undefined;
}
