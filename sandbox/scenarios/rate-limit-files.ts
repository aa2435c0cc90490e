/** The programs of the rate-limit scenario: all at once (starter), and paced by the headers. */

export const RATE_STARTER = `import OpenAI from 'openai';

const client = new OpenAI();

const ask = async (question) => {
  const completion = await client.chat.completions.create({
    model: 'gpt-6-luna',
    messages: [{ role: 'user', content: question }],
  });
  return completion.choices[0].message.content;
};

// Ten questions, all at once.
const questions = Array.from({ length: 10 }, (_, i) => \`Question \${i + 1}: name a colour.\`);
const answers = await Promise.all(questions.map(ask));
answers.forEach((answer, i) => console.log(i + 1, answer));
`;

export const RATE_SOLUTION = `import OpenAI from 'openai';

// We pace the requests ourselves; the SDK's quick retries would come too early.
const client = new OpenAI({ maxRetries: 0 });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The API's durations: "667ms", "1.334s", "1m0s". */
function toMs(duration) {
  const units = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let ms = 0;
  for (const [, n, unit] of duration.matchAll(/([\\d.]+)(ms|s|m|h)/g)) ms += Number(n) * units[unit];
  return ms;
}

async function ask(question) {
  for (;;) {
    try {
      const { data, response } = await client.chat.completions
        .create({ model: 'gpt-6-luna', messages: [{ role: 'user', content: question }] })
        .withResponse();
      // Used up for now: wait until the limit has reset before the next request.
      if (response.headers.get('x-ratelimit-remaining-requests') === '0') {
        await sleep(toMs(response.headers.get('x-ratelimit-reset-requests') ?? '1s'));
      }
      return data.choices[0].message.content;
    } catch (error) {
      if (error.code !== 'rate_limit_exceeded') throw error;
      // Refused anyway: wait for the reset the 429 announces, then send the same request again.
      await sleep(toMs(error.headers.get('x-ratelimit-reset-requests') ?? '1s'));
    }
  }
}

for (let i = 1; i <= 10; i++) {
  console.log(i, await ask(\`Question \${i}: name a colour.\`));
}
`;
