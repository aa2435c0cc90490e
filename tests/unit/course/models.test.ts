/**
 * The course names only models that exist and still answer: every model id in a sample, a
 * scenario or a lesson is in the one registry (sandbox/models/registry.ts), and none has shut down.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	MODEL_REGISTRY,
	RECOMMENDED_MODEL,
	isShutDown,
	registryEntry,
} from '../../../sandbox/models/registry.ts';
import {
	freshnessWarnings,
	lessonReviews,
	modelMentions,
} from '../../../src/integrations/course-freshness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const today = new Date().toISOString().slice(0, 10);

/** Names that are wrong on purpose: the typos the model-not-found lesson and scenario teach with. */
const DELIBERATELY_WRONG = new Set(['gpt-6.1-tera', 'gpt-6-lnua']);
/** A lesson may name a shut-down model on a line that says so (e.g. a migration note). */
const EXPLAINS_SHUTDOWN = /shut|deprecat|retire/i;

describe('the model registry', () => {
	const mentions = modelMentions(ROOT);

	it('finds the model ids the samples and lessons name', () => {
		expect(mentions.length).toBeGreaterThan(20);
		expect(mentions.some((m) => m.file.startsWith('sandbox/templates/python/'))).toBe(true);
		expect(mentions.some((m) => m.file.startsWith('src/content/docs/'))).toBe(true);
	});

	it('knows every model a sample, scenario or lesson names', () => {
		const unknown = mentions.filter((m) => !registryEntry(m.id) && !DELIBERATELY_WRONG.has(m.id));
		expect(unknown.map((m) => `${m.file}:${m.line} ${m.id}`)).toEqual([]);
	});

	it('names no model whose shutdown date has passed', () => {
		const gone = mentions.filter((m) => {
			const entry = registryEntry(m.id);
			if (!entry || !isShutDown(entry, today)) return false;
			return !(m.file.endsWith('.mdx') && EXPLAINS_SHUTDOWN.test(m.text));
		});
		expect(gone.map((m) => `${m.file}:${m.line} ${m.id}`)).toEqual([]);
	});

	it('has every sample and scenario call the recommended model', () => {
		const samples = mentions.filter(
			(m) => m.file.startsWith('sandbox/') && !DELIBERATELY_WRONG.has(m.id),
		);
		const others = samples.filter((m) => m.id !== RECOMMENDED_MODEL);
		// The model-not-found and organization scenarios need a real model the key may not use.
		expect(others.map((m) => `${m.file}:${m.line} ${m.id}`).sort()).toEqual([
			'sandbox/scenarios/model-not-found.ts:21 gpt-6.1-terra',
			'sandbox/scenarios/organization-not-verified.ts:28 gpt-6.2-sol',
		]);
		expect(registryEntry(RECOMMENDED_MODEL)?.status).toBe('active');
	});

	it('cites a source for every entry and a date and replacement for every retiring one', () => {
		for (const entry of MODEL_REGISTRY) {
			expect(entry.source, entry.id).toMatch(/^https:\/\/developers\.openai\.com\//);
			if (entry.status !== 'active') {
				expect(entry.shutdownDate, entry.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(entry.replacement, entry.id).toBeTruthy();
			}
		}
	});
});

describe('build-time freshness warnings', () => {
	it('names a model whose shutdown is less than 90 days away, and where it is used', () => {
		const root = mkdtempSync(join(tmpdir(), 'keylab-freshness-'));
		try {
			mkdirSync(join(root, 'src/content/docs/using'), { recursive: true });
			writeFileSync(
				join(root, 'src/content/docs/using/old.mdx'),
				'---\ntitle: Old\nreviewed: 2026-11-01\n---\n\nCall `gpt-4o-mini` or `gpt-6-luna`.\n',
			);
			// Fifty days before the GPT-4o family's shutdown: gpt-4o-mini is flagged, gpt-6-luna is not.
			expect(freshnessWarnings(root, '2026-11-25')).toEqual([
				'Model gpt-4o-mini shuts down on 2027-01-14 (50 days), replacement gpt-6-luna; named in src/content/docs/using/old.mdx. Source: https://developers.openai.com/api/docs/deprecations',
			]);
			// A hundred days before, nothing yet.
			expect(freshnessWarnings(root, '2026-10-06')).toEqual([]);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('warns today only about models that are deprecated, never about current ones', () => {
		for (const warning of freshnessWarnings(ROOT, today).filter((w) => w.startsWith('Model '))) {
			expect(registryEntry(warning.split(' ')[1])?.status, warning).toBe('deprecated');
		}
	});

	it('names lessons not reviewed in 120 days, and none today', () => {
		const reviews = lessonReviews(ROOT);
		expect(reviews.filter((r) => !r.reviewed).map((r) => r.file)).toEqual([]);
		const now = freshnessWarnings(ROOT, today).filter((w) => w.startsWith('Lesson '));
		expect(now).toEqual([]);
		const later = freshnessWarnings(ROOT, '2027-06-01').filter((w) => w.startsWith('Lesson '));
		expect(later.length).toBe(reviews.length);
		expect(later[0]).toMatch(
			/^Lesson src\/content\/docs\/.+ was last reviewed on \d{4}-\d{2}-\d{2}, \d+ days ago/,
		);
	});
});
