/**
 * Runs Lighthouse (mobile preset, simulated throttling, offline-safe) against a URL in a Chromium
 * that is already running with `--remote-debugging-port`, and keeps the figures the bench reports.
 */
import lighthouse from 'lighthouse';

/** Lighthouse's view of one page. */
export interface LighthouseResult {
	scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
	/** Largest contentful paint, ms (simulated slow 4G, mid-range phone). */
	lcp: number;
	/** Total blocking time, ms. */
	tbt: number;
	/** Lighthouse's measure of this machine's CPU speed at the time (higher is faster). */
	benchmarkIndex: number;
	/** The CPU slowdown Lighthouse simulated. */
	cpuSlowdown: number;
	/** Audits that cost points in any category, for the "why" of a missed target. */
	failing: { category: string; id: string; title: string; score: number | null }[];
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/**
 * The CPU slowdown that makes this machine simulate Lighthouse's reference phone. Lighthouse's
 * default 4x assumes a fast desktop (benchmark index ~1500); its throttling calculator maps an
 * index of ~375 to 1x. On a shared, loaded machine the index drops, and 4x would simulate a phone
 * several times slower than the reference, so the bench scales the slowdown to the index.
 */
export function calibratedSlowdown(benchmarkIndex: number): number {
	return Math.min(4, Math.max(1, Math.round((benchmarkIndex / 375) * 10) / 10));
}

/** Audits a page with Lighthouse through the browser's DevTools port. */
export async function runLighthouse(
	url: string,
	port: number,
	cpuSlowdown = 4,
): Promise<LighthouseResult> {
	const result = await lighthouse(url, {
		port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: [...CATEGORIES],
		throttling: {
			rttMs: 150,
			throughputKbps: 1.6 * 1024,
			requestLatencyMs: 150 * 3.75,
			downloadThroughputKbps: 1.6 * 1024 * 0.9,
			uploadThroughputKbps: 750 * 0.9,
			cpuSlowdownMultiplier: cpuSlowdown,
		},
	});
	if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
	const { lhr } = result;
	if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
	const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
	const failing: LighthouseResult['failing'] = [];
	for (const id of CATEGORIES) {
		for (const ref of lhr.categories[id]?.auditRefs ?? []) {
			const audit = lhr.audits[ref.id];
			// Only audits that count (weight > 0) and did not fully pass.
			if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
			failing.push({ category: id, id: ref.id, title: audit.title, score: audit.score });
		}
	}
	return {
		scores: {
			performance: score('performance'),
			accessibility: score('accessibility'),
			bestPractices: score('best-practices'),
			seo: score('seo'),
		},
		lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
		tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
		benchmarkIndex: lhr.environment.benchmarkIndex,
		cpuSlowdown,
		failing,
	};
}
