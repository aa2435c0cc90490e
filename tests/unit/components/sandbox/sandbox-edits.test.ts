import { describe, expect, it } from 'vitest';
import {
	holdsSecret,
	loadEdits,
	saveEdits,
} from '../../../../src/components/sandbox/sandbox-edits.ts';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (name: string) => items.get(name) ?? null,
		setItem: (name: string, value: string) => void items.set(name, value),
		removeItem: (name: string) => void items.delete(name),
	};
}

const template = [{ path: 'index.js', contents: "console.log('hi');\n" }];
const edited = [{ path: 'index.js', contents: "console.log('hello');\n" }];
// Built at run time: no key-shaped string is committed.
const realShaped = `sk-proj-${'x'.repeat(30)}${'T3Blbk'}FJ${'y'.repeat(30)}`;

describe('sandbox edits across a reload', () => {
	it('saves edited files and loads them back', () => {
		const storage = memoryStorage();
		expect(saveEdits(storage, 'slot', edited, template, undefined)).toBe(true);
		expect(loadEdits(storage, 'slot')).toEqual(edited);
	});

	it('keeps nothing when the files are the template again', () => {
		const storage = memoryStorage();
		saveEdits(storage, 'slot', edited, template, undefined);
		expect(saveEdits(storage, 'slot', template, template, undefined)).toBe(false);
		expect(storage.items.size).toBe(0);
	});

	it('never stores a key-shaped string, and forgets older edits when one appears', () => {
		const storage = memoryStorage();
		saveEdits(storage, 'slot', edited, template, undefined);
		const withKey = [{ path: '.env', contents: `OPENAI_API_KEY=${realShaped}\n` }];
		expect(saveEdits(storage, 'slot', withKey, template, undefined)).toBe(false);
		expect([...storage.items.values()].join('')).not.toContain('T3Blbk');
		expect(storage.items.size).toBe(0);
	});

	it('never stores the key the tab holds, whatever its shape', () => {
		const storage = memoryStorage();
		const held = 'an-odd-key-value-1234567890';
		const files = [{ path: 'index.js', contents: `const k = '${held}';` }];
		expect(holdsSecret(files, held)).toBe(true);
		expect(saveEdits(storage, 'slot', files, template, held)).toBe(false);
		expect(storage.items.size).toBe(0);
	});

	it('ignores unreadable or tampered slots', () => {
		const storage = memoryStorage();
		storage.setItem('a', '{not json');
		storage.setItem('b', JSON.stringify([{ path: 1 }]));
		storage.setItem('c', JSON.stringify([{ path: 'index.js', contents: realShaped }]));
		expect(loadEdits(storage, 'a')).toBeUndefined();
		expect(loadEdits(storage, 'b')).toBeUndefined();
		expect(loadEdits(storage, 'c')).toBeUndefined();
	});
});
