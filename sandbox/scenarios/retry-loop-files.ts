/**
 * The programs of the retry-loop scenario. The solution's `withRetries` is the loop the
 * rate-limits lesson teaches, word for word: keep the two in step.
 */

/** Asks the questions and one request far larger than the key's token budget. */
const MAIN = `const questions = Array.from({ length: 5 }, (_, i) => \`Question \${i + 1}: name a colour.\`);
// One request far over the key's tokens-per-minute budget: "Request too large" can never succeed.
questions.splice(2, 0, 'Summarise this: ' + 'lorem ipsum '.repeat(3000));

for (const [i, question] of questions.entries()) {
  try {
    const completion = await withRetries(() =>
      client.chat.completions.create({
        model: 'gpt-6-luna',
        messages: [{ role: 'user', content: question }],
      }),
    );
    console.log(i + 1, completion.choices[0].message.content);
  } catch (error) {
    console.log(i + 1, 'gave up:', error.message.slice(0, 60));
  }
}
`;

export const RETRY_STARTER = `import OpenAI from 'openai';

const client = new OpenAI();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Retry every 429 a few times, a quarter of a second apart.
async function withRetries(call) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error.status !== 429 || attempt === 4) throw error;
      await sleep(250);
    }
  }
}

${MAIN}`;

export const RETRY_SOLUTION = `import OpenAI from 'openai';

// This program runs its own retry loop, so the SDK's two quick retries are turned off.
const client = new OpenAI({ maxRetries: 0 });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The API's durations: "667ms", "1.334s", "1m0s". */
function toMs(duration) {
  const units = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let ms = 0;
  for (const [, n, unit] of duration.matchAll(/([\\d.]+)(ms|s|m|h)/g)) ms += Number(n) * units[unit];
  return ms;
}

/** How long the server asked us to wait: retry-after, else the later of the two resets. */
function waitMs(headers) {
  const retryAfter = Number(headers?.get('retry-after'));
  if (retryAfter > 0) return retryAfter * 1000;
  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']
    .map((name) => headers?.get(name))
    .filter(Boolean)
    .map(toMs);
  return resets.length > 0 ? Math.max(...resets) : 1000;
}

/** Calls \`call\`, waiting out rate limits; errors that a retry cannot fix are thrown at once. */
async function withRetries(call, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const final =
        error.status !== 429 ||
        error.code === 'insufficient_quota' || // no credits: waiting does not add any
        error.message.includes('Request too large') || // bigger than the whole budget
        attempt === attempts;
      if (final) throw error;
      await sleep(waitMs(error.headers));
    }
  }
}

${MAIN}`;
