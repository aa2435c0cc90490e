/**
 * The part of the leak check loaded on demand: the shared detector (sandbox/leaks, the same as
 * `keylab doctor`), file reading and rendering.
 */
import { findKeys, type KeyFinding } from '../../../sandbox/leaks/find-keys.ts';
import { readText, type PickedFile } from './leak-check-files.ts';
import type { LeakReport } from './leak-check-render.ts';

export { fromDrop, fromInput } from './leak-check-files.ts';
export { renderReport, summary } from './leak-check-render.ts';

/** Checks pasted text. */
export function scanPaste(text: string): LeakReport {
	const start = performance.now();
	const findings = findKeys(text, { file: 'pasted text', all: true });
	return { findings, scanned: 1, source: 'paste', skipped: [], ms: performance.now() - start };
}

/** Checks files, one after another, yielding to the page between them. */
export async function scanFiles(files: PickedFile[], signal: AbortSignal): Promise<LeakReport> {
	const start = performance.now();
	const findings: KeyFinding[] = [];
	const skipped: LeakReport['skipped'] = [];
	let scanned = 0;
	for (const picked of files) {
		if (signal.aborted) break;
		const read = await readText(picked);
		if ('skipped' in read) {
			skipped.push({ path: picked.path, reason: read.skipped });
			continue;
		}
		scanned++;
		findings.push(...findKeys(read.text, { file: picked.path, all: true }));
	}
	return { findings, scanned, source: 'files', skipped, ms: performance.now() - start };
}
