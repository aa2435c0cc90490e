/** The report of `keylab doctor`: its checks, and how they print. Pure, so it is easy to test. */
import { lessonPath } from '../course.ts';
import type { KeyCheck } from './check-types.ts';
import { paint } from './format-text.ts';

/** One line of the doctor's checklist. */
export interface DoctorCheck {
	id: string;
	status: 'pass' | 'fail' | 'warn' | 'skip';
	summary: string;
	details?: string[];
	lesson?: string;
}

/** The live check's steps as doctor checks. */
export function liveChecks(result: KeyCheck): DoctorCheck[] {
	return result.steps.map((step) => ({
		id: `live_${step.id}`,
		status: step.status === 'skipped' ? 'skip' : step.status,
		summary: `${step.title}: ${step.summary}`,
		details: [
			...(step.request ? [`${step.request.method} ${step.request.url}`] : []),
			...(step.response
				? [
						`→ ${step.response.status}${step.response.requestId ? ` (${step.response.requestId})` : ''}`,
					]
				: []),
			...(step.diagnosis ? step.diagnosis.fixes.slice(0, 2) : []),
		],
		...(step.diagnosis ? { lesson: lessonPath(step.diagnosis.lesson) } : {}),
	}));
}

/** The checks as a checklist for a terminal. */
export function renderDoctor(
	checks: DoctorCheck[],
	ok: boolean,
	options: { color: boolean; site: string },
): string {
	const p = paint(options.color);
	const mark = { pass: p.green('✔'), fail: p.red('✖'), warn: p.yellow('!'), skip: p.dim('–') };
	const lines: string[] = [];
	for (const check of checks) {
		lines.push(`${mark[check.status]} ${check.summary}`);
		for (const detail of check.details ?? []) lines.push(`    ${p.dim(detail)}`);
		if (check.lesson && check.status === 'fail')
			lines.push(`    ${p.dim('Lesson: ' + options.site.replace(/\/+$/, '') + check.lesson)}`);
	}
	lines.push('', ok ? p.green('No problems found.') : p.red('Problems found: see ✖ above.'));
	return lines.join('\n') + '\n';
}
