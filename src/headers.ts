/**
 * Response headers every page needs. The same values are written to public/_headers,
 * vercel.json and netlify.toml for deploys; tests/unit/deploy-headers.test.ts keeps them in step.
 */
export const isolationHeaders = {
	// WebContainers need SharedArrayBuffer, which needs a cross-origin isolated page.
	'Cross-Origin-Opener-Policy': 'same-origin',
	// `credentialless` isolates the page without asking every cross-origin asset to opt in.
	'Cross-Origin-Embedder-Policy': 'credentialless',
} as const;
