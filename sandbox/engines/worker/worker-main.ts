/**
 * The worker engine's worker. It imports the real `openai` SDK statically, so the SDK is parsed
 * while the worker warms up, before the learner presses Run. It talks to the page over the
 * MessagePort its first message brings (isolated-worker.ts): the sandboxed frame that started it
 * only introduces the two, and what the worker posts to `self` reaches no one.
 */
import * as sdk from 'openai';
import type { FromWorker, ToWorker } from './protocol.ts';
import { startRuntime } from './runtime.ts';

// The project's DOM typings have no worker global; this is the part of it used here.
interface WorkerScope {
	onmessage: ((event: MessageEvent<{ type: 'connect' }>) => void) | null;
}

const scope = self as unknown as WorkerScope;
let port: MessagePort | undefined;
const early: ToWorker[] = [];
let handle: ((message: ToWorker) => void) | undefined;
const post = (message: FromWorker, transfer: Transferable[] = []) =>
	port ? port.postMessage(message, transfer) : void 0;

scope.onmessage = (event) => {
	if (port || event.data?.type !== 'connect' || !event.ports[0]) return;
	scope.onmessage = null;
	port = event.ports[0];
	// Listen at once: messages that arrive while the runtime starts are queued, not lost.
	port.onmessage = (message: MessageEvent<ToWorker>) =>
		handle ? handle(message.data) : void early.push(message.data);
	if (handle) post({ type: 'ready' });
};

// No top-level await: the build emits the worker as a classic IIFE script.
void startRuntime(
	self as unknown as typeof globalThis,
	(message, transfer) => post(message, transfer),
	sdk as unknown as Parameters<typeof startRuntime>[2],
).then((ready) => {
	handle = ready;
	post({ type: 'ready' });
	for (const message of early.splice(0)) ready(message);
});
