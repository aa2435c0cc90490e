/**
 * The rules, most specific first. A message or code that names one cause beats a generic one,
 * and anything beats the bare status: e.g. insufficient_quota (429) is tested before rate_limit,
 * "Invalid URL" (404) before the 404 fallback, and CORS before the network family.
 */
import type { Rule } from '../types.ts';
import {
	accountRules,
	headerRules,
	invalidKeyRule,
	maskedKeyRule,
	missingKeyRule,
} from './auth.ts';
import { billingRules } from './billing.ts';
import { modelRule } from './model.ts';
import { badRequestRule } from './request.ts';
import { statusRule } from './status.ts';
import { overloadedRule, rateLimitRule, serverErrorRule } from './throttle.ts';
import { corsRule, networkRule } from './transport.ts';

export const rules: readonly Rule[] = [
	...headerRules,
	missingKeyRule,
	...accountRules,
	...billingRules,
	maskedKeyRule,
	invalidKeyRule,
	modelRule,
	rateLimitRule,
	overloadedRule,
	serverErrorRule,
	badRequestRule,
	corsRule,
	networkRule,
	statusRule,
];
