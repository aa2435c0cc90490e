/**
 * Per key and model rate limits as token buckets, which is what the real numbers imply: with
 * 3 RPM the 4th request hears "Please try again in 20s", and with 500 RPM one request resets
 * in "120ms". Rejected requests do not drain the bucket, so a learner who waits always recovers.
 */
import { findModel } from './models.ts';
import * as wire from './wire-errors.ts';
import type { WireError } from './wire-errors.ts';
import type { Bucket, KeyRecord, PracticeState, Project, Window } from './state.ts';

/** The limits that apply to one call. */
export type Limits = { rpm: number; tpm: number; windowMs: number };

/** Key overrides beat project overrides beat the model's tier-1 defaults. */
export function limitsFor(key: KeyRecord, project: Project | undefined, model: string): Limits {
	const info = findModel(model);
	const fromProject = project?.rateLimits[model] ?? {};
	return {
		rpm: key.limits.rpm ?? fromProject.rpm ?? info?.rpm ?? 500,
		tpm: key.limits.tpm ?? fromProject.tpm ?? info?.tpm ?? 30000,
		windowMs: key.limits.windowMs ?? 60000,
	};
}

/** A Go-style duration as the API prints it: `120ms`, `9.816s`, `20s`, `1m26.4s`, `6m0s`. */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.ceil(ms));
	if (total < 1000) return `${total}ms`;
	const hours = Math.floor(total / 3600000);
	const minutes = Math.floor((total % 3600000) / 60000);
	const seconds = String((total % 60000) / 1000) + 's';
	if (hours > 0) return `${hours}h${minutes}m${seconds}`;
	if (minutes > 0) return `${minutes}m${seconds}`;
	return seconds;
}

function refill(bucket: Bucket, capacity: number, windowMs: number, now: number): void {
	const elapsed = Math.max(0, now - bucket.at);
	bucket.level = Math.min(capacity, bucket.level + (elapsed * capacity) / windowMs);
	bucket.at = now;
}

function windowFor(state: PracticeState, keyId: string, model: string, limits: Limits): Window {
	const id = `${keyId} ${model}`;
	const now = state.clock.now();
	let w = state.windows[id];
	if (!w) {
		w = { requests: { level: limits.rpm, at: now }, tokens: { level: limits.tpm, at: now } };
		state.windows[id] = w;
	}
	refill(w.requests, limits.rpm, limits.windowMs, now);
	refill(w.tokens, limits.tpm, limits.windowMs, now);
	return w;
}

/** Takes one request and `tokens` from the buckets, or says why not (nothing is taken then). */
export function takeBudget(
	state: PracticeState,
	key: KeyRecord,
	model: string,
	tokens: number,
	limits: Limits,
): WireError | null {
	const w = windowFor(state, key.id, model, limits);
	const who = { model, orgId: key.orgId };
	if (tokens > limits.tpm) return wire.requestTooLarge(model, key.orgId, limits.tpm, tokens);
	const perMs = (capacity: number) => capacity / limits.windowMs;
	if (w.requests.level < 1) {
		const wait = (1 - w.requests.level) / perMs(limits.rpm);
		const used = Math.round(limits.rpm - w.requests.level);
		return wire.rateLimited(
			{ ...who, kind: 'requests' },
			limits.rpm,
			used,
			1,
			formatDuration(wait),
		);
	}
	if (w.tokens.level < tokens) {
		const wait = (tokens - w.tokens.level) / perMs(limits.tpm);
		const used = Math.round(limits.tpm - w.tokens.level);
		return wire.rateLimited(
			{ ...who, kind: 'tokens' },
			limits.tpm,
			used,
			tokens,
			formatDuration(wait),
		);
	}
	w.requests.level -= 1;
	w.tokens.level -= tokens;
	return null;
}

/**
 * Charges tokens beyond the up-front estimate once a reply's real count is known. Unused
 * `max_tokens` are not refunded: the docs say the limit counts max_tokens at request time.
 */
export function settleTokens(
	state: PracticeState,
	keyId: string,
	model: string,
	estimated: number,
	actual: number,
): void {
	const w = state.windows[`${keyId} ${model}`];
	if (w && actual > estimated) w.tokens.level -= actual - estimated;
}

/** The `x-ratelimit-*` headers for a key and model. */
export function rateLimitHeaders(
	state: PracticeState,
	keyId: string,
	model: string,
	limits: Limits,
): Record<string, string> {
	const w = windowFor(state, keyId, model, limits);
	const remainingRequests = Math.max(0, Math.floor(w.requests.level));
	const remainingTokens = Math.max(0, Math.floor(w.tokens.level));
	const resetRequests = ((limits.rpm - w.requests.level) * limits.windowMs) / limits.rpm;
	const resetTokens = ((limits.tpm - w.tokens.level) * limits.windowMs) / limits.tpm;
	return {
		'x-ratelimit-limit-requests': String(limits.rpm),
		'x-ratelimit-limit-tokens': String(limits.tpm),
		'x-ratelimit-remaining-requests': String(remainingRequests),
		'x-ratelimit-remaining-tokens': String(remainingTokens),
		'x-ratelimit-reset-requests': formatDuration(resetRequests),
		'x-ratelimit-reset-tokens': formatDuration(resetTokens),
	};
}
