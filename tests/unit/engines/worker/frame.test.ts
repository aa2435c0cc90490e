/**
 * The worker engine's sandboxed frame: its script's pinned hash is the script's, the page's meta
 * policy allows that script (a srcdoc frame inherits the page's policies), and the frame's own
 * policy gives the worker no network and scripts only from blob: URLs.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	FRAME_POLICY,
	FRAME_SCRIPT,
	FRAME_SCRIPT_HASH,
	frameDocument,
} from '../../../../sandbox/engines/worker/frame.ts';
import { astroCsp } from '../../../../src/headers.ts';

describe('the worker engine’s frame', () => {
	it('pins its script by the script’s own hash', () => {
		expect(FRAME_SCRIPT_HASH).toBe(
			`sha256-${createHash('sha256').update(FRAME_SCRIPT).digest('base64')}`,
		);
		expect(frameDocument()).toContain(`<script>${FRAME_SCRIPT}</script>`);
	});

	it('is allowed by the page’s meta policy', () => {
		expect(astroCsp().scriptDirective.hashes).toContain(FRAME_SCRIPT_HASH);
	});

	it('gives the worker no network and blob: scripts only', () => {
		const directives = new Map(
			FRAME_POLICY.split('; ').map((part) => {
				const [name = '', ...sources] = part.split(' ');
				return [name, sources] as const;
			}),
		);
		expect(directives.get('default-src')).toEqual(["'none'"]);
		expect(directives.get('connect-src')).toEqual(["'none'"]);
		expect(directives.get('worker-src')).toEqual(['blob:']);
		expect(directives.get('script-src')?.sort()).toEqual(
			[`'${FRAME_SCRIPT_HASH}'`, "'wasm-unsafe-eval'", 'blob:'].sort(),
		);
		expect(frameDocument()).toContain(`content="${FRAME_POLICY}"`);
	});
});
