/**
 * Deterministic, plausible replies: a small canned-text generator, token estimates, and
 * embedding vectors derived from the input, so the same request always gets the same answer.
 */
import { createRandom, hash32 } from './random.ts';

const REPLIES = [
	'Hello! This answer comes from the keylab practice API, which behaves like the OpenAI API without needing a real key.',
	'Your request was authenticated and processed. In production, this is where the model would answer your prompt.',
	'Everything worked: the key was accepted, the model exists, and the request stayed within its rate limits.',
	'Here is a short reply from the practice API. Try a scenario key to see how real failures look.',
	'The practice API received your message and replied with canned text, so results are repeatable.',
];

/** Rough token count (about four characters per token, as OpenAI's rule of thumb says). */
export function countTokens(text: string): number {
	return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** All the text found in chat messages or Responses input, whatever their shape. */
export function collectText(value: unknown, depth = 0): string {
	if (depth > 8 || value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map((v) => collectText(v, depth + 1)).join('\n');
	if (typeof value === 'object') {
		const o = value as Record<string, unknown>;
		return collectText(o.content ?? o.text ?? '', depth + 1);
	}
	return '';
}

/** The canned reply for a prompt, cut to `maxTokens` when given. */
export function reply(prompt: string, maxTokens?: number): { text: string; truncated: boolean } {
	const text = /say this is a test/i.test(prompt)
		? 'This is a test.'
		: REPLIES[hash32(prompt) % REPLIES.length];
	if (maxTokens !== undefined && countTokens(text) > maxTokens) {
		return { text: text.slice(0, Math.max(0, maxTokens * 4)), truncated: true };
	}
	return { text, truncated: false };
}

/** Splits a reply into stream deltas of a word or so, as the API streams them. */
export function deltas(text: string): string[] {
	return text.match(/\s*\S+/g) ?? [];
}

/** A unit-length embedding of `dimensions` floats, deterministic in `input`. */
export function embed(input: string, dimensions: number): number[] {
	const random = createRandom('embedding ' + input);
	const v = new Array<number>(dimensions);
	let norm = 0;
	for (let i = 0; i < dimensions; i++) {
		const x = random.next() * 2 - 1;
		v[i] = x;
		norm += x * x;
	}
	norm = Math.sqrt(norm) || 1;
	for (let i = 0; i < dimensions; i++) v[i] = Math.fround(v[i] / norm);
	return v;
}

/** Base64 of little-endian float32s, the API's `encoding_format: "base64"`. */
export function toBase64(vector: number[]): string {
	const bytes = new Uint8Array(new Float32Array(vector).buffer);
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}
