/**
 * The page's engine session with fake engines: the worker answers at once, the WebContainer boots
 * in the background only once warmed, takes over when ready, a failure is remembered for the tab,
 * a pin is obeyed, and `?engine=` overrides.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../../../sandbox/engines/index.ts';
import type { RunResult, SandboxEngine } from '../../../../sandbox/engines/types.ts';
import {
	createEngineSession,
	type EngineSessionDeps,
	type EngineStatus,
} from '../../../../src/components/runtime/engine-session.ts';

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

function fakeEngine(kind: EngineKind, boot: Promise<void>): SandboxEngine & { disposed: boolean } {
	return {
		kind,
		disposed: false,
		boot: () => boot,
		run: () => Promise.resolve({ exitCode: 0, reason: 'exit', durationMs: 1 } as RunResult),
		dispose() {
			this.disposed = true;
		},
	};
}

function setup(
	options: { blocker?: string; override?: EngineKind; stored?: [string, string][] } = {},
) {
	const wcBoot = deferred<void>();
	const created: EngineKind[] = [];
	const slots = new Map<string, string>(options.stored);
	const deps: EngineSessionDeps = {
		createEngine: (kind) => {
			created.push(kind);
			return Promise.resolve(
				fakeEngine(kind, kind === 'worker' ? Promise.resolve() : wcBoot.promise),
			);
		},
		practiceFetch: () => Promise.resolve(() => Promise.resolve(new Response('{}'))),
		blocker: () => Promise.resolve(options.blocker),
		override: () => options.override,
		storage: () => ({
			getItem: (key) => slots.get(key) ?? null,
			setItem: (key, value) => void slots.set(key, value),
			removeItem: (key) => void slots.delete(key),
		}),
	};
	const session = createEngineSession(deps);
	const statuses: EngineStatus[] = [];
	session.watch((status) => statuses.push(status));
	return { session, created, wcBoot, slots, statuses };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the engine session', () => {
	it('starts the worker while the practice API is still loading, and runs wait for both', async () => {
		const practice = deferred<(request: Request) => Promise<Response>>();
		const created: EngineKind[] = [];
		let booted = false;
		const session = createEngineSession({
			createEngine: (kind, options) => {
				created.push(kind);
				const engine = fakeEngine(
					kind,
					Promise.resolve().then(() => void (booted = true)),
				);
				engine.run = async (request) => {
					// The engine's practiceFetch reaches the practice API once it has loaded.
					const answer = await options.practiceFetch(
						new Request('https://practice.test/v1/models'),
					);
					request.onOutput({ stream: 'stdout', text: await answer.text() });
					return { exitCode: 0, reason: 'exit', durationMs: 1 };
				};
				return Promise.resolve(engine);
			},
			practiceFetch: () => practice.promise,
			blocker: () => Promise.resolve('no WebContainer in this test'),
			override: () => 'worker',
			storage: () => undefined,
		});
		let settled = false;
		const chosen = session.get().then((value) => ((settled = true), value));
		await tick();
		expect(created).toEqual(['worker']);
		expect(booted).toBe(true);
		expect(settled).toBe(false);
		practice.resolve(() => Promise.resolve(new Response('practice answered')));
		const { engine } = await chosen;
		const output: string[] = [];
		await engine.run({
			files: [],
			entry: 'index.js',
			env: {},
			onOutput: (chunk) => output.push(chunk.text),
		});
		expect(output).toEqual(['practice answered']);
	});

	it('creates nothing until warmed or asked for an engine', async () => {
		const { created } = setup();
		await tick();
		expect(created).toEqual([]);
	});

	it('answers the first Run on the worker while the WebContainer boots, then hands over', async () => {
		const { session, created, wcBoot, statuses } = setup();
		const first = await session.get();
		expect(first.engine.kind).toBe('worker');
		await tick();
		// The WebContainer was started in the background, after the worker.
		expect(created).toEqual(['worker', 'webcontainer']);
		expect(statuses.at(-1)?.webcontainer).toBe('booting');
		expect((await session.get()).engine.kind).toBe('worker');
		wcBoot.resolve();
		await tick();
		expect(statuses.at(-1)).toMatchObject({ webcontainer: 'ready', kind: 'webcontainer' });
		expect((await session.get()).engine.kind).toBe('webcontainer');
	});

	it('says a failed boot once, keeps the worker, and remembers it for the tab', async () => {
		const { session, wcBoot, slots, statuses } = setup();
		await session.warm();
		wcBoot.reject(new Error('StackBlitz, which serves WebContainers, cannot be reached.'));
		await tick();
		const failed = statuses.filter((status) => status.webcontainer === 'failed');
		expect(failed).toHaveLength(1);
		expect(failed[0].reason).toMatch(/cannot be reached/);
		const next = await session.get();
		expect(next).toEqual({ engine: expect.objectContaining({ kind: 'worker' }) as unknown });
		// A new page in the same tab does not try again.
		const again = setup({ stored: [...slots] });
		await again.session.warm();
		await again.session.get();
		await tick();
		expect(again.created).toEqual(['worker']);
		expect(again.statuses.at(-1)?.webcontainer).toBe('failed');
	});

	it('never tries the WebContainer where it cannot work', async () => {
		const { session, created, statuses } = setup({
			blocker: 'this site has no WebContainer API key.',
		});
		await session.warm();
		await session.get();
		await tick();
		expect(created).toEqual(['worker']);
		expect(statuses.at(-1)).toMatchObject({ webcontainer: 'unavailable', kind: 'worker' });
	});

	it('obeys a pin: worker means no WebContainer at all; webcontainer waits for it', async () => {
		const pinnedWorker = setup({ stored: [['keylab:engine-pin', 'worker']] });
		await pinnedWorker.session.warm();
		await pinnedWorker.session.get();
		await tick();
		expect(pinnedWorker.created).toEqual(['worker']);

		const { session, wcBoot } = setup();
		await session.pin('webcontainer');
		const waiting = session.get();
		wcBoot.resolve();
		expect((await waiting).engine.kind).toBe('webcontainer');
	});

	it('falls back with a note when a pinned or forced WebContainer cannot start', async () => {
		const { session, wcBoot } = setup({ override: 'webcontainer', blocker: 'ignored' });
		const waiting = session.get();
		wcBoot.reject(new Error('Booting the WebContainer did not finish within 20 s.'));
		const got = await waiting;
		expect(got.engine.kind).toBe('worker');
		expect(got.note).toMatch(/could not start: Booting the WebContainer did not finish/);
	});

	it('?engine=worker never boots the WebContainer, whatever the pin', async () => {
		const { session, created } = setup({
			override: 'worker',
			stored: [['keylab:engine-pin', 'webcontainer']],
		});
		await session.warm();
		expect((await session.get()).engine.kind).toBe('worker');
		await tick();
		expect(created).toEqual(['worker']);
	});
});
