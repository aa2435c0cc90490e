/**
 * Keeps the course true over time. At build time it warns, by name, about any model a sample or
 * lesson names whose shutdown is under 90 days away, and about lessons whose platform facts were
 * not checked in 120 days. The course tests use the same scan to fail on shut-down or unknown models.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import {
	daysUntilShutdown,
	isShutDown,
	modelIdsIn,
	registryEntry,
	type RegistryEntry,
} from '../../sandbox/models/registry.ts';

/** Where samples and lessons live, relative to the repository root. */
const SCANNED = ['sandbox/templates', 'sandbox/scenarios', 'src/content/docs'];
const TEXT = /\.(ts|mdx|md|py|sh)$/;

/** Days before a shutdown when the build starts warning. */
export const SHUTDOWN_WARNING_DAYS = 90;
/** Days after a lesson's `reviewed` date when the build asks for a new review. */
export const REVIEW_WARNING_DAYS = 120;

/** One model id named in a sample or lesson. */
export type ModelMention = { id: string; file: string; line: number; text: string };

function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return walk(path);
		return TEXT.test(entry.name) ? [path] : [];
	});
}

/** Every model id the samples and lessons under `root` name, with where. */
export function modelMentions(root: string): ModelMention[] {
	const mentions: ModelMention[] = [];
	for (const dir of SCANNED) {
		for (const path of walk(join(root, dir))) {
			const file = relative(root, path);
			readFileSync(path, 'utf8')
				.split('\n')
				.forEach((text, index) => {
					for (const id of modelIdsIn(text)) mentions.push({ id, file, line: index + 1, text });
				});
		}
	}
	return mentions;
}

/** Each lesson's `reviewed` date (undefined when it has none), by file. */
export function lessonReviews(root: string): { file: string; reviewed?: string }[] {
	return walk(join(root, 'src/content/docs'))
		.filter((path) => path.endsWith('.mdx') || path.endsWith('.md'))
		.map((path) => {
			const head = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
			const reviewed = /^reviewed:\s*['"]?(\d{4}-\d{2}-\d{2})/m.exec(head)?.[1];
			return { file: relative(root, path), reviewed };
		});
}

const DAY = 86_400_000;

/** The build's warnings for `today` (YYYY-MM-DD): models near shutdown, lessons due a review. */
export function freshnessWarnings(root: string, today: string): string[] {
	const warnings: string[] = [];
	const near = new Map<string, { entry: RegistryEntry; files: Set<string> }>();
	for (const mention of modelMentions(root)) {
		const entry = registryEntry(mention.id);
		if (!entry || isShutDown(entry, today)) continue;
		const left = daysUntilShutdown(entry, today);
		if (left === undefined || left >= SHUTDOWN_WARNING_DAYS) continue;
		const seen = near.get(entry.id) ?? { entry, files: new Set<string>() };
		seen.files.add(mention.file);
		near.set(entry.id, seen);
	}
	for (const { entry, files } of near.values()) {
		warnings.push(
			`Model ${entry.id} shuts down on ${entry.shutdownDate} (${daysUntilShutdown(entry, today)} days), replacement ${entry.replacement ?? 'none named'}; named in ${[...files].sort().join(', ')}. Source: ${entry.source}`,
		);
	}
	for (const { file, reviewed } of lessonReviews(root)) {
		if (!reviewed) {
			warnings.push(`Lesson ${file} has no "reviewed" date in its frontmatter.`);
			continue;
		}
		const age = Math.floor((Date.parse(today) - Date.parse(reviewed)) / DAY);
		if (age > REVIEW_WARNING_DAYS) {
			warnings.push(
				`Lesson ${file} was last reviewed on ${reviewed}, ${age} days ago (more than ${REVIEW_WARNING_DAYS}): check its facts against OpenAI's pages and update "reviewed".`,
			);
		}
	}
	return warnings;
}

/** The Astro integration: logs every freshness warning when a build starts. */
export function courseFreshness(): AstroIntegration {
	return {
		name: 'keylab:course-freshness',
		hooks: {
			'astro:build:start': ({ logger }) => {
				const root = process.cwd();
				const today = new Date().toISOString().slice(0, 10);
				for (const warning of freshnessWarnings(root, today)) logger.warn(warning);
			},
		},
	};
}
