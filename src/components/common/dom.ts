/** A tiny element builder for the console and the scenario cards: text is always textContent. */

type Attrs = Record<string, string | number | boolean | undefined | null>;
type Child = Node | string | null | undefined | false;

/** Creates `<tag attrs>children</tag>`; `true` sets a boolean attribute, false/null/undefined skip it. */
export function el<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Attrs = {},
	...children: Child[]
): HTMLElementTagNameMap[K] {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs)) {
		if (value === undefined || value === null || value === false) continue;
		element.setAttribute(name, value === true ? '' : String(value));
	}
	for (const child of children) {
		if (child === null || child === undefined || child === false) continue;
		element.append(child);
	}
	return element;
}

/** A unique id prefix for labels in one component instance. */
export function uid(prefix: string): string {
	return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
