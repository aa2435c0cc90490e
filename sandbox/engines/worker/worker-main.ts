/**
 * The worker engine's worker. It imports the real `openai` SDK statically, so the SDK is parsed
 * while the worker warms up, before the learner presses Run.
 */
import * as sdk from 'openai';
import type { FromWorker, ToWorker } from './protocol.ts';
import { startRuntime } from './runtime.ts';

// The project's DOM typings have no worker global; this is the part of it used here.
interface WorkerScope {
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
	postMessage(message: FromWorker, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const early: ToWorker[] = [];
let handle: ((message: ToWorker) => void) | undefined;
// Listen at once: messages that arrive while the runtime starts are queued, not lost.
scope.onmessage = (event) => (handle ? handle(event.data) : void early.push(event.data));

// No top-level await: bundlers may emit workers as classic IIFE scripts.
void startRuntime(
	self as unknown as typeof globalThis,
	(message, transfer) => scope.postMessage(message, transfer ?? []),
	sdk as unknown as Parameters<typeof startRuntime>[2],
).then((ready) => {
	handle = ready;
	scope.postMessage({ type: 'ready' }, []);
	for (const message of early.splice(0)) ready(message);
});
