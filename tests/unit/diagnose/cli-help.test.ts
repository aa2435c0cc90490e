import { describe, expect, it } from 'vitest';
import { run } from '../../../cli/commands/diagnose.ts';
import { catalog, diagnosisIds } from '../../../sandbox/diagnose/index.ts';
import { fakeIo } from '../cli/fake-io.ts';

describe('keylab diagnose: the causes it names and how it shows them', () => {
	it('--help lists every diagnosis id with its catalog title, the new ones included', async () => {
		const { io, stdout } = fakeIo();
		await run(['--help'], io);
		for (const id of diagnosisIds) {
			const title = catalog[id].title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			expect(stdout()).toMatch(new RegExp(`^ {2}${id} +${title}$`, 'm'));
		}
		expect(stdout()).toContain('organization_not_verified');
		expect(stdout()).toContain('wrong_base_url');
	});

	it('says whose error it is, and the second cause when two fit', async () => {
		const openrouter = fakeIo({
			input:
				"OpenrouterException - Error code: 401 - {'error': {'message': 'No auth credentials found', 'code': 401}}",
		});
		expect(await run([], openrouter.io)).toBe(1);
		expect(openrouter.stdout()).toContain('Whose error: OpenRouter, not OpenAI');
		expect(openrouter.stdout()).toContain('https://openrouter.ai/api/v1');

		const bare = fakeIo({ input: 'RateLimitError: 429 status code (no body)' });
		await run([], bare.io);
		expect(bare.stdout()).toMatch(
			/Also possible, less likely\n {2}- Out of credits.*\[insufficient_quota\]/,
		);
	});

	it('--json carries provider and alternatives when they apply', async () => {
		const { io, stdout } = fakeIo({
			input:
				"Error code: 404 - {'error': {'code': '404', 'message': 'Resource not found'}} (AzureException)",
		});
		await run(['--json'], io);
		const parsed = JSON.parse(stdout()) as { id: string; provider?: { kind: string } };
		expect(parsed.id).toBe('wrong_base_url');
		expect(parsed.provider?.kind).toBe('azure');
	});
});
