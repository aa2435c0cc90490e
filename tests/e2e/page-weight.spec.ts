import { expect, test } from '@playwright/test';
import { budgetPages, budgets } from './support/budgets.ts';
import { measurePageWeight } from './support/page-weight.ts';

for (const [name, path] of Object.entries(budgetPages)) {
	test(`the ${name} page ships at most ${budgets.initialJs / 1024} kB of gzip JavaScript before interaction`, async ({
		page,
	}) => {
		const weight = await measurePageWeight(page, path);
		const detail = weight.files
			.filter((file) => file.type === 'js')
			.map((file) => `${new URL(file.url, 'http://x').pathname} ${file.gzip} B`)
			.join('\n');
		expect(weight.js, `JavaScript on ${path}:\n${detail}`).toBeLessThanOrEqual(budgets.initialJs);
	});
}
