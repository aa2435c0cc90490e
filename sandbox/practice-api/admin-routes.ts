/** The admin surface under /__practice/ (JSON): a thin layer over admin.ts. See README.md. */
import { Hono, type Context } from 'hono';
import * as admin from './admin.ts';
import { scenarioKeys } from './scenario-keys.ts';
import type { PracticeState } from './state.ts';

async function body(c: Context): Promise<Record<string, unknown>> {
	const text = await c.req.text();
	if (!text.trim()) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new admin.PracticeAdminError(400, 'invalid_json', 'The body is not valid JSON.');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new admin.PracticeAdminError(400, 'invalid_json', 'The body must be a JSON object.');
	}
	return parsed as Record<string, unknown>;
}

/** Admin routes over `state`. */
export function adminRoutes(state: PracticeState): Hono {
	const r = new Hono();
	r.use('*', async (c, next) => {
		await next();
		c.res.headers.set('access-control-allow-origin', '*');
	});
	r.onError((error, c) => {
		if (error instanceof admin.PracticeAdminError) {
			const status = error.status as 400 | 404;
			return c.json(
				{
					error: {
						message: error.message,
						type: 'invalid_request_error',
						param: null,
						code: error.code,
					},
				},
				status,
			);
		}
		throw error;
	});
	r.get('/scenario-keys', (c) => c.json(scenarioKeys()));
	r.get('/keys', (c) => c.json({ data: admin.listKeys(state) }));
	r.post('/keys', async (c) =>
		c.json(admin.createKey(state, (await body(c)) as admin.CreateKeyInput), 201),
	);
	r.patch('/keys/:id', async (c) =>
		c.json(admin.updateKey(state, c.req.param('id'), await body(c))),
	);
	r.post('/keys/:id/revoke', (c) => c.json(admin.revokeKey(state, c.req.param('id'))));
	r.post('/keys/:id/rotate', (c) => c.json(admin.rotateKey(state, c.req.param('id'))));
	r.put('/keys/:id/limits', async (c) =>
		c.json(admin.setKeyLimits(state, c.req.param('id'), await body(c))),
	);
	r.get('/projects', (c) => c.json({ data: admin.listProjects(state) }));
	r.post('/projects', async (c) =>
		c.json(
			admin.createProject(state, (await body(c)) as admin.ProjectInput & { name: string }),
			201,
		),
	);
	r.patch('/projects/:id', async (c) =>
		c.json(admin.updateProject(state, c.req.param('id'), await body(c))),
	);
	r.get('/organizations', (c) => c.json({ data: admin.listOrganizations(state) }));
	r.patch('/organizations/:id', async (c) =>
		c.json(admin.updateOrganization(state, c.req.param('id'), await body(c))),
	);
	r.post('/failures', async (c) =>
		c.json(
			admin.forceFailures(state, (await body(c)) as Parameters<typeof admin.forceFailures>[1]),
		),
	);
	r.get('/usage', (c) => c.json(admin.getUsage(state, c.req.query('key'))));
	r.get('/log', (c) => {
		const since = c.req.query('since');
		return c.json({
			data: admin.getRequestLog(state, since === undefined ? undefined : Number(since)),
		});
	});
	r.post('/reset', (c) => {
		admin.resetState(state);
		return c.json({ ok: true });
	});
	r.get('/state', (c) =>
		c.json({ time: state.clock.now(), crashes: state.crashes, logSize: state.requestLog.length }),
	);
	return r;
}
