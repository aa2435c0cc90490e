/**
 * Every runnable sample exists in JavaScript (the sandbox template), Python and curl. The curl
 * commands run against a real practice API server and must give what the JavaScript sample
 * gives; the Python samples compile and use only names of the official openai Python SDK (its
 * allowlist, with sources, is sandbox/templates/python/openai-sdk-names.json). Running them
 * needs the `openai` package, which this machine cannot install: that test says it was skipped.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPracticeApi, scenarioKey } from '../../../sandbox/practice-api/index.ts';
import {
	startPracticeServer,
	type PracticeServer,
} from '../../../sandbox/practice-api/node-server.ts';
import { templates } from '../../../sandbox/templates/index.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PY = join(ROOT, 'sandbox/templates/python');
const CURL = join(ROOT, 'sandbox/templates/curl');
const names = JSON.parse(await readFile(join(PY, 'openai-sdk-names.json'), 'utf8')) as {
	imports: string[];
	clientOptions: string[];
	attributes: string[];
};

let server: PracticeServer;
let env: Record<string, string>;
beforeAll(async () => {
	server = await startPracticeServer({ api: createPracticeApi() });
	env = {
		PATH: process.env.PATH ?? '',
		OPENAI_API_KEY: scenarioKey('valid'),
		OPENAI_BASE_URL: server.url,
	};
});
afterAll(() => server.close());

async function runJs(id: string, extra: Record<string, string> = {}): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), `keylab-sample-${id}-`));
	try {
		const template = templates.find((candidate) => candidate.id === id)!;
		for (const file of template.files) await writeFile(join(dir, file.path), file.contents);
		await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
		const { stdout } = await run(process.execPath, [template.entry], {
			cwd: dir,
			env: { ...env, ...extra, HOME: dir },
		});
		return stdout;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

async function runCurl(id: string, extra: Record<string, string> = {}): Promise<string> {
	const { stdout } = await run('bash', ['-e', join(CURL, `${id}.sh`)], {
		env: { ...env, ...extra },
	});
	return stdout;
}

type ResponseBody = {
	output: { type: string; content?: { type: string; text: string }[] }[];
	usage: { total_tokens: number };
};
const textOf = (body: ResponseBody) =>
	body.output
		.flatMap((item) => item.content ?? [])
		.filter((part) => part.type === 'output_text')
		.map((part) => part.text)
		.join('');
/** The JSON documents curl printed one after another (not always newline-separated). */
function documents(stdout: string): Record<string, unknown>[] {
	const found: Record<string, unknown>[] = [];
	let depth = 0;
	let start = -1;
	let inString = false;
	for (let i = 0; i < stdout.length; i++) {
		const char = stdout[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' && depth++ === 0) start = i;
		else if (char === '}' && --depth === 0) {
			found.push(JSON.parse(stdout.slice(start, i + 1)) as Record<string, unknown>);
		}
	}
	return found;
}

describe('every template has a Python and a curl sample', () => {
	it('has python/<id>.py and curl/<id>.sh for each template', async () => {
		const py = await readdir(PY);
		const sh = await readdir(CURL);
		for (const { id } of templates) {
			expect(py, id).toContain(`${id}.py`);
			expect(sh, id).toContain(`${id}.sh`);
		}
	});
});

describe(
	'curl samples give the JavaScript sample’s result against the practice API',
	{ timeout: 60_000 },
	() => {
		it('first-request', async () => {
			const [js, curl] = await Promise.all([runJs('first-request'), runCurl('first-request')]);
			const [body] = documents(curl) as unknown as ResponseBody[];
			expect(js).toBe(`${textOf(body)}\nTokens used: ${body.usage.total_tokens}\n`);
		});

		it('raw-request', async () => {
			const [js, curl] = await Promise.all([runJs('raw-request'), runCurl('raw-request')]);
			const [head, body] = curl.split(/\r?\n\r?\n/, 2);
			expect(head).toMatch(/^HTTP\/1\.1 200/);
			expect(js).toContain('Status: 200');
			expect(head.toLowerCase()).toMatch(/x-request-id: req_/);
			const jsBody = JSON.parse(js.slice(js.indexOf('Body:\n') + 6)) as ResponseBody;
			const curlBody = JSON.parse(body) as ResponseBody;
			expect(textOf(curlBody)).toBe(textOf(jsBody));
			expect(curlBody.usage).toEqual(jsBody.usage);
			expect(Object.keys(curlBody).sort()).toEqual(Object.keys(jsBody).sort());
		});

		it('stream-response', async () => {
			const [js, curl] = await Promise.all([runJs('stream-response'), runCurl('stream-response')]);
			const events = curl
				.split('\n')
				.filter((line) => line.startsWith('data: '))
				.map(
					(line) =>
						JSON.parse(line.slice(6)) as { type: string; delta?: string; response?: ResponseBody },
				);
			const pieces = events
				.filter((event) => event.type === 'response.output_text.delta')
				.map((event) => `piece: ${JSON.stringify(event.delta)}`);
			const done = events.find((event) => event.type === 'response.completed');
			expect(pieces.length).toBeGreaterThan(1);
			expect(js).toBe(
				`${[...pieces, `Done. Tokens used: ${done?.response?.usage.total_tokens}`].join('\n')}\n`,
			);
		});

		it('key-audit (the Administration API, with an admin key)', async () => {
			const admin = scenarioKey('admin_key');
			const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
			const projects = (await (
				await fetch(`${server.url}/organization/projects`, { headers })
			).json()) as { data: { id: string; name: string }[] };
			const project = projects.data[0];
			// A fresh practice organization has no keys: a service account brings the first one.
			const created = await fetch(
				`${server.url}/organization/projects/${project.id}/service_accounts`,
				{
					method: 'POST',
					headers,
					body: JSON.stringify({ name: 'nightly-report' }),
				},
			);
			expect(created.status).toBe(200);
			const extra = { OPENAI_ADMIN_KEY: admin, PROJECT_ID: project.id };
			const [js, curl] = await Promise.all([
				runJs('key-audit', extra),
				runCurl('key-audit', extra),
			]);
			const [list, keys] = documents(curl) as [
				{ data: { id: string }[] },
				{ data: { name: string; redacted_value: string; owner: { type: string } }[] },
			];
			expect(list.data.map((entry) => entry.id)).toContain(project.id);
			expect(keys.data).toHaveLength(1);
			const lines = keys.data.map(
				(key) =>
					`${project.name} | ${key.name} | ${key.redacted_value} | service account | last used: never`,
			);
			expect(js).toBe(`${lines.join('\n')}\n${lines.length} keys.\n`);
		});

		it('key-smoke-test', async () => {
			const [js, curl] = await Promise.all([runJs('key-smoke-test'), runCurl('key-smoke-test')]);
			const [list, reply] = documents(curl) as [{ data: unknown[] }, ResponseBody];
			expect(js).toBe(
				[
					`The key is accepted. It can see ${list.data.length} models.`,
					`A model call works: ${textOf(reply)}`,
					`It cost ${reply.usage.total_tokens} tokens.`,
					'',
				].join('\n'),
			);
		});
	},
);

describe('Python samples', () => {
	const files = async () => (await readdir(PY)).filter((name) => name.endsWith('.py'));
	let cache = '';
	beforeAll(async () => {
		cache = await mkdtemp(join(tmpdir(), 'keylab-pycache-'));
	});
	afterAll(() => rm(cache, { recursive: true, force: true }));

	/** What each sample uses of the SDK, from one run of python-names.py over `paths`. */
	async function used(paths: string[]) {
		const { stdout } = await run('python3', [
			join(ROOT, 'tests/unit/course/python-names.py'),
			...paths,
		]);
		return JSON.parse(stdout) as Record<
			string,
			{ imports: string[]; options: string[]; attributes: string[] }
		>;
	}

	it('compile with python3 -m py_compile', async () => {
		const paths = (await files()).map((name) => join(PY, name));
		expect(paths.length).toBeGreaterThanOrEqual(templates.length);
		// One interpreter for all files: starting Python is the slow part on a busy machine.
		const result = spawnSync('python3', ['-m', 'py_compile', ...paths], {
			env: { ...process.env, PYTHONPYCACHEPREFIX: cache },
			encoding: 'utf8',
		});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	}, 60_000);

	it('use only names that exist in the official openai Python SDK', async () => {
		const byFile = await used((await files()).map((name) => join(PY, name)));
		for (const [path, names_] of Object.entries(byFile)) {
			// A sample without the SDK (raw HTTP) reads only the standard library's names.
			if (names_.imports.length === 0) continue;
			expect(
				names_.imports.filter((n) => !names.imports.includes(n)),
				path,
			).toEqual([]);
			expect(
				names_.options.filter((n) => !names.clientOptions.includes(n)),
				path,
			).toEqual([]);
			expect(
				names_.attributes.filter((n) => !names.attributes.includes(n)),
				path,
			).toEqual([]);
		}
	}, 60_000);

	it('catches a name the SDK does not have (the check can fail)', async () => {
		const bad = join(cache, 'bad.py');
		await writeFile(
			bad,
			'from openai import OpenAI\nclient = OpenAI()\nclient.completions.creat(model="x")\n',
		);
		const found = (await used([bad]))[bad];
		expect(found.attributes.filter((n) => !names.attributes.includes(n)).sort()).toEqual([
			'completions',
			'creat',
		]);
	}, 60_000);

	const hasSdk = spawnSync('python3', ['-c', 'import openai'], { encoding: 'utf8' }).status === 0;
	it.skipIf(!hasSdk)(
		'run against the practice API (skipped: the openai Python package is not installed here, and there is no PyPI)',
		async () => {
			const { stdout } = await run('python3', [join(PY, 'first-request.py')], { env });
			expect(stdout).toBe(await runJs('first-request'));
		},
	);
});
