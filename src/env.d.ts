// Starlight's `Astro.locals.starlightRoute` types live in its package's global declarations.
/// <reference types="@astrojs/starlight" />

declare namespace App {
	interface Locals {
		/** How many sandboxes the page being rendered has so far (Sandbox.astro numbers its ids). */
		keylabSandboxes?: number;
		/** How many key fields the page has so far (KeyField.astro numbers its ids). */
		keylabKeyFields?: number;
	}
}

interface ImportMetaEnv {
	/** StackBlitz WebContainer API key (build-time, public; see docs/deploy.md). Unset: no WebContainer off localhost. */
	readonly PUBLIC_WEBCONTAINER_API_KEY?: string;
}
