/** The registry of checked troubleshooting scenarios, one module each in this folder. */
import type { LessonSlug } from '../course.ts';
import { compromisedKey } from './compromised-key.ts';
import { hardCodedKey } from './hard-coded-key.ts';
import { insufficientQuota } from './insufficient-quota.ts';
import { missingKey } from './missing-key.ts';
import { missingScope } from './missing-scope.ts';
import { modelNotFound } from './model-not-found.ts';
import { organizationNotVerified } from './organization-not-verified.ts';
import { pastedKey } from './pasted-key.ts';
import { rateLimit } from './rate-limit.ts';
import { retryLoop } from './retry-loop.ts';
import { revokedKey } from './revoked-key.ts';
import { serviceAccountRotation } from './service-account-rotation.ts';
import type { Scenario } from './types.ts';
import { unusedKeys } from './unused-keys.ts';
import { usageSpike } from './usage-spike.ts';
import { wrongBaseUrl } from './wrong-base-url.ts';
import { wrongProject } from './wrong-project.ts';

export type * from './types.ts';

/** Every scenario, in course order. */
export const scenarios: readonly Scenario[] = [
	missingKey,
	pastedKey,
	revokedKey,
	missingScope,
	wrongProject,
	organizationNotVerified,
	modelNotFound,
	rateLimit,
	retryLoop,
	insufficientQuota,
	unusedKeys,
	serviceAccountRotation,
	usageSpike,
	hardCodedKey,
	compromisedKey,
	wrongBaseUrl,
];

/** Ids lessons may list in their `scenarios:` frontmatter. */
export const scenarioIds: readonly string[] = scenarios.map((scenario) => scenario.id);

/** The scenario with this id; throws for an unknown id so a typo fails loudly. */
export function getScenario(id: string): Scenario {
	const found = scenarios.find((scenario) => scenario.id === id);
	if (!found) {
		throw new Error(`Unknown scenario "${id}". Known scenarios: ${scenarioIds.join(', ')}.`);
	}
	return found;
}

/** The scenarios a lesson offers by default (those tied to it). */
export function scenariosFor(lesson: LessonSlug): Scenario[] {
	return scenarios.filter((scenario) => scenario.lesson === lesson);
}
