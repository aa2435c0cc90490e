/**
 * GET /v1/organization/usage/completions and GET /v1/organization/costs: time buckets of the
 * billed calls in `state.usageEvents`, filtered and grouped as the spec describes (`group_by`
 * by project, key or model; `project_ids`, `api_key_ids`, `models`; `limit` and `page`).
 */
import { OrgApiError } from './organization.ts';
import * as wire from './wire-errors.ts';
import type { PracticeState, UsageEvent } from './state.ts';

const WIDTHS = { '1m': 60, '1h': 3600, '1d': 86400 } as const;
// Default and largest bucket counts per width (spec: 1d 7/31, 1h 24/168, 1m 60/1440).
const LIMITS = { '1m': [60, 1440], '1h': [24, 168], '1d': [7, 31] } as const;

type Width = keyof typeof WIDTHS;
type Query = (name: string) => string[];

/** Reads a query parameter given as `a=x&a=y`, `a[]=x` (the SDK's form) or `a=x,y`. */
export function queryReader(url: URL): Query {
	return (name) =>
		[...url.searchParams.getAll(name), ...url.searchParams.getAll(name + '[]')]
			.flatMap((v) => v.split(','))
			.filter((v) => v !== '');
}

function integer(q: Query, name: string): number | undefined {
	const [value] = q(name);
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n)) {
		throw new OrgApiError(wire.invalidParameter(name, `Invalid '${name}': expected an integer.`));
	}
	return n;
}

function oneOf<T extends string>(q: Query, name: string, allowed: readonly T[]): T[] {
	const values = q(name);
	for (const value of values) {
		if (!allowed.includes(value as T)) {
			throw new OrgApiError(
				wire.invalidParameter(
					name,
					`Invalid '${name}': '${value}'. Expected one of ${allowed.join(', ')}.`,
				),
			);
		}
	}
	return values as T[];
}

type Plan = {
	start: number;
	end: number;
	width: number;
	buckets: number;
	hasMore: boolean;
	nextPage: string | null;
	groupBy: string[];
	events: UsageEvent[];
};

// The shared part of both reports: the time range, the page and the filtered events.
function plan(
	state: PracticeState,
	q: Query,
	widths: readonly Width[],
	groups: readonly string[],
	kind?: UsageEvent['kind'],
): Plan {
	const startTime = integer(q, 'start_time');
	if (startTime === undefined) throw new OrgApiError(wire.missingParameter('start_time'));
	const [width = '1d'] = oneOf(q, 'bucket_width', widths);
	const size = WIDTHS[width];
	const [fallback, max] = LIMITS[width];
	const limit = integer(q, 'limit') ?? fallback;
	if (limit < 1 || limit > max) {
		throw new OrgApiError(
			wire.invalidParameter('limit', `Invalid 'limit': expected 1 to ${max} for ${width}.`),
		);
	}
	const endTime = integer(q, 'end_time') ?? Math.floor(state.clock.now() / 1000) + 1;
	const [page] = q('page');
	const from = page !== undefined && /^\d+$/.test(page) ? Number(page) : startTime;
	const total = Math.max(0, Math.ceil((endTime - from) / size));
	const buckets = Math.min(total, limit);
	const hasMore = total > limit;
	const groupBy = oneOf(q, 'group_by', groups);
	const projects = q('project_ids');
	const keys = q('api_key_ids');
	const models = q('models');
	const events = state.usageEvents.filter(
		(e) =>
			(!kind || e.kind === kind) &&
			(projects.length === 0 || projects.includes(e.projectId)) &&
			(keys.length === 0 || keys.includes(e.keyId)) &&
			(models.length === 0 || models.includes(e.model)),
	);
	return {
		start: from,
		end: Math.min(endTime, from + buckets * size),
		width: size,
		buckets,
		hasMore,
		nextPage: hasMore ? String(from + buckets * size) : null,
		groupBy,
		events,
	};
}

function groupsOf(events: UsageEvent[], groupBy: string[]): Map<string, UsageEvent[]> {
	const groups = new Map<string, UsageEvent[]>();
	for (const e of events) {
		const id = JSON.stringify([
			groupBy.includes('project_id') ? e.projectId : null,
			groupBy.includes('api_key_id') ? e.keyId : null,
			groupBy.includes('model') || groupBy.includes('line_item') ? e.model : null,
			groupBy.includes('line_item') ? e.kind : null,
		]);
		groups.set(id, [...(groups.get(id) ?? []), e]);
	}
	return groups;
}

function page<T>(p: Plan, results: (events: UsageEvent[]) => T[]) {
	const data = Array.from({ length: p.buckets }, (_, i) => {
		const start = p.start + i * p.width;
		const end = Math.min(start + p.width, p.end);
		const inside = p.events.filter((e) => e.time >= start * 1000 && e.time < end * 1000);
		return {
			object: 'bucket' as const,
			start_time: start,
			end_time: end,
			results: results(inside),
		};
	});
	return { object: 'page' as const, data, has_more: p.hasMore, next_page: p.nextPage };
}

const sum = (events: UsageEvent[], pick: (e: UsageEvent) => number) =>
	events.reduce((total, e) => total + pick(e), 0);

/** The completions usage report. */
export function completionsUsage(state: PracticeState, q: Query) {
	const p = plan(
		state,
		q,
		['1m', '1h', '1d'],
		['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'],
		'completions',
	);
	return page(p, (events) =>
		[...groupsOf(events, p.groupBy).values()].map((group) => {
			const e = group[0];
			return {
				object: 'organization.usage.completions.result' as const,
				input_tokens: sum(group, (x) => x.inputTokens),
				output_tokens: sum(group, (x) => x.outputTokens),
				input_cached_tokens: 0,
				input_audio_tokens: 0,
				output_audio_tokens: 0,
				num_model_requests: group.length,
				// Ungrouped dimensions are null, as in the real reports.
				project_id: p.groupBy.includes('project_id') ? e.projectId : null,
				user_id: null,
				api_key_id: p.groupBy.includes('api_key_id') ? e.keyId : null,
				model: p.groupBy.includes('model') ? e.model : null,
				batch: p.groupBy.includes('batch') ? false : null,
				service_tier: p.groupBy.includes('service_tier') ? 'default' : null,
			};
		}),
	);
}

/** The costs report (1d buckets only, as the spec says). */
export function costs(state: PracticeState, q: Query) {
	const p = plan(state, q, ['1d'], ['project_id', 'line_item', 'api_key_id']);
	return page(p, (events) =>
		[...groupsOf(events, p.groupBy).values()].map((group) => {
			const e = group[0];
			return {
				object: 'organization.costs.result' as const,
				amount: { value: sum(group, (x) => x.costUsd), currency: 'usd' },
				line_item: p.groupBy.includes('line_item') ? `${e.model}, ${e.kind}` : null,
				project_id: p.groupBy.includes('project_id') ? e.projectId : null,
				api_key_id: p.groupBy.includes('api_key_id') ? e.keyId : null,
			};
		}),
	);
}
