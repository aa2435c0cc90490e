/** Renders a diagnosis for a terminal: plain text, with ANSI colour only when asked. */
import { lessonPath } from '../course.ts';
import type { Diagnosis } from './types.ts';

export interface Paint {
	bold(text: string): string;
	red(text: string): string;
	green(text: string): string;
	yellow(text: string): string;
	dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) =>
	`\x1b[${open}m${text}\x1b[${close}m`;

/** ANSI colours, or identity functions when `color` is false. */
export function paint(color: boolean): Paint {
	const plain = (text: string) => text;
	return color
		? {
				bold: wrap(1, 22),
				red: wrap(31, 39),
				green: wrap(32, 39),
				yellow: wrap(33, 39),
				dim: wrap(2, 22),
			}
		: { bold: plain, red: plain, green: plain, yellow: plain, dim: plain };
}

/** The confidence as a word. */
export function confidenceWord(confidence: number): string {
	return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}

/** The full lesson URL for a site root such as https://keylab.dev. */
export function lessonUrl(diagnosis: Diagnosis, site: string): string {
	return site.replace(/\/+$/, '') + lessonPath(diagnosis.lesson);
}

/** A diagnosis as a few readable paragraphs. */
export function formatDiagnosis(
	diagnosis: Diagnosis,
	options: { color: boolean; site: string },
): string {
	const p = paint(options.color);
	const lines = [
		`${p.bold(diagnosis.title)}  ${p.dim(`[${diagnosis.id}, ${confidenceWord(diagnosis.confidence)} confidence]`)}`,
	];
	if (diagnosis.provider) {
		lines.push(
			'',
			`${p.bold('Whose error:')} ${diagnosis.provider.name}, not OpenAI (${diagnosis.provider.evidence}).`,
		);
	}
	lines.push('', diagnosis.explanation);
	if (diagnosis.evidence.length > 0) {
		lines.push('', p.bold('Evidence'));
		for (const quote of diagnosis.evidence) lines.push(`  ${p.dim('>')} ${quote}`);
	}
	lines.push('', p.bold('Fix'));
	diagnosis.fixes.forEach((fix, i) => lines.push(`  ${i + 1}. ${fix}`));
	if (diagnosis.alternatives && diagnosis.alternatives.length > 0) {
		lines.push('', p.bold('Also possible, less likely'));
		for (const alternative of diagnosis.alternatives) {
			lines.push(`  - ${alternative.title} [${alternative.id}]: ${alternative.why}`);
		}
	}
	if (diagnosis.followUp) {
		lines.push('', p.bold(`Not sure it fits? ${diagnosis.followUp.question}`));
		diagnosis.followUp.choices.forEach((choice, i) => {
			lines.push(
				`  ${i + 1}. ${choice.sign}`,
				`     ${p.dim(`Then: ${choice.title} [${choice.id}].`)}`,
			);
		});
	}
	lines.push(
		'',
		diagnosis.retryable
			? p.yellow('Retrying later can succeed.')
			: p.red('Retrying will not help until the cause is fixed.'),
		`Lesson: ${lessonUrl(diagnosis, options.site)}`,
	);
	return lines.join('\n') + '\n';
}
