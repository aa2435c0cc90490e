/**
 * `keylab diagnose --check`: the live key check answers the question a pasted error left open, as
 * it does in the troubleshooter (sandbox/diagnose/check-verdict.ts). The key is read the way
 * `keylab doctor` reads it (OPENAI_API_KEY, else ./.env), sent to OPENAI_BASE_URL or
 * api.openai.com only, and never printed.
 */
import { checkKey, OPENAI_BASE_URL } from '../../sandbox/diagnose/check-key.ts';
import type { KeyCheck } from '../../sandbox/diagnose/check-types.ts';
import { checkVerdict } from '../../sandbox/diagnose/check-verdict.ts';
import { parseDotenv } from '../../sandbox/diagnose/dotenv.ts';
import { answerFollowUp, catalog, type Diagnosis } from '../../sandbox/diagnose/index.ts';
import type { CliIo } from './diagnose.ts';
import { liveTarget } from './live-target.ts';
import { safeReadFile } from './safe-read.ts';

const MARK: Record<KeyCheck['steps'][number]['status'], string> = {
	pass: 'pass',
	fail: 'FAIL',
	warn: 'warn',
	skipped: 'skip',
};

/** The diagnosis after the check had its say, and the lines that say what the check found. */
export interface CheckedDiagnosis {
	diagnosis: Diagnosis;
	report: string;
	/** True when the check picked one of the question's choices: nothing is left to ask. */
	answered: boolean;
}

/** Runs the check when `diagnosis` asks a question; reports why when it cannot. */
export async function answerByCheck(
	diagnosis: Diagnosis,
	io: CliIo,
	allowBillableRequest: boolean,
): Promise<CheckedDiagnosis> {
	const unchanged = (report: string) => ({ diagnosis, report, answered: false });
	if (!diagnosis.followUp) return unchanged('');
	const key = await readKey(io);
	if (!key)
		return unchanged(
			'\nKey check skipped: OPENAI_API_KEY is not set in the environment or in ./.env.\n',
		);
	const baseURL = io.env.OPENAI_BASE_URL || OPENAI_BASE_URL;
	const target = liveTarget(baseURL, 'OPENAI_BASE_URL');
	if ('error' in target) return unchanged(`\nKey check skipped: ${target.error}.\n`);
	const check = await checkKey(key, {
		baseURL,
		fetch: io.fetch,
		allowBillableRequest,
		organization: io.env.OPENAI_ORG_ID,
		project: io.env.OPENAI_PROJECT_ID,
	});
	const lines = [
		'',
		`Key check of OPENAI_API_KEY, sent to ${target.host} only:`,
		...check.steps.map((step) => `  ${MARK[step.status]}  ${step.title}: ${step.summary}`),
	];
	const verdict = checkVerdict(diagnosis.followUp, check);
	if (verdict.ruledOut.length > 0)
		lines.push(
			`It rules out, for this key: ${verdict.ruledOut.map((id) => catalog[id].title.toLowerCase()).join('; ')}.`,
		);
	if (!verdict.choice) return unchanged(`${lines.join('\n')}\n`);
	lines.push('It answers the question:');
	return {
		diagnosis: answerFollowUp(diagnosis, verdict.choice, verdict.finding),
		report: `${lines.join('\n')}\n`,
		answered: true,
	};
}

async function readKey(io: CliIo): Promise<string | undefined> {
	if (io.env.OPENAI_API_KEY) return io.env.OPENAI_API_KEY;
	const read = await safeReadFile(io.cwd, '.env');
	return read.ok ? parseDotenv(read.text).get('OPENAI_API_KEY')?.value || undefined : undefined;
}
