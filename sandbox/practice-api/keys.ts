/**
 * Minting practice keys in every real shape. They match real keys in prefix, length and
 * alphabet, but carry `PRACTICE` where real keys carry `T3BlbkFJ` (see sandbox/keys/practice-key.ts).
 */
import { PRACTICE_MARKER } from '../keys/practice-key.ts';
import { ALNUM, KEY_ALPHABET, type Random } from './random.ts';
import type { KeyRecord, KeyShape, PracticeState } from './state.ts';

const PREFIX: Record<KeyShape, string> = {
	project: 'sk-proj-',
	service_account: 'sk-svcacct-',
	legacy: 'sk-',
	admin: 'sk-admin-',
};

/** A new secret of `shape`: sk-proj- 164 chars, sk-svcacct- 167, legacy sk- 51, sk-admin- 165. */
export function mintSecret(random: Random, shape: KeyShape): string {
	if (shape === 'legacy') {
		return PREFIX.legacy + random.string(20, ALNUM) + PRACTICE_MARKER + random.string(20, ALNUM);
	}
	return (
		PREFIX[shape] +
		random.string(74, KEY_ALPHABET) +
		PRACTICE_MARKER +
		random.string(74, KEY_ALPHABET)
	);
}

/** The platform's short display form: the prefix, `...`, the last 4 characters. */
export function redactSecret(secret: string): string {
	const prefix = /^sk-(proj|svcacct|admin)-/.exec(secret)?.[0] ?? secret.slice(0, 3);
	if (secret.length <= prefix.length + 4) return secret;
	return `${prefix}...${secret.slice(-4)}`;
}

/** The key shape a secret has, from its prefix. */
export function shapeOf(secret: string): KeyShape {
	if (secret.startsWith('sk-proj-')) return 'project';
	if (secret.startsWith('sk-svcacct-')) return 'service_account';
	if (secret.startsWith('sk-admin-')) return 'admin';
	return 'legacy';
}

/** What a new key's record says beyond what every new key has in common. */
export type NewKeyFields = Pick<
	KeyRecord,
	'name' | 'shape' | 'owner' | 'orgId' | 'projectId' | 'permissions'
> &
	Partial<Pick<KeyRecord, 'serviceAccountId' | 'expiresAt'>>;

/**
 * Mints a key of the record's shape and stores it, active and unused: the console, the Admin API
 * and service accounts all create keys so. The secret is returned once and kept only as a lookup.
 */
export function storeNewKey(
	state: PracticeState,
	fields: NewKeyFields,
): { key: KeyRecord; secret: string } {
	const secret = mintSecret(state.random, fields.shape);
	const id = 'key_' + state.random.string(16, ALNUM);
	const key: KeyRecord = {
		id,
		...fields,
		status: 'active',
		redacted: redactSecret(secret),
		createdAt: state.clock.now(),
		lastUsedAt: null,
		limits: {},
	};
	state.keys[id] = key;
	state.secrets.set(secret, id);
	return { key, secret };
}
