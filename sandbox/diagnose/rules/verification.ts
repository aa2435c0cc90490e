/**
 * Organization verification: some models (and streaming them) need a verified organization.
 * It arrives as 403 on the model, or as 400 `unsupported_value` on `param: "stream"`, which looks
 * like a parameter error: the message is what tells them apart.
 */
import { textRule } from './text-rule.ts';

export const verificationRule = textRule('organization_not_verified', 'organization-verification', {
	regex:
		/organi[sz]ations? must be verified|verify (?:your )?organi[sz]ation|organi[sz]ation (?:is )?not (?:yet )?verified|unverified organi[sz]ation|organi[sz]ation verification (?:is )?required/i,
	refine: (signals) => {
		const streaming =
			/to stream this model/i.test(signals.text) || signals.params.includes('stream');
		return streaming
			? {
					title: 'Streaming this model needs a verified organization',
					fixes: [
						'Call it without streaming (stream: false) until the organization is verified; only streaming is refused.',
					],
				}
			: {};
	},
});
