import { inspect as nodeInspect, format as nodeFormat } from 'node:util';
import { APIError, AuthenticationError } from 'openai';
import { describe, expect, it } from 'vitest';
import { formatLog, inspect } from '../../../../sandbox/engines/worker/inspect.ts';

class Point {
	x = 1;
	y = 2;
}

const circular: Record<string, unknown> = { name: 'loop' };
circular.self = circular;

// Each value is shown by our inspect and by Node's own; they must agree character for character.
const samples: Record<string, unknown> = {
	'a flat object': { a: 1, b: 'two', c: true, d: null, e: undefined },
	'quoted keys': { 'content-type': 'json', ok: 1, 'x y': [1] },
	'a nested object': {
		model: 'gpt-4.1-mini',
		usage: { input_tokens: 10, output_tokens: 5, details: { a: { b: 1 } } },
	},
	'a long object that breaks lines': {
		id: 'resp_0123456789abcdef',
		object: 'response',
		created_at: 1700000000,
		status: 'completed',
		model: 'gpt-4.1-mini',
	},
	'an array': [1, 2, 3],
	'an empty array and object': [[], {}],
	'a long number array': Array.from({ length: 30 }, (_, i) => i * 7),
	'a long string array': Array.from({ length: 12 }, (_, i) => `item-${i}`),
	'more than 100 items': Array.from({ length: 120 }, () => 0),
	'strings with quotes': ["it's", 'say "hi"', 'line\nbreak'],
	'a class instance': new Point(),
	'a null-prototype object': Object.assign(Object.create(null) as object, { a: 1 }),
	'a map and a set': [new Map([['k', 1]]), new Set([1, 'a'])],
	'a date and a regexp': [new Date(0), /ab+c/gi],
	functions: [function named() {}, () => 1, class A {}, async function run() {}],
	'a circular object': circular,
	'numbers and bigints': [-0, 1.5, 10n, NaN, Infinity],
	'a symbol key': { [Symbol('s')]: 1 },
	'deep nesting': { l1: { l2: { l3: { l4: { l5: 1 } } } } },
	'a typed array': new Uint8Array([1, 2, 3]),
	'nested arrays in objects': {
		data: [
			{ id: 1, tags: ['a', 'b'] },
			{ id: 2, tags: [] },
		],
	},
};

describe('inspect', () => {
	for (const [name, value] of Object.entries(samples)) {
		it(`shows ${name} as Node does`, () => {
			expect(inspect(value)).toBe(nodeInspect(value));
		});
	}

	it('shows an SDK error as its stack plus its own properties, as Node does', () => {
		const body = {
			message: 'Incorrect API key provided: sk-abc***wxyz.',
			type: 'invalid_request_error',
			param: null,
			code: 'invalid_api_key',
		};
		const error = APIError.generate(
			401,
			body,
			undefined,
			new Headers({ 'x-request-id': 'req_123' }),
		);
		expect(error).toBeInstanceOf(AuthenticationError);
		expect(inspect(error)).toBe(nodeInspect(error));
	});

	it('rewrites stacks through mapStack', () => {
		const error = new Error('boom');
		error.stack = 'Error: boom\n    at blob:http://x/123:1:5';
		expect(
			inspect(error, {
				mapStack: (s) => s.replace('blob:http://x/123', 'file:///project/index.js'),
			}),
		).toBe('Error: boom\n    at file:///project/index.js:1:5');
	});

	it('brackets an error without frames', () => {
		const error = new Error('bare');
		error.stack = 'Error: bare';
		expect(inspect(error)).toBe('[Error: bare]');
	});

	it('shows an error cause', () => {
		const error = new Error('Connection error.', { cause: new TypeError('fetch failed') });
		const shown = inspect(error);
		expect(shown).toContain('Error: Connection error.');
		expect(shown).toContain('[cause]: TypeError: fetch failed');
	});
});

describe('formatLog', () => {
	const cases: unknown[][] = [
		['plain text'],
		['Tokens used:', 42],
		['%s has %d tokens', 'reply', 12, 'extra'],
		['%O and %j', { a: [1] }, { b: 2 }],
		['100%% sure', 1],
		[{ a: 1 }, 'text', [1, 2]],
		['%i', 3.9],
		[],
	];
	for (const args of cases) {
		it(`formats ${JSON.stringify(args)} as util.format does`, () => {
			expect(formatLog(args)).toBe(nodeFormat(...args));
		});
	}
});
