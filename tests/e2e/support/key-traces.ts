/** Shared steps for specs that prove a key goes nowhere: a fake real-looking key and a sweep of the page. */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';

/** A fake key with a real key's shape, made at run time so no key-shaped string is committed. */
export function fakeRealKey(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const chunk = (n: number) =>
		[...randomBytes(n)].map((byte) => alphabet[byte % alphabet.length]).join('');
	return `sk-proj-${chunk(74)}${'T3Blbk'}${'FJ'}${chunk(74)}`;
}

/** Everything the page keeps where a key must never be: storage, caches, cookies, URL, DOM. */
export async function pageTraces(page: Page): Promise<Record<string, string>> {
	const inPage = await page.evaluate(async () => {
		const storage = (store: Storage) =>
			Object.keys(store)
				.map((key) => `${key}=${store.getItem(key)}`)
				.join('\n');
		const idb: string[] = [];
		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			idb.push(`database ${info.name}`);
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(info.name!);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(new Error(String(request.error)));
			});
			for (const name of db.objectStoreNames) {
				const all = await new Promise<unknown[]>((resolve) => {
					const request = db.transaction(name).objectStore(name).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => resolve([]);
				});
				idb.push(`${info.name}/${name}: ${JSON.stringify(all)}`);
			}
			db.close();
		}
		const cached: string[] = [];
		for (const name of await caches.keys()) {
			cached.push(`cache ${name}`);
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				cached.push(`${request.url} ${(await response?.text()) ?? ''}`);
			}
		}
		const attributes = [...document.querySelectorAll('*')]
			.flatMap((element) =>
				[...element.attributes].map((attribute) => `${attribute.name}=${attribute.value}`),
			)
			.join('\n');
		return {
			localStorage: storage(localStorage),
			sessionStorage: storage(sessionStorage),
			indexedDB: idb.join('\n'),
			cacheStorage: cached.join('\n'),
			cookie: document.cookie,
			url: location.href,
			historyState: JSON.stringify(history.state),
			attributes,
			// Text of the whole document: an input's value is not part of it.
			text: document.documentElement.textContent ?? '',
			html: document.documentElement.outerHTML,
			title: document.title,
			// Only the key field may hold the key; every other input is collected for the check.
			otherInputs: [...document.querySelectorAll('input, textarea')]
				.filter((input) => !input.matches('[data-key-input]'))
				.map((input) => (input as HTMLInputElement).value)
				.join('\n'),
		};
	});
	const cookies = await page.context().cookies();
	return { ...inPage, contextCookies: JSON.stringify(cookies) };
}
