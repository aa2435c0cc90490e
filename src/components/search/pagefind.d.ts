/** Pagefind's bundled UI (a dependency of Starlight) ships no types; this is the part we use. */
declare module '@pagefind/default-ui' {
	export const PagefindUI: new (options: Record<string, unknown>) => unknown;
}
