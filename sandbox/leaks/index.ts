/** The leak detector: one import for the CLI and the leak check page. */
export {
	classifyKey,
	findKeys,
	type FindOptions,
	type KeyFinding,
	type KeyKind,
} from './find-keys.ts';
export { COMMIT_MARK, DiffScanner } from './scan-diff.ts';
export {
	COMPROMISED_KEY_LESSON,
	DELETING_IS_NOT_ENOUGH,
	describeFinding,
	keyTypeLabel,
	LEAK_STEPS,
} from './advice.ts';
