/**
 * The reference pages stay true by construction: the error table lists every catalogued cause
 * (new ones appear without an edit), and the rate-limits lesson shows the very retry loop its
 * checked scenario runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../sandbox/diagnose/catalog.ts';
import { RETRY_SOLUTION } from '../../../sandbox/scenarios/retry-loop-files.ts';
import {
	errorRows,
	nodeClass,
	pythonClass,
} from '../../../src/components/reference/error-reference.ts';

describe('error reference table', () => {
	const rows = errorRows(catalog);

	it('has a row for every cause of the diagnosis catalog', () => {
		expect(new Set(rows.map((row) => row.id))).toEqual(new Set(Object.keys(catalog)));
	});

	it('shows a cause the catalog gains later, with its retry advice and lesson', () => {
		const grown = {
			...catalog,
			brand_new: { title: 'Something new', retryable: true, lesson: 'troubleshooter' },
		};
		const row = errorRows(grown).find((candidate) => candidate.id === 'brand_new');
		expect(row).toMatchObject({
			title: 'Something new',
			retry: 'yes, with backoff',
			status: 'none',
		});
	});

	it('lists both answers of an unverified organization once the catalog names it', () => {
		const grown = {
			...catalog,
			organization_not_verified: {
				title: 'Verify',
				retryable: false,
				lesson: 'start/create-your-account',
			},
		};
		const found = errorRows(grown).filter((row) => row.id === 'organization_not_verified');
		expect(found.map((row) => [row.status, row.node, row.python])).toEqual([
			['403', 'PermissionDeniedError', 'openai.PermissionDeniedError'],
			['400', 'BadRequestError', 'openai.BadRequestError'],
		]);
	});

	it('maps statuses to the SDKs’ classes', () => {
		expect([429, 401, 503, undefined].map(nodeClass)).toEqual([
			'RateLimitError',
			'AuthenticationError',
			'InternalServerError',
			'APIConnectionError',
		]);
		expect(pythonClass(404)).toBe('openai.NotFoundError');
		const quota = rows.filter((row) => row.id === 'insufficient_quota');
		expect(quota.every((row) => row.retry === 'no' && row.status === '429')).toBe(true);
	});
});

describe('the rate-limits lesson', () => {
	it('shows the retry-loop scenario’s solution loop, word for word', () => {
		const lesson = readFileSync(
			new URL('../../../src/content/docs/troubleshooting/rate-limits.mdx', import.meta.url),
			'utf8',
		);
		const loop = RETRY_SOLUTION.slice(0, RETRY_SOLUTION.indexOf('const questions')).trim();
		expect(loop).toContain('maxRetries: 0');
		expect(lesson).toContain(loop);
	});
});
