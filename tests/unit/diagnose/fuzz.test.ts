import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosisIds } from '../../../sandbox/diagnose/index.ts';

const fragments = [
	'Error code: 401 - ',
	"{'error': {'message': '",
	'{"error":{"message":"',
	'Incorrect API key provided: ',
	'sk-proj-****',
	'"type":"',
	'insufficient_quota',
	'Rate limit reached for ',
	'\\"',
	'\n',
	'429 ',
	'`',
	'${',
	'*'.repeat(50),
];

// Fuzzing is CPU-bound; the shared two-core machine can be slow.
describe('diagnose never crashes', { timeout: 60_000 }, () => {
	it('on arbitrary strings', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
				expect(diagnosisIds).toContain(diagnose(text).id);
			}),
			{ numRuns: 500 },
		);
	});

	it('on error-shaped mixtures', () => {
		const piece = fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 30 }));
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
				expect(diagnosisIds).toContain(diagnose(parts.join('')).id);
			}),
			{ numRuns: 500 },
		);
	});

	it('on arbitrary structured inputs', () => {
		fc.assert(
			fc.property(
				fc.record(
					{
						status: fc.oneof(fc.integer(), fc.constant(undefined)),
						headers: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.constant(null)),
						body: fc.anything(),
						error: fc.anything(),
					},
					{ requiredKeys: [] },
				),
				(input) => {
					expect(diagnosisIds).toContain(diagnose(input as never).id);
				},
			),
			{ numRuns: 300 },
		);
		for (const odd of [null, undefined, 42, [], new Error('x'), Symbol('s')]) {
			expect(diagnosisIds).toContain(diagnose(odd as never).id);
		}
	});

	it('survives a cyclic error object', () => {
		const error: Record<string, unknown> = { message: 'Connection error.' };
		error.self = error;
		expect(diagnose({ error }).id).toBe('network_error');
	});
});
