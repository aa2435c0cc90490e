/** The practice API's models follow the one model registry: shut-down ids answer as the real API does. */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { MODEL_REGISTRY, isShutDown, utcDay } from '../../../sandbox/models/registry.ts';
import { MODELS } from '../../../sandbox/practice-api/models.ts';
import { caught, chatBody, setup } from './helpers.ts';

const DAY = 86_400_000;

describe('practice API models and the model registry', () => {
	it('knows every catalog model in the registry', () => {
		const known = new Set(MODEL_REGISTRY.map((entry) => entry.id));
		expect(MODELS.map((model) => model.id).filter((id) => !known.has(id))).toEqual([]);
	});

	it('answers a shut-down model with the real 404 "has been deprecated" body', async () => {
		const { scenario } = setup();
		const error = await caught(() =>
			scenario('valid').chat.completions.create({ ...chatBody, model: 'gpt-3.5-turbo' }),
		);
		expect(error).toBeInstanceOf(OpenAI.NotFoundError);
		expect(error.error).toEqual({
			message:
				'The model `gpt-3.5-turbo` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations',
			type: 'invalid_request_error',
			param: null,
			code: 'model_not_found',
		});
		const list = await scenario('valid').models.list();
		expect(list.data.map((model) => model.id)).not.toContain('gpt-3.5-turbo');
		expect(list.data.map((model) => model.id)).toContain('gpt-6-luna');
	});

	it('keeps a deprecated model answering until its shutdown day, then not', async () => {
		const { scenario, clock } = setup();
		const before = await scenario('valid').responses.create({ model: 'gpt-5-mini', input: 'hi' });
		expect(before.status).toBe('completed');
		clock.advance(Date.UTC(2026, 11, 11) - clock.now());
		const after = await caught(() =>
			scenario('valid').responses.create({ model: 'gpt-5-mini', input: 'hi' }),
		);
		expect(after.status).toBe(404);
		expect(after.message).toContain('`gpt-5-mini` has been deprecated');
		const list = await scenario('valid').models.list();
		expect(list.data.map((model) => model.id)).not.toContain('gpt-5-mini');
	});

	it('lists exactly the catalog models not yet shut down on the clock’s day', async () => {
		const { scenario, clock } = setup();
		const today = utcDay(clock.now());
		const expected = MODELS.filter((model) => {
			const entry = MODEL_REGISTRY.find((candidate) => candidate.id === model.id);
			return !entry || !isShutDown(entry, today);
		}).map((model) => model.id);
		const list = await scenario('valid').models.list();
		expect(list.data.map((model) => model.id)).toEqual(expected);
		clock.advance(400 * DAY);
		const later = await scenario('valid').models.list();
		expect(later.data.length).toBeLessThan(expected.length);
	});
});

describe('organization_not_verified scenario key', () => {
	const VERIFY =
		'Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.';

	it('gets 403 for a model that needs a verified organization', async () => {
		const { scenario } = setup();
		const error = await caught(() =>
			scenario('organization_not_verified').responses.create({
				model: 'gpt-6.2-astra',
				input: 'hi',
			}),
		);
		expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
		expect(error.message).toBe(
			`403 Your organization must be verified to use the model \`gpt-6.2-astra\`. ${VERIFY}`,
		);
	});

	it('gets 400 unsupported_value on stream for a model only verified organizations may stream', async () => {
		const { scenario } = setup();
		const key = scenario('organization_not_verified');
		const error = await caught(() =>
			key.responses.create({ model: 'gpt-6.2-sol', input: 'hi', stream: true }),
		);
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect(error.error).toEqual({
			message: `Your organization must be verified to stream this model. ${VERIFY}`,
			type: 'invalid_request_error',
			param: 'stream',
			code: 'unsupported_value',
		});
		// The same model without streaming, and the recommended model streamed, both work.
		const plain = await key.responses.create({ model: 'gpt-6.2-sol', input: 'hi' });
		expect(plain.status).toBe('completed');
		const stream = await key.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true });
		let done = false;
		for await (const event of stream) if (event.type === 'response.completed') done = true;
		expect(done).toBe(true);
	});

	it('leaves a verified organization (every other key) free to use and stream them', async () => {
		const { scenario } = setup();
		const reply = await scenario('valid').responses.create({ model: 'gpt-6.2-astra', input: 'hi' });
		expect(reply.status).toBe('completed');
	});
});
