/** Scenario 8: a 429 that is not a rate limit. Stop retrying and report the billing cause. */
import { modelCalls, nothingSent, outputText, successes } from './evidence.ts';
import { project } from './program.ts';
import { fail, pass, type Scenario } from './types.ts';

const STARTER = `import OpenAI from 'openai';

const client = new OpenAI();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every 429 is treated as "too many requests, try again shortly".
async function ask(question, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      const completion = await client.chat.completions.create({
        model: 'gpt-6-luna',
        messages: [{ role: 'user', content: question }],
      });
      return completion.choices[0].message.content;
    } catch (error) {
      if (error.status === 429 && attempt < attempts) {
        console.log(\`Rate limited, retrying (attempt \${attempt + 1} of \${attempts})...\`);
        await sleep(200);
        continue;
      }
      throw error;
    }
  }
}

console.log(await ask('Say hello to a new API key owner in five words.'));
`;

const SOLUTION = `import OpenAI from 'openai';

// The SDK retries every 429 twice by default; we decide ourselves which 429s are worth retrying.
const client = new OpenAI({ maxRetries: 0 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function ask(question, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      const completion = await client.chat.completions.create({
        model: 'gpt-6-luna',
        messages: [{ role: 'user', content: question }],
      });
      return completion.choices[0].message.content;
    } catch (error) {
      // Out of credit or billing off: waiting cannot fix it, so stop and say why.
      if (error.code === 'insufficient_quota' || error.code === 'billing_not_active') {
        console.error(\`Billing problem (\${error.code}): the account has no usable credit. Add credit or raise the budget on the Billing page; retrying will not help.\`);
        process.exitCode = 1;
        return undefined;
      }
      if (error.code === 'rate_limit_exceeded' && attempt < attempts) {
        await sleep(1000);
        continue;
      }
      throw error;
    }
  }
}

const answer = await ask('Say hello to a new API key owner in five words.');
if (answer) console.log(answer);
`;

export const insufficientQuota: Scenario = {
	id: 'insufficient-quota',
	lesson: 'troubleshooting/billing-and-quota',
	title: 'A 429 that waiting will not fix',
	summary:
		'The organization has run out of credit. The API answers 429 insufficient_quota, and the code, which treats every 429 as a rate limit, keeps retrying.',
	timeoutMs: 30_000,
	setup(admin, baseURL) {
		const { id, secret } = admin.scenarioKey('quota_exhausted');
		return { env: { OPENAI_API_KEY: secret }, ids: { key: id }, secrets: {}, baseURL };
	},
	starter: () => project('insufficient-quota', STARTER),
	solution: () => project('insufficient-quota', SOLUTION),
	solutionSteps: [
		'Both are 429 and both raise RateLimitError, so the status and class are not enough: look at `error.code`.',
		'`insufficient_quota` (and `billing_not_active`) mean no credit: stop at once and tell the user to check billing. Set `maxRetries: 0` so the SDK does not retry it twice either, and retry only `rate_limit_exceeded`.',
	],
	hints: [
		'Count the requests in the log: how many did one question cost?',
		'Print `error.code` for the 429. Is it `rate_limit_exceeded`?',
		'The SDK itself retries every 429 twice (`maxRetries`, default 2) before your code sees it.',
	],
	starterFailure: 'kept_retrying',
	check(run) {
		const keyId = run.context.ids.key;
		const calls = modelCalls(run).filter((entry) => entry.keyId === keyId);
		if (calls.length === 0) return fail('no_request', nothingSent(run));
		if (successes(run).length > 0) return pass('The request succeeded.');
		const quota = calls.filter((entry) => entry.errorCode === 'insufficient_quota');
		if (calls.length > 1) {
			const retried = calls.filter((entry) => (entry.retryCount ?? 0) > 0).length;
			return fail(
				'kept_retrying',
				`One question cost ${calls.length} requests, all answered 429 ${calls[0]?.errorCode ?? ''}${retried ? ` (${retried} of them were the SDK’s own retries)` : ''}. insufficient_quota means the account has no credit: retrying cannot help, so stop after the first one.`,
			);
		}
		if (quota.length === 1 && /quota|billing|credit/i.test(outputText(run))) {
			return pass(
				'One request, one 429 insufficient_quota, no retries, and the program says it is a billing problem.',
			);
		}
		return fail(
			'cause_not_reported',
			'The code stopped after one request, but its output does not say the cause: tell the user the account is out of quota (billing), not rate-limited.',
		);
	},
};
