/** Billing causes. They arrive as 429 / RateLimitError (or 400 on Images) but waiting never helps. */
import type { Rule, RuleMatch, Signals } from '../types.ts';
import { textRule } from './text-rule.ts';

// OpenAI's own quota answer ("You exceeded your current quota", code insufficient_quota) is the
// same for an account whose credit ran out and for one that never set up API billing: a free
// account, or one that pays for ChatGPT only (OpenAI Help Center 6891831, "Error Code 429 - You
// exceeded your current quota": "If you are using a free plan, consider upgrading to a
// pay-as-you-go plan"). In the corpus's rounds 16 and 17, 10 of 31 such pastes were the second.
// Only the person can tell them apart, so the quota reading asks. A relay's balance or an
// organization's spend limit names its own cause and does not.
const OPENAI_QUOTA = /exceeded your current quota|\binsufficient_quota\b/i;
const SPEND_LIMIT = /spend_limit|spend limit|budget|hard limit|balance|pre-consum|pre_consume/i;

function neverBilled(signals: Signals): Partial<RuleMatch> {
	if (!OPENAI_QUOTA.test(signals.text) || SPEND_LIMIT.test(signals.text)) return {};
	return {
		alternatives: [
			{
				id: 'billing_not_active',
				why: 'OpenAI sends the same quota error to an account that never set up API billing (a free account, or one that pays for ChatGPT only).',
			},
		],
	};
}

// The dashboard's own billing routes (credit_grants, subscription, usage) answer only a browser
// session since April 2023; bots that read the balance with an API key get "must be made with a
// session key" (typed server_error) and nothing is wrong with the key or the account.
const SESSION_ONLY =
	/must be made with a session key|\/dashboard\/billing\/(?:credit_grants|subscription|usage)\b[^\n]{0,120}\bsession key/i;

const dashboardRule = textRule('other', 'dashboard-billing', {
	regex: SESSION_ONLY,
	refine: () => ({
		title: 'Balance endpoints do not take API keys',
		explanation:
			'The request went to a billing route of the web dashboard (/dashboard/billing/…), which answers only a signed-in browser session. It is not part of the API: an API key cannot read the balance there, and the key, the account and your other calls are fine.',
		fixes: [
			'Turn off the tool’s balance or credit check, or update it (most removed the check when OpenAI closed these routes to API keys).',
			'See the balance on https://platform.openai.com/settings/organization/billing; the Usage API (an admin key) reports costs from code.',
		],
		retryable: false,
	}),
});

export const billingRules: Rule[] = [
	dashboardRule,
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
			// Alibaba Cloud Model Studio (DashScope, also behind its OpenAI-compatible mode): the
			// account owes money or its free quota ran out.
			'arrearage',
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
			'make sure your account is in good standing',
		],
		refine: neverBilled,
		// Relays and proxies name their own quota or budget: `insufficient_user_quota`, "user quota
		// is not enough", "Budget has been exceeded", "max budget reached".
		regex:
			/\binsufficient[_ ](?:\w+[_ ])?(?:quota|balance|credits?|funds)\b|\bquota (?:is )?not enough\b|\b(?:budget|spend(?:ing)? limit|credit limit)\b[^.\n]{0,30}\b(?:exceeded|reached|exhausted|used up)\b|\b(?:exceeded|reached|exhausted)\b[^.\n]{0,20}\b(?:budget|spend(?:ing)? limit)\b/i,
	}),
];
