/**
 * The practice API's whole state in one plain object. The caller owns it (tests, the practice
 * console and scenario checks read it directly), so every field is plain data. Records keyed by
 * ids from requests are null-prototype objects (`record()`), so an id like `__proto__` or
 * `constructor` is just a missing key, never Object.prototype.
 */
import type { Random } from './random.ts';

/** Injectable time, so rate-limit windows are tested without sleeping. */
export type Clock = { now(): number };

/** Access a restricted key grants to one resource. */
export type Access = 'none' | 'read' | 'write';

/** Resources of the platform's "Restricted" key permissions page. */
export const RESOURCES = [
	'models',
	'model_capabilities',
	'responses',
	'assistants',
	'threads',
	'evals',
	'fine_tuning',
	'files',
	'vector_stores',
	'batch',
	'realtime',
] as const;
/** One restrictable resource. */
export type Resource = (typeof RESOURCES)[number];

/** A key's permission level, as on the platform's "Create new secret key" dialog. */
export type Permissions =
	| { kind: 'all' }
	| { kind: 'read_only' }
	| { kind: 'restricted'; resources: Partial<Record<Resource, Access>> };

/** The real key shapes. */
export type KeyShape = 'project' | 'service_account' | 'legacy' | 'admin';

/**
 * Failures that can be forced on a key (or on every key). `stream_error` breaks a stream off
 * with an overload error event after it started (HTTP 200); outside a stream it is a 503.
 */
export type ForcedFailure = 'server_error' | 'overloaded' | 'stream_error';

/** Per-key rate-limit overrides. `windowMs` lets a scenario use a seconds-long "minute". */
export type KeyLimits = { rpm?: number; tpm?: number; windowMs?: number };

/** One API key. The secret itself lives only in `PracticeState.secrets`. */
export type KeyRecord = {
	id: string;
	name: string;
	shape: KeyShape;
	owner: 'user' | 'service_account';
	orgId: string;
	projectId: string;
	permissions: Permissions;
	status: 'active' | 'revoked';
	/** `sk-proj-...ABCD`, as the platform's key list shows it. */
	redacted: string;
	createdAt: number;
	lastUsedAt: number | null;
	limits: KeyLimits;
	/** Behaviour that applies to every request with this key (scenario keys). */
	simulate?: 'server_error' | 'overloaded' | 'region_blocked' | 'org_not_verified';
	/** Set for the always-present scenario keys. */
	scenario?: string;
	/** The service account that owns the key (keys issued through the Admin API). */
	serviceAccountId?: string;
	/** When the key stops working (ms); admin keys made with `expires_in_seconds`. */
	expiresAt?: number | null;
};

/** A project's service account: a bot identity whose keys survive people leaving. */
export type ServiceAccount = {
	id: string;
	projectId: string;
	name: string;
	role: 'member' | 'owner';
	createdAt: number;
};

/** One billed model call, kept for the Admin API's usage and costs reports. */
export type UsageEvent = {
	time: number;
	keyId: string;
	projectId: string;
	model: string;
	/** `completions` for chat and Responses calls, `embeddings` for embeddings. */
	kind: 'completions' | 'embeddings';
	inputTokens: number;
	outputTokens: number;
	costUsd: number;
};

/** An organization; its status and billing drive the account-level errors. */
export type Organization = {
	id: string;
	/** Value of the `openai-organization` response header. */
	slug: string;
	name: string;
	status: 'active' | 'deactivated';
	billing: 'active' | 'inactive';
	/** Prepaid credit left, USD. `null` means unlimited. */
	creditsUsd: number | null;
};

/** A project: budget, model allowlist and rate-limit overrides. */
export type Project = {
	id: string;
	orgId: string;
	name: string;
	description: string;
	status: 'active' | 'archived';
	/** Monthly spend limit, USD; `null` for none. */
	monthlyBudgetUsd: number | null;
	spendUsd: number;
	/** Models the project may call; `null` allows all. */
	allowedModels: string[] | null;
	/** Per-model limits overriding the defaults. */
	rateLimits: Record<string, { rpm?: number; tpm?: number }>;
	createdAt: number;
	/** When the project was archived (ms), if it was. */
	archivedAt?: number;
};

/** Usage counters of one key. */
export type Usage = {
	requests: number;
	inputTokens: number;
	outputTokens: number;
	costUsd: number;
};

/** A token bucket: `level` units left at time `at`; it refills at capacity per window. */
export type Bucket = { level: number; at: number };
/** What the rate limiter remembers for one key and model. */
export type Window = { requests: Bucket; tokens: Bucket };

/** One request as the scenario checks see it. Never holds the raw key. */
export type RequestLogEntry = {
	requestId: string;
	time: number;
	method: string;
	path: string;
	status: number;
	keyId?: string;
	keyMasked?: string;
	model?: string;
	errorCode?: string | null;
	errorType?: string;
	totalTokens?: number;
	projectHeader?: string;
	organizationHeader?: string;
	stream?: boolean;
	retryCount?: number;
};

/** The state object `createPracticeApi` works on. */
export type PracticeState = {
	clock: Clock;
	seed: string;
	random: Random;
	orgs: Record<string, Organization>;
	projects: Record<string, Project>;
	keys: Record<string, KeyRecord>;
	/** secret -> key id. */
	secrets: Map<string, string>;
	serviceAccounts: Record<string, ServiceAccount>;
	usage: Record<string, Usage>;
	/** Billed calls, oldest first; bounded like the request log. */
	usageEvents: UsageEvent[];
	/** `${keyId} ${model}` -> window. */
	windows: Record<string, Window>;
	/** Failures to serve before normal replies: per key id, or `*` for any key. */
	forcedFailures: Record<string, Array<ForcedFailure>>;
	/** The org every new key and project joins by default. */
	defaultOrgId: string;
	defaultProjectId: string;
	requestLog: RequestLogEntry[];
	/** Oldest entries are dropped (in batches, up to 10% late) beyond this, bounding memory. */
	requestLogLimit: number;
	/** Unexpected exceptions caught by the handler; a healthy run keeps this at 0. */
	crashes: number;
	counter: number;
};

/** An empty record with no prototype: ids from requests can never reach Object.prototype. */
export function record<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}
