/** What to do about a leaked key: the same words in `keylab doctor` and on the leak check page. */
import type { KeyFinding } from './find-keys.ts';

/** The lesson on a compromised key (a site path). */
export const COMPROMISED_KEY_LESSON = '/troubleshooting/compromised-key/';

/** Why deleting is not enough, in one sentence. */
export const DELETING_IS_NOT_ENOUGH =
	'Deleting the file or the commit does not un-leak a key that was pushed or shared: clones, forks, caches and scrapers already have it. Revoke it.';

/** The steps to take now, in order. */
export const LEAK_STEPS: readonly string[] = [
	'Revoke the key now: platform.openai.com → API keys (or the project’s API keys page) → Revoke.',
	'Create a new key, store it in an environment variable or a secret manager (never in code), and update every app that used the old one.',
	'Check the Usage page for requests you did not make; unexpected spend means the key was used.',
	'Look where else it went: other branches, forks, CI logs, Docker images, chat messages, and shared .env files.',
];

/** A short label for a key type. */
export function keyTypeLabel(keyType: KeyFinding['keyType']): string {
	return {
		project: 'project key',
		service_account: 'service account key',
		legacy_user: 'legacy user key',
		admin: 'admin key',
		unassociated: 'key (sk-None-)',
	}[keyType];
}

/** One line per finding: `file:line  type  masked  (commit, date)`. */
export function describeFinding(finding: KeyFinding): string {
	const where = `${finding.file}:${finding.line}`;
	const when = finding.commit
		? `  commit ${finding.commit.slice(0, 12)}${finding.date ? ` (${finding.date.slice(0, 10)})` : ''}`
		: '';
	const kind = finding.kind === 'leak' ? '' : `  [${finding.kind}, not a leak]`;
	return `${where}  ${keyTypeLabel(finding.keyType)}  ${finding.masked}${when}${kind}`;
}
