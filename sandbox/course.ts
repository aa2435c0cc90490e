/**
 * The course outline: one place that names every lesson, in order. The site's sidebar is built
 * from it, diagnoses link to its slugs, and the course test checks every entry has a page.
 */
export interface LessonRef {
	/** Page slug under src/content/docs, without extension. */
	slug: string;
	/** Sidebar label. */
	label: string;
}

export interface CourseSection {
	label: string;
	lessons: readonly LessonRef[];
}

export const course = [
	{
		label: 'Start here',
		lessons: [
			{ slug: 'start/what-is-an-api-key', label: 'What an API key is' },
			{ slug: 'start/before-you-start', label: 'Before you start' },
			{ slug: 'start/create-your-account', label: 'Create your account and set up billing' },
		],
	},
	{
		label: 'Your key',
		lessons: [
			{ slug: 'keys/generate-your-first-key', label: 'Generate your first key' },
			{ slug: 'keys/restricted-permissions', label: 'Restricted permissions' },
			{ slug: 'keys/projects', label: 'Projects and project keys' },
			{ slug: 'keys/keeping-keys-safe', label: 'Keeping a key safe' },
		],
	},
	{
		label: 'Using your key',
		lessons: [
			{ slug: 'using/first-call', label: 'Your first real call' },
			{ slug: 'using/managing-many-keys', label: 'Managing many keys' },
			{ slug: 'using/rotate-and-audit-keys', label: 'Rotate and audit keys with code' },
		],
	},
	{
		label: 'Troubleshooting',
		lessons: [
			{ slug: 'troubleshooting/key-does-not-work', label: 'The key doesn’t work (401)' },
			{ slug: 'troubleshooting/permissions-and-projects', label: 'Permission and project errors' },
			{ slug: 'troubleshooting/model-not-found', label: 'Model not found' },
			{ slug: 'troubleshooting/rate-limits', label: 'Rate limits (429)' },
			{ slug: 'troubleshooting/billing-and-quota', label: 'Billing and quota (429)' },
			{ slug: 'troubleshooting/compromised-key', label: 'A compromised key' },
			{ slug: 'troubleshooting/network-and-cors', label: 'Network and CORS failures' },
		],
	},
	{
		label: 'Beyond the basics',
		lessons: [
			{ slug: 'beyond/costs', label: 'Costs' },
			{ slug: 'beyond/going-further', label: 'Going further' },
		],
	},
	{
		label: 'Tools',
		lessons: [
			{ slug: 'troubleshooter', label: 'Troubleshooter' },
			{ slug: 'leak-check', label: 'Leak check' },
		],
	},
	{
		label: 'Reference',
		lessons: [
			{ slug: 'reference/glossary', label: 'Glossary' },
			{ slug: 'reference/key-safety-checklist', label: 'Key safety checklist' },
			{ slug: 'reference/errors', label: 'Error reference' },
		],
	},
] as const satisfies readonly CourseSection[];

/** Every lesson slug, in course order. */
export type LessonSlug = (typeof course)[number]['lessons'][number]['slug'];

export const lessonSlugs: readonly LessonSlug[] = course.flatMap((section) =>
	section.lessons.map((lesson) => lesson.slug),
);

/** The site path of a lesson, e.g. `/troubleshooting/rate-limits/`. */
export function lessonPath(slug: LessonSlug): string {
	return `/${slug}/`;
}
