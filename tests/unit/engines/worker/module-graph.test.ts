import { beforeAll, describe, expect, it } from 'vitest';
import {
	ModuleGraphError,
	SourceSyntaxError,
	lexerReady,
	normalizePath,
	planModules,
	rewriteImports,
} from '../../../../sandbox/engines/worker/module-graph.ts';

beforeAll(() => lexerReady);

const files = (entries: Record<string, string>) =>
	Object.entries(entries).map(([path, contents]) => ({ path, contents }));

describe('planModules', () => {
	it('orders files so every file comes after the files it imports', () => {
		const plan = planModules(
			files({
				'index.js':
					"import { a } from './lib/a.js';\nimport OpenAI from 'openai';\nexport * from './c.js';",
				'lib/a.js': "import { b } from '../b.js';\nexport const a = b;",
				'b.js': 'export const b = 1;',
				'c.js': "import './b.js';",
				'unused.js': "import fs from 'node:fs';",
			}),
			'index.js',
		);
		expect(plan.order).toEqual(['b.js', 'lib/a.js', 'c.js', 'index.js']);
		expect(plan.imports.get('index.js')!.map((ref) => ref.target)).toEqual([
			{ kind: 'file', path: 'lib/a.js' },
			{ kind: 'openai' },
			{ kind: 'file', path: 'c.js' },
		]);
	});

	it('ignores imports inside strings and comments', () => {
		const plan = planModules(
			files({ 'index.js': "// import x from 'node:fs'\nconst s = \"import y from 'node:os'\";" }),
			'index.js',
		);
		expect(plan.imports.get('index.js')).toEqual([]);
	});

	it('maps node:process and dotenv/config to shims', () => {
		const plan = planModules(
			files({ 'index.js': "import 'dotenv/config';\nimport process from 'node:process';" }),
			'index.js',
		);
		expect(plan.imports.get('index.js')!.map((ref) => ref.target)).toEqual([
			{ kind: 'shim', name: 'dotenv/config' },
			{ kind: 'shim', name: 'process' },
		]);
	});

	it('rejects node built-ins and other packages, naming the place and what is supported', () => {
		const run = () =>
			planModules(files({ 'index.js': "const x = 1;\nimport fs from 'node:fs';" }), 'index.js');
		expect(run).toThrow(ModuleGraphError);
		expect(run).toThrow(/cannot load 'node:fs' \(index\.js:2:16\).*'openai'.*relative imports/);
		expect(() => planModules(files({ 'index.js': "import _ from 'lodash';" }), 'index.js')).toThrow(
			/cannot load 'lodash'/,
		);
	});

	it('reports a missing file the way Node does, with the likely fix', () => {
		const run = () =>
			planModules(files({ 'index.js': "import './helper';", 'helper.js': '' }), 'index.js');
		expect(run).toThrow(
			/Cannot find module '\/project\/helper' imported from \/project\/index\.js/,
		);
		expect(run).toThrow(/Did you mean to import "\.\/helper\.js"\?/);
	});

	it('reports a cycle with its path', () => {
		const run = () =>
			planModules(
				files({
					'index.js': "import './a.js';",
					'a.js': "import './b.js';",
					'b.js': "import './a.js';",
				}),
				'index.js',
			);
		expect(run).toThrow(/Circular import: a\.js → b\.js → a\.js/);
	});

	it('reports what the lexer finds broken with a place', () => {
		try {
			planModules(files({ 'index.js': 'const a = 1;\nconst s = `unterminated;\n' }), 'index.js');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(SourceSyntaxError);
			expect((error as SourceSyntaxError).location.file).toBe('index.js');
			expect((error as SourceSyntaxError).location.line).toBeGreaterThanOrEqual(2);
		}
	});

	it('fails clearly when the entry does not exist', () => {
		expect(() => planModules(files({ 'a.js': '' }), 'index.js')).toThrow(
			/Cannot find module '\/project\/index\.js'/,
		);
	});
});

describe('rewriteImports', () => {
	it('replaces static and dynamic specifiers and nothing else', () => {
		const source =
			"import a from './a.js';\nconst b = await import('./a.js');\nconst text = './a.js';";
		const plan = planModules(files({ 'index.js': source, 'a.js': '' }), 'index.js');
		const rewritten = rewriteImports(source, plan.imports.get('index.js')!, () => 'blob:x/1');
		expect(rewritten).toBe(
			"import a from 'blob:x/1';\nconst b = await import(\"blob:x/1\");\nconst text = './a.js';",
		);
	});
});

describe('normalizePath', () => {
	it('resolves dots and refuses to climb out of the project', () => {
		expect(normalizePath('lib/../a/./b.js')).toBe('a/b.js');
		expect(normalizePath('../x.js')).toBeUndefined();
	});
});
