/**
 * What issue 7 asks each lesson to let the learner *do*: a sandbox, the practice console or a
 * checked scenario. The course test asserts these on the built pages.
 */
import type { LessonSlug } from '../../../sandbox/course.ts';

/** A kind of hands-on embed, and the custom element its component renders. */
export const embedElements = {
	sandbox: 'keylab-sandbox',
	console: 'keylab-practice-console',
	scenario: 'keylab-scenario',
} as const;

export type EmbedKind = keyof typeof embedElements;

/** Lessons that must teach by doing, with the embeds each one needs (issue 7's lesson list). */
export const handsOn: Partial<Record<LessonSlug, readonly EmbedKind[]>> = {
	'start/what-is-an-api-key': ['sandbox'],
	'keys/generate-your-first-key': ['console'],
	'keys/restricted-permissions': ['scenario'],
	'keys/projects': ['scenario'],
	'keys/keeping-keys-safe': ['scenario'],
	'using/first-call': ['sandbox'],
	'using/managing-many-keys': ['console', 'sandbox'],
	'using/rotate-and-audit-keys': ['console', 'sandbox', 'scenario'],
	'troubleshooting/key-does-not-work': ['scenario'],
	'troubleshooting/permissions-and-projects': ['scenario'],
	'troubleshooting/model-not-found': ['scenario'],
	'troubleshooting/rate-limits': ['scenario'],
	'troubleshooting/billing-and-quota': ['scenario'],
	'troubleshooting/compromised-key': ['scenario'],
	'troubleshooting/network-and-cors': ['scenario'],
};

/**
 * PENDING: embed kinds whose component is not built yet, so no lesson can contain it. The test
 * lists these as todo instead of asserting them. When a component lands, delete its kind here:
 * the assertions switch on for every lesson above. Keep this list short and honest.
 */
export const pendingKinds: ReadonlySet<EmbedKind> = new Set<EmbedKind>([]);

/**
 * PENDING: single lessons whose embed exists as a component but is not placed yet. Same rule:
 * remove the entry once the lesson embeds it.
 */
export const pendingLessons: ReadonlySet<`${LessonSlug}:${EmbedKind}`> = new Set([]);

/** Lessons the `lessons` engineer does not own (checked for existence only). */
export const notALesson: ReadonlySet<LessonSlug> = new Set<LessonSlug>([
	'troubleshooter',
	'leak-check',
	'reference/glossary',
	'reference/key-safety-checklist',
	'reference/errors',
]);
