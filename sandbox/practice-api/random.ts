/**
 * Seeded pseudo-random numbers (sfc32 over a cyrb128 hash). Web Crypto would be unpredictable;
 * the practice API must mint the same keys and ids on every load so lessons can cite them.
 */
export type Random = {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	/** `length` characters drawn from `alphabet`. */
	string(length: number, alphabet: string): string;
};

/** Base62 plus `_` and `-`, the alphabet of current project and service-account keys. */
export const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/** Base62, the alphabet of legacy keys and of ids. */
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Lower-case hex. */
export const HEX = '0123456789abcdef';

function cyrb128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A deterministic generator for `seed`. */
export function createRandom(seed: string): Random {
	let [a, b, c, d] = cyrb128(seed);
	const next = (): number => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		string(length, alphabet) {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
			return out;
		},
	};
}

/** A 32-bit hash of `text`, for deterministic per-input choices (canned replies, embeddings). */
export function hash32(text: string): number {
	return cyrb128(text)[0];
}
