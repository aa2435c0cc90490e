/** Billing causes. They arrive as 429 / RateLimitError (or 400 on Images) but waiting never helps. */
import type { Rule } from '../types.ts';
import { textRule } from './text-rule.ts';

export const billingRules: Rule[] = [
	textRule('billing_not_active', 'billing-not-active', {
		codes: ['billing_not_active'],
		types: ['billing_not_active'],
		phrases: ['account is not active, please check your billing', 'billing_not_active'],
	}),
	textRule('insufficient_quota', 'quota', {
		codes: [
			'insufficient_quota',
			'billing_hard_limit_reached',
			'credit_balance_exhausted',
			'organization_spend_limit_exceeded',
			'project_spend_limit_exceeded',
			'organization_usage_limit_exceeded',
		],
		types: ['insufficient_quota'],
		phrases: [
			'exceeded your current quota',
			'insufficient_quota',
			'billing hard limit',
			'billing_hard_limit_reached',
			'no credits remaining',
			'credit balance is too low',
			'credit_balance_exhausted',
			'spend_limit_exceeded',
			'monthly spend limit',
			'usage_limit_exceeded',
			'insufficient credits',
			'requires more credits',
			'more credits are required',
			'never purchased credits',
			'insufficient balance',
			'insufficient_balance',
			// one-api and new-api relays reserve the cost first: "pre-consumed quota failed".
			'pre-consumed quota failed',
			'pre_consume_token_quota_failed',
			'pre-consume quota failed',
		],
		// Relays and proxies name their own quota or budget: `insufficient_user_quota`, "user quota
		// is not enough", "Budget has been exceeded", "max budget reached".
		regex:
			/\binsufficient[_ ](?:\w+[_ ])?(?:quota|balance|credits?|funds)\b|\bquota (?:is )?not enough\b|\b(?:budget|spend(?:ing)? limit|credit limit)\b[^.\n]{0,30}\b(?:exceeded|reached|exhausted|used up)\b|\b(?:exceeded|reached|exhausted)\b[^.\n]{0,20}\b(?:budget|spend(?:ing)? limit)\b/i,
	}),
];
