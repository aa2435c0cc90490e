/**
 * Findings as SARIF 2.1.0, the format GitHub code scanning uploads
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html). Only the redacted key is
 * written: a SARIF file ends up in CI artifacts and on github.com.
 */
import { COMPROMISED_KEY_LESSON, DELETING_IS_NOT_ENOUGH, keyTypeLabel } from './advice.ts';
import type { KeyFinding } from './find-keys.ts';

const RULES = [
	{
		id: 'openai-key',
		name: 'OpenAIKeyInFiles',
		text: 'An OpenAI secret key is in a file of the repository (or staged for commit).',
	},
	{
		id: 'openai-key-in-history',
		name: 'OpenAIKeyInGitHistory',
		text: 'An OpenAI secret key was committed: it stays in git history even after the file is changed or deleted.',
	},
] as const;

/** A SARIF 2.1.0 log of the leaks found, for `keylab doctor --format sarif`. */
export function toSarif(
	findings: readonly KeyFinding[],
	options: { version: string; site: string },
): object {
	const help = `${options.site.replace(/\/+$/, '')}${COMPROMISED_KEY_LESSON}`;
	return {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'keylab',
						version: options.version,
						informationUri: options.site,
						rules: RULES.map((rule) => ({
							id: rule.id,
							name: rule.name,
							shortDescription: { text: rule.text },
							fullDescription: { text: `${rule.text} ${DELETING_IS_NOT_ENOUGH}` },
							helpUri: help,
							help: { text: `${DELETING_IS_NOT_ENOUGH} See ${help}` },
							defaultConfiguration: { level: 'error' },
							properties: { tags: ['security', 'secret'], 'security-severity': '9.0' },
						})),
					},
				},
				results: findings
					.filter((finding) => finding.kind === 'leak')
					.map((finding) => ({
						ruleId: finding.commit ? 'openai-key-in-history' : 'openai-key',
						ruleIndex: finding.commit ? 1 : 0,
						level: 'error',
						message: {
							text: `OpenAI ${keyTypeLabel(finding.keyType)} ${finding.masked}${
								finding.commit
									? ` added in commit ${finding.commit.slice(0, 12)}${finding.date ? ` (${finding.date})` : ''}`
									: ''
							}. ${DELETING_IS_NOT_ENOUGH}`,
						},
						locations: [
							{
								physicalLocation: {
									artifactLocation: { uri: encodeURI(finding.file) },
									region: { startLine: finding.line, startColumn: finding.column },
								},
							},
						],
						partialFingerprints: {
							'keylab/v1': `${finding.file}:${finding.masked}`,
						},
						properties: {
							keyType: finding.keyType,
							maskedKey: finding.masked,
							...(finding.commit ? { commit: finding.commit, date: finding.date } : {}),
						},
					})),
			},
		],
	};
}
