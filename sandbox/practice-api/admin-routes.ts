/** The admin surface under /__practice/ (JSON), for the practice console and scenario checks. */
import { Hono } from 'hono';
import { scenarioKeys } from './scenario-keys.ts';
import type { PracticeState } from './state.ts';

/** Admin routes over `state`. */
export function adminRoutes(state: PracticeState): Hono {
	void state;
	const admin = new Hono();
	admin.use('*', async (c, next) => {
		await next();
		c.res.headers.set('access-control-allow-origin', '*');
	});
	admin.get('/scenario-keys', (c) => c.json(scenarioKeys()));
	return admin;
}
