/**
 * The live key check: format, authentication (GET /models), access to one model, and, only on
 * opt-in because it may cost a fraction of a cent, one minimal request showing quota and limits.
 * Every step records what it sent (key redacted), what came back, and the diagnosis.
 */
import { inspectKey } from '../keys/inspect-key.ts';
import type { CheckKeyOptions, CheckStep, KeyCheck } from './check-types.ts';
import { call, type Call } from './check-http.ts';
import { diagnose } from './diagnose.ts';
import { buildDiagnosis } from './dress.ts';
import { RECOMMENDED_MODEL } from '../models/registry.ts';

export type * from './check-types.ts';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const PRACTICE_ORIGIN = 'http://localhost:4010';

function finish(step: CheckStep, options: CheckKeyOptions, steps: CheckStep[]): CheckStep {
	steps.push(step);
	options.onStep?.(step);
	return step;
}

/** Runs the check step by step; never returns or logs the key. */
export async function checkKey(key: string, options: CheckKeyOptions = {}): Promise<KeyCheck> {
	const baseURL = (options.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '');
	const model = options.model ?? RECOMMENDED_MODEL;
	const steps: CheckStep[] = [];
	const inspection = inspectKey(key);
	const result = (): KeyCheck => {
		const failed = steps.find((s) => s.status === 'fail');
		return {
			ok: !failed,
			steps,
			inspection,
			...(failed?.diagnosis ? { diagnosis: failed.diagnosis } : {}),
		};
	};

	const errors = inspection.problems.filter((p) => p.severity === 'error');
	const toPractice = baseURL.startsWith(PRACTICE_ORIGIN);
	const formatProblem =
		errors.length > 0
			? errors.map((p) => p.message)
			: inspection.practice && !toPractice
				? ['This is a practice key: it only works with the practice API.']
				: !inspection.practice && toPractice
					? ['This looks like a real key: keylab never sends a real key to the practice API.']
					: [];
	if (formatProblem.length > 0) {
		const id = inspection.problems.some((p) => p.code === 'empty')
			? 'missing_key'
			: inspection.practice || toPractice
				? 'invalid_key'
				: 'malformed_key';
		finish(
			{
				id: 'format',
				title: 'Key format',
				status: 'fail',
				summary: formatProblem[0],
				diagnosis: buildDiagnosis(id, {
					confidence: 1,
					evidence: formatProblem,
					explanation: formatProblem.join(' '),
				}),
			},
			options,
			steps,
		);
		return result();
	}
	const warnings = inspection.problems.map((p) => p.message);
	finish(
		{
			id: 'format',
			title: 'Key format',
			status: warnings.length ? 'warn' : 'pass',
			summary:
				warnings[0] ??
				`Looks like a ${inspection.type.replace('_', ' ')} key (${inspection.length} characters)${inspection.practice ? ', practice' : ''}.`,
		},
		options,
		steps,
	);

	const auth = await call(key, 'GET', `${baseURL}/models`, options);
	const authStep = judge('authentication', 'Authentication (GET /models)', auth, (body) => {
		const data = (body as { data?: { id?: string }[] } | null)?.data;
		return `Key accepted; ${Array.isArray(data) ? data.length : 'some'} models visible.`;
	});
	finish(authStep, options, steps);
	// A restricted key may lack api.model.read yet call models: go on only in that case.
	if (authStep.status === 'fail' && authStep.diagnosis?.id !== 'missing_scopes') return result();

	const access = await call(key, 'GET', `${baseURL}/models/${encodeURIComponent(model)}`, options);
	const accessStep = finish(
		judge('model_access', `Access to ${model}`, access, () => `${model} is available to this key.`),
		options,
		steps,
	);
	if (accessStep.status === 'fail' && accessStep.diagnosis?.id !== 'missing_scopes')
		return result();

	if (!options.allowBillableRequest) {
		finish(
			{
				id: 'quota',
				title: 'Quota, rate limits and calling the model',
				status: 'skipped',
				summary:
					'Not run: it sends one tiny billable request (a fraction of a cent). Opt in to check quota, rate limits and whether a restricted key may call the model.',
			},
			options,
			steps,
		);
		return result();
	}
	const body = {
		model,
		messages: [{ role: 'user', content: 'Say OK.' }],
		max_completion_tokens: 1,
	};
	const quota = await call(key, 'POST', `${baseURL}/chat/completions`, options, body);
	finish(
		judge('quota', 'Quota, rate limits and calling the model (1 tiny request)', quota, () =>
			limitsSummary(quota.response?.headers ?? {}),
		),
		options,
		steps,
	);
	return result();
}

function judge(
	id: CheckStep['id'],
	title: string,
	made: Call,
	onOk: (body: unknown) => string,
): CheckStep {
	const base = { id, title, request: made.request, durationMs: made.ms };
	if (!made.response) {
		const diagnosis = diagnose({ error: made.error });
		return { ...base, status: 'fail', summary: diagnosis.title, diagnosis };
	}
	const { status, headers } = made.response;
	if (status >= 200 && status < 300)
		return { ...base, response: made.response, status: 'pass', summary: onOk(made.body) };
	const diagnosis = diagnose({ status, headers, body: made.body });
	return { ...base, response: made.response, status: 'fail', summary: diagnosis.title, diagnosis };
}

function limitsSummary(headers: Record<string, string>): string {
	const pick = (name: string) => headers[`x-ratelimit-${name}`];
	if (!pick('limit-requests') && !pick('limit-tokens'))
		return 'The request succeeded: quota is available.';
	return `Quota available. This minute: ${pick('remaining-requests') ?? '?'}/${pick('limit-requests') ?? '?'} requests and ${pick('remaining-tokens') ?? '?'}/${pick('limit-tokens') ?? '?'} tokens left.`;
}
