/**
 * Dresses a cause with the catalog's text: whose error it is, fixes for that provider, the other
 * causes that also fit, and evidence with every key-shaped value redacted. For the rules' matches
 * and for callers that already know the cause (the key check, the follow-up answer).
 */
import { catalog } from './catalog.ts';
import { providerProfiles } from './provider.ts';
import { redactEvidence } from './redact-evidence.ts';
import type { Diagnosis, DiagnosisId, ProviderInfo, RuleMatch, Signals } from './types.ts';

/** "The request went to the wrong URL (base URL)" → "the request went to the wrong URL (base URL)". */
function lowerFirst(title: string): string {
	return title.charAt(0).toLowerCase() + title.slice(1);
}

const AUTH_IDS: readonly DiagnosisId[] = [
	'missing_key',
	'malformed_key',
	'invalid_key',
	'revoked_key',
	'wrong_base_url',
];

/** Fixes for an error that another provider returned: its key, its base URL, its billing. */
function providerFixes(id: DiagnosisId, provider: ProviderInfo): string[] {
	const profile = providerProfiles[provider.kind];
	if (!profile) return [];
	const fixes: string[] = [];
	if (AUTH_IDS.includes(id)) {
		fixes.push(
			`This answer came from ${provider.name}: send ${profile.key}${profile.baseUrl ? ` to ${profile.baseUrl}` : ''}. An OpenAI key does not work there, and its key does not work at api.openai.com.`,
		);
	}
	if ((id === 'insufficient_quota' || id === 'billing_not_active') && profile.billing) {
		fixes.push(
			`Add credit with ${provider.name} (${profile.billing}): OpenAI billing does not apply.`,
		);
	}
	if (id === 'model_not_found' && profile.models) {
		fixes.push(`Use a model that ${provider.name} serves: ${profile.models}.`);
	}
	return fixes;
}

/** Dresses a cause with the catalog's text; for callers that already know the cause. */
export function buildDiagnosis(
	id: DiagnosisId,
	match: RuleMatch,
	signals: Pick<Signals, 'requestId'> & Partial<Pick<Signals, 'provider'>> = {},
): Diagnosis {
	const entry = catalog[id];
	const extras: string[] = [];
	if (signals.requestId) extras.push(`Request id: ${signals.requestId}.`);
	const provider = signals.provider;
	// Whose error it is lives in `provider`, which every renderer shows first.
	const explanation: string[] = [match.explanation ?? entry.explanation];
	if (match.explanation && match.explanation !== entry.explanation)
		explanation.push(entry.explanation);
	const alternatives = (match.alternatives ?? [])
		.filter((alternative) => alternative.id !== id)
		.map((alternative) => ({
			id: alternative.id,
			title: catalog[alternative.id].title,
			why: redactEvidence(alternative.why),
		}));
	if (alternatives.length > 0) {
		explanation.push(
			`Another cause also fits, less likely: ${alternatives.map((alternative) => lowerFirst(alternative.title)).join('; ')}.`,
		);
	}
	const fixes = [
		...(provider ? providerFixes(id, provider) : []),
		...(match.fixes ?? []),
		// OpenAI's own dashboard links do not help with another provider's credit.
		...entry.fixes.filter(
			(fix) =>
				!provider ||
				!(id === 'insufficient_quota' || id === 'billing_not_active') ||
				!fix.includes('platform.openai.com'),
		),
	];
	// "OpenAI does not recognise this key" is not true of another service's answer.
	const title =
		match.title ??
		(provider && AUTH_IDS.includes(id)
			? entry.title.replace(
					'OpenAI',
					provider.name.charAt(0).toUpperCase() + provider.name.slice(1),
				)
			: entry.title);
	return {
		id,
		title: redactEvidence(title),
		confidence: match.confidence,
		explanation: redactEvidence([...explanation, ...extras].join(' ')),
		evidence: match.evidence.map(redactEvidence),
		fixes: [...new Set(fixes.map(redactEvidence))],
		retryable: match.retryable ?? entry.retryable,
		lesson: match.lesson ?? entry.lesson,
		...(provider ? { provider: { ...provider, evidence: redactEvidence(provider.evidence) } } : {}),
		...(alternatives.length > 0 ? { alternatives } : {}),
	};
}
