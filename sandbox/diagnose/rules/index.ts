/**
 * The rules, most specific first. A message or code that names one cause beats a generic one,
 * and anything beats the bare status: e.g. organization verification before the parameter error
 * it is dressed as (400 unsupported_value on `stream`), insufficient_quota (429) before
 * rate_limit, the echoed key before "invalid key" phrases, "Invalid URL" (404) before the 404
 * fallback, and CORS before the network family.
 */
import type { Rule } from '../types.ts';
import {
	accountRules,
	bearerEchoRule,
	constructorCheckRule,
	headerRules,
	invalidKeyRule,
	keyFormatRule,
	keyTailRule,
	maskedKeyRule,
	missingKeyRule,
	missingOrInvalidRule,
	organizationValueRule,
} from './auth.ts';
import { baseUrlRule, traceUploadRule } from './base-url.ts';
import { billingRules } from './billing.ts';
import { conceptRule } from './concepts.ts';
import { modelRule, modelValueRule } from './model.ts';
import { badRequestRule, hostedToolRule, tooLargeRule } from './request.ts';
import { statusRule } from './status.ts';
import {
	edgePageRule,
	notJsonRule,
	overloadedRule,
	rateLimitRule,
	serverErrorRule,
} from './throttle.ts';
import { corsRule, functionTimeoutRule, localOriginRule, networkRule } from './transport.ts';
import { verificationRule } from './verification.ts';

export const rules: readonly Rule[] = [
	...headerRules,
	traceUploadRule,
	verificationRule,
	missingOrInvalidRule,
	missingKeyRule,
	constructorCheckRule,
	...accountRules,
	...billingRules,
	maskedKeyRule,
	keyTailRule,
	keyFormatRule,
	baseUrlRule,
	invalidKeyRule,
	modelRule,
	rateLimitRule,
	tooLargeRule,
	hostedToolRule,
	edgePageRule,
	functionTimeoutRule,
	overloadedRule,
	serverErrorRule,
	badRequestRule,
	corsRule,
	localOriginRule,
	networkRule,
	organizationValueRule,
	modelValueRule,
	bearerEchoRule,
	conceptRule,
	statusRule,
	notJsonRule,
];
