/**
 * The last line of defence for everything a diagnosis says: no whole key may appear in a title,
 * explanation, piece of evidence or fix, even glued to other text (`xsk-proj-…`, `key=sk-…`,
 * `Bearer sk-…`) where a word-boundary regex would miss it. Masked keys (with `*`) stay readable:
 * they are what the server echoed and carry no secret.
 */
import { redactKey } from '../keys/redact.ts';

// OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-), OpenRouter (sk-or-v1-), Anthropic (sk-ant-),
// Groq (gsk_), Google (AIza), xAI (xai-): no leading \b, so glued keys are caught too.
const KEYS = /(?:sk-|gsk_|xai-|AIza)[A-Za-z0-9_-]{16,}/g;
// Whatever follows "Bearer " or an api-key header is a credential whatever its shape.
const CREDENTIAL = /(\b(?:Bearer|api[-_]?key["']?\s*[:=])\s*["']?)([A-Za-z0-9._~+/=-]{20,})/gi;

/** `text` with every key-shaped run redacted to its first and last few characters. */
export function redactEvidence(text: string): string {
	return text
		.replace(KEYS, (key) => redactKey(key))
		.replace(CREDENTIAL, (_all, lead: string, secret: string) =>
			secret.includes('…') ? lead + secret : lead + redactKey(secret),
		);
}
