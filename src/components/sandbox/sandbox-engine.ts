/**
 * The sandbox's engine line: a badge naming the engine that ran the code, the WebContainer's
 * state and boot progress in one calm sentence, and the engine picker (pinned for the tab).
 */
import type { EngineKind } from '../../../sandbox/engines/index.ts';
import { watchEngines, type EngineStatus } from '../runtime/engine-session.ts';

/** The badge's words for each engine. */
export const ENGINE_NAMES: Record<EngineKind, string> = {
	worker: 'In your browser',
	webcontainer: 'Node.js (WebContainer)',
};

function sentence(status: EngineStatus): string {
	const { webcontainer, reason, progress, pin, kind } = status;
	if (kind === 'worker' && pin === 'worker' && webcontainer !== 'failed')
		return 'Pinned: your code runs in your browser.';
	switch (webcontainer) {
		case 'unavailable':
			return `Your code runs in your browser. Node.js (WebContainer) is not used here: ${reason ?? ''}`;
		case 'idle':
			return 'Your code runs in your browser; Node.js (WebContainer) starts in the background when you run code.';
		case 'booting':
			return `Node.js (WebContainer) is starting in the background (${progress.text}, ${Math.round(progress.value * 100)}%); your code runs in your browser meanwhile.`;
		case 'ready':
			return kind === 'webcontainer'
				? 'Node.js (WebContainer) is ready and runs your code.'
				: 'Node.js (WebContainer) is ready.';
		case 'failed':
			return `Node.js (WebContainer) could not start: ${reason ?? ''} Your code runs in your browser; lesson samples work the same.`;
	}
}

/** Shows the engines' status in a sandbox. */
export function showEngine(root: HTMLElement, status: EngineStatus): void {
	const line = root.querySelector<HTMLElement>('[data-engine]');
	const bar = root.querySelector<HTMLProgressElement>('[data-boot-progress]');
	const picker = root.querySelector<HTMLSelectElement>('[data-engine-pin]');
	root.dataset.webcontainer = status.webcontainer;
	const text = sentence(status);
	// Only a changed sentence is written, so a screen reader hears each state once.
	if (line && line.textContent !== text) line.textContent = text;
	if (bar) {
		bar.hidden = status.webcontainer !== 'booting';
		bar.value = status.progress.value;
		bar.setAttribute('aria-valuetext', status.progress.text);
	}
	if (picker && picker.value !== status.pin) picker.value = status.pin;
}

/** Names the engine that is running (then ran) the sandbox's code. */
export function showRanOn(root: HTMLElement, kind: EngineKind): void {
	root.dataset.engineKind = kind;
	const badge = root.querySelector<HTMLElement>('[data-engine-badge]');
	if (!badge) return;
	badge.textContent = ENGINE_NAMES[kind];
	badge.title = `This run: ${ENGINE_NAMES[kind]}`;
	badge.hidden = false;
}

const watched = new WeakSet<HTMLElement>();

/** Keeps the sandbox's engine line up to date from now on. */
export function watchSandbox(root: HTMLElement): void {
	if (watched.has(root)) return;
	watched.add(root);
	watchEngines((status) => showEngine(root, status));
}
