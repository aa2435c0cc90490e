/**
 * Entry of the single-file bundle run inside the WebContainer: `node server.mjs [port]`.
 * PORT and HOST may also come from the environment.
 */
import { startPracticeServer } from './node-server.ts';

const port = Number(process.argv[2] ?? process.env.PORT ?? 4010);
const server = await startPracticeServer({ port, host: process.env.HOST ?? 'localhost' });
console.log(`Practice API listening on ${server.url}`);
