import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	failedModuleUrl,
	retryableImport,
} from '../../../src/components/common/retryable-import.ts';

beforeEach(() => vi.stubGlobal('location', new URL('https://keylab.example/troubleshooter/')));
afterEach(() => vi.unstubAllGlobals());

describe('failedModuleUrl', () => {
	it('reads the chunk from Chromium’s and Firefox’s messages', () => {
		expect(
			failedModuleUrl(
				new TypeError(
					'Failed to fetch dynamically imported module: https://keylab.example/_astro/troubleshooter-diagnosis.CRZKGn_d.js',
				),
			),
		).toBe('https://keylab.example/_astro/troubleshooter-diagnosis.CRZKGn_d.js');
		expect(
			failedModuleUrl(
				new TypeError(
					'error loading dynamically imported module: https://keylab.example/_astro/x.js?retry=1',
				),
			),
		).toBe('https://keylab.example/_astro/x.js');
	});

	it('names nothing for Safari’s message or a module on another origin', () => {
		expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeUndefined();
		expect(
			failedModuleUrl(
				new TypeError('Failed to fetch dynamically imported module: https://evil.example/x.js'),
			),
		).toBeUndefined();
	});
});

describe('retryableImport', () => {
	it('passes a success through and tries the plain import again when no URL was named', async () => {
		const load = vi
			.fn<() => Promise<{ ok: boolean }>>()
			.mockRejectedValueOnce(new TypeError('Importing a module script failed.'))
			.mockResolvedValueOnce({ ok: true });
		const importIt = retryableImport(load);
		await expect(importIt()).rejects.toThrow('Importing a module script failed.');
		await expect(importIt()).resolves.toEqual({ ok: true });
		expect(load).toHaveBeenCalledTimes(2);
	});
});
