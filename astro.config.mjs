// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import { course } from './sandbox/course.ts';
import { astroCsp, sandboxWorkerDir, securityHeaders } from './src/headers.ts';
import { keylabMonaco } from './src/components/monaco/vite-plugin.ts';
import { courseFreshness } from './src/integrations/course-freshness.ts';

// https://astro.build/config
export default defineConfig({
	site: process.env.KEYLAB_SITE ?? 'https://keylab.dev',
	// Tests build into their own folder so parallel builds never clobber each other.
	outDir: process.env.KEYLAB_OUT_DIR ?? './dist',
	// Cross-origin isolation (WebContainers need it), CSP and the other security headers. Top-level
	// `server.headers` reaches pages in `astro dev` and everything in `astro preview`; deploys get the
	// same from public/_headers, vercel.json and netlify.toml (all written from src/headers.ts).
	server: { headers: securityHeaders },
	// Built pages also get a <meta> CSP pinning inline scripts to their hashes (see src/headers.ts).
	security: { csp: astroCsp() },
	// Code blocks are Expressive Code's (through Starlight), never Astro's own Shiki pass, whose
	// inline styles the policy would have to allow.
	markdown: { syntaxHighlight: false },
	// Keeps Monaco's CSS off every page and serves the openai SDK's types to the editor on demand.
	vite: {
		plugins: [keylabMonaco()],
		// Monaco's editor (2.7 MB), its TypeScript worker (6.9 MB) and the SDK's types (3.3 MB) load
		// only when a learner opens the editor, so their size is not a page's weight: the budgets in
		// tests/e2e/page-weight.spec.ts guard that. The limit still flags anything bigger.
		build: { chunkSizeWarningLimit: 8_000 },
		// The worker engine's script gets a folder of its own, so deploy headers can give it its own
		// strict CSP (src/headers.ts, sandboxWorkerDir); other workers keep Vite's default names.
		worker: {
			rolldownOptions: {
				output: {
					entryFileNames: (chunk) =>
						chunk.name === 'worker-main'
							? `${sandboxWorkerDir.slice(1)}[name]-[hash].js`
							: '_astro/[name]-[hash].js',
				},
			},
		},
	},
	integrations: [
		// Warns by name about models near their shutdown and lessons not reviewed in 120 days.
		courseFreshness(),
		starlight({
			// Wrapped code never scrolls sideways, so Expressive Code adds no unnamed scroll regions
			// (axe: landmark-unique) and phones show whole lines.
			expressiveCode: { defaultProps: { wrap: true } },
			title: 'keylab',
			description:
				'Learn to get, secure and troubleshoot an OpenAI API key, with a practice API that needs no account.',
			// An SVG shown as <img> cannot take the theme's text colour, so each theme has its own.
			logo: {
				light: './src/assets/logo-light.svg',
				dark: './src/assets/logo-dark.svg',
				replacesTitle: false,
			},
			favicon: '/favicon.svg',
			// src/pages/404.astro replaces Starlight's one-sentence 404 with a way back into the course.
			disable404Route: true,
			customCss: ['./src/styles/keylab.css'],
			components: {
				Search: './src/components/search/Search.astro',
				LastUpdated: './src/components/overrides/LastUpdated.astro',
				MarkdownContent: './src/components/overrides/MarkdownContent.astro',
			},
			plugins: [starlightLinksValidator({ errorOnRelativeLinks: false })],
			sidebar: course.map((section) => ({
				label: section.label,
				items: section.lessons.map((lesson) => ({ label: lesson.label, slug: lesson.slug })),
			})),
		}),
	],
});
