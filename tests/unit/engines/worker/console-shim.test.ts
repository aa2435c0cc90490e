import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsole } from '../../../../sandbox/engines/worker/console-shim.ts';

// Node's own console, writing into strings, is the reference.
function nodeConsole() {
	const out = { stdout: '', stderr: '' };
	const sink = (name: 'stdout' | 'stderr') =>
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				out[name] += chunk.toString();
				done();
			},
		});
	return {
		out,
		console: new Console({ stdout: sink('stdout'), stderr: sink('stderr'), colorMode: false }),
	};
}

function ours() {
	const out = { stdout: '', stderr: '' };
	return { out, console: createConsole((stream, text) => (out[stream] += text), {}) };
}

const scripts: Record<string, (c: Console) => void> = {
	'log, info, debug to stdout; warn, error to stderr': (c) => {
		c.log('a', 1, { b: [2] });
		c.info('info');
		c.debug('debug');
		c.warn('warn %d', 5);
		c.error(new Map([['k', 'v']]));
	},
	'table of objects, of primitives, of an object of objects': (c) => {
		c.table([{ a: 1, b: 'x' }, { a: 22 }]);
		c.table([1, 'two']);
		c.table({ r1: { c: 1 } });
	},
	'groups, counts and assertions': (c) => {
		c.group('Group');
		c.log('inside\ntwo lines');
		c.groupEnd();
		c.count();
		c.count('x');
		c.count();
		c.assert(true, 'never');
		c.assert(false, 'failed %s', 'here');
		c.assert(false);
	},
	'dir with a depth': (c) => {
		c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
		c.dir({ a: { b: { c: { d: 1 } } } });
	},
};

describe('createConsole', () => {
	for (const [name, script] of Object.entries(scripts)) {
		it(`writes ${name} as Node does`, () => {
			const node = nodeConsole();
			const mine = ours();
			script(node.console);
			script(mine.console);
			expect(mine.out).toEqual(node.out);
		});
	}
});
