import { expect, test } from '@playwright/test';
import { budgetPages, budgets, jsBudgetOf } from './support/budgets.ts';
import { measurePageWeight, type PageWeight } from './support/page-weight.ts';

const detail = (weight: PageWeight, type: 'js' | 'css') =>
	weight.files
		.filter((file) => file.type === type)
		.map((file) => `${new URL(file.url, 'http://x').pathname} ${file.gzip} B`)
		.join('\n');

for (const [name, path] of Object.entries(budgetPages)) {
	const jsBudget = jsBudgetOf(name as keyof typeof budgetPages);
	test(`the ${name} page ships at most ${jsBudget / 1024} kB of gzip JavaScript and ${budgets.initialCss / 1024} kB of CSS before interaction`, async ({
		page,
	}) => {
		const weight = await measurePageWeight(page, path);
		expect
			.soft(weight.js, `JavaScript on ${path}:\n${detail(weight, 'js')}`)
			.toBeLessThanOrEqual(jsBudget);
		expect(weight.css, `CSS on ${path}:\n${detail(weight, 'css')}`).toBeLessThanOrEqual(
			budgets.initialCss,
		);
	});
}
