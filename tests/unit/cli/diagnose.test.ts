import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../../cli/commands/diagnose.ts';
import { fakeIo } from './fake-io.ts';

const quota =
	"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}";
const key = 'sk-proj-' + 'Ab3dEf6hIj9kLm2nOp5q'.repeat(3) + 'T3Blbk' + 'FJ' + 'x'.repeat(88);

describe('keylab diagnose', () => {
	it('prints a readable diagnosis and exits 1 when it finds a cause', async () => {
		const { io, stdout } = fakeIo({ input: quota });
		expect(await run([], io)).toBe(1);
		expect(stdout()).toContain('Out of credits');
		expect(stdout()).toContain('https://keylab.dev/troubleshooting/billing-and-quota/');
		expect(stdout()).not.toContain('\x1b[');
	});

	it('--json prints exactly the diagnosis fields', async () => {
		const { io, stdout } = fakeIo({ input: quota });
		await run(['--json'], io);
		const parsed = JSON.parse(stdout()) as Record<string, unknown>;
		expect(Object.keys(parsed).sort()).toEqual(
			[
				'alternatives',
				'confidence',
				'evidence',
				'explanation',
				'fixes',
				'followUp',
				'id',
				'lesson',
				'retryable',
				'title',
			].sort(),
		);
		expect(parsed.id).toBe('insufficient_quota');
		// OpenAI's quota error is the same when API billing was never set up: the JSON says so.
		expect(parsed.alternatives).toEqual([expect.objectContaining({ id: 'billing_not_active' })]);
	});

	it('colours only on a TTY, and honours NO_COLOR', async () => {
		const tty = fakeIo({
			input: quota,
			stdout: { write: (c: string) => out.push(c), isTTY: true },
		});
		const out: string[] = [];
		await run([], tty.io);
		expect(out.join('')).toContain('\x1b[1m');
		const noColor: string[] = [];
		await run(
			[],
			fakeIo({
				input: quota,
				env: { NO_COLOR: '1' },
				stdout: { write: (c: string) => noColor.push(c), isTTY: true },
			}).io,
		);
		expect(noColor.join('')).not.toContain('\x1b[');
	});

	it('takes the error as arguments too', async () => {
		const { io, stdout } = fakeIo();
		expect(await run(['404', 'The model `gtp-4` does not exist'], io)).toBe(1);
		expect(stdout()).toContain('gpt-4');
	});

	it('never prints a raw key from the paste', async () => {
		const { io, stdout } = fakeIo({
			input: `curl -H "Authorization: Bearer ${key}" ...\nHTTP/2 401\n{"error":{"message":"Incorrect API key provided"}}`,
		});
		await run([], io);
		expect(stdout()).not.toContain(key);
	});

	it('exits 0 when nothing is recognised and 2 on misuse', async () => {
		expect(await run([], fakeIo({ input: 'all good here' }).io)).toBe(0);
		const empty = fakeIo({ input: '  ' });
		expect(await run([], empty.io)).toBe(2);
		expect(empty.stderr()).toMatch(/no error text/);
		const bad = fakeIo();
		expect(await run(['--nope'], bad.io)).toBe(2);
		expect(bad.stderr()).toMatch(/unknown option/);
		const help = fakeIo();
		expect(await run(['--help'], help.io)).toBe(0);
		expect(help.stdout()).toMatch(/Usage: keylab diagnose/);
	});

	it('works as a real process: node cli/keylab.js diagnose', () => {
		const bin = fileURLToPath(new URL('../../../cli/keylab.js', import.meta.url));
		const result = spawnSync(process.execPath, [bin, 'diagnose', '--json'], {
			input:
				'AuthenticationError: 401 Incorrect API key provided: YOUR_OPE***_KEY. You can find your API key at https://platform.openai.com/account/api-keys.',
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1' },
		});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(1);
		expect((JSON.parse(result.stdout) as { id: string }).id).toBe('malformed_key');
	});
});
