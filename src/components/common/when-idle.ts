/** Runs `work` once the page has finished loading and the main thread is free. */
export function whenIdle(work: () => void): void {
	// Safari has no requestIdleCallback; a timeout after `load` is the next best thing. A busy
	// page still gets the work within 2 s.
	const idle = (): void =>
		void ('requestIdleCallback' in window
			? requestIdleCallback(work, { timeout: 2_000 })
			: setTimeout(work, 200));
	if (document.readyState === 'complete') idle();
	else window.addEventListener('load', idle, { once: true });
}
