// Starlight's `Astro.locals.starlightRoute` types live in its package's global declarations.
/// <reference types="@astrojs/starlight" />
