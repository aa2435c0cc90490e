import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { templateIds } from '../sandbox/templates/index.ts';
import { scenarioIds } from '../sandbox/scenarios/index.ts';

/** A lesson's own frontmatter: what its sandbox runs and which checked scenarios it offers. */
const lessonFields = z.object({
	/**
	 * The sample program the lesson's sandbox opens with (an id from sandbox/templates). Not named
	 * `template`: Starlight already uses that for the page layout.
	 */
	sandbox: z
		.string()
		.refine((id) => templateIds.includes(id), {
			error: (issue) =>
				`Unknown sandbox template "${String(issue.input)}". Known templates: ${templateIds.join(', ')}.`,
		})
		.optional(),
	/** Checked scenarios the lesson offers (ids from sandbox/scenarios), in the order shown. */
	scenarios: z
		.array(
			z.string().refine((id) => scenarioIds.includes(id), {
				error: (issue) =>
					`Unknown scenario "${String(issue.input)}". Known scenarios: ${scenarioIds.join(', ') || '(none yet)'}.`,
			}),
		)
		.default([]),
	/** When the lesson's platform facts were last checked against OpenAI's own pages. */
	reviewed: z.coerce.date().optional(),
	/** The pages the lesson's platform facts were checked against, shown under the lesson. */
	sources: z.array(z.object({ title: z.string(), url: z.url() })).default([]),
});

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: lessonFields }) }),
	// Starlight reads this collection on every build and Astro warns when it is missing. en.json
	// overrides none of Starlight's English UI strings; it is there so the build log stays clean.
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
