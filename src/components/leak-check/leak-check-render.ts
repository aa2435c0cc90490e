/** The leak check's results: findings (redacted keys only), what to do now, what was skipped. */
import {
	COMPROMISED_KEY_LESSON,
	DELETING_IS_NOT_ENOUGH,
	keyTypeLabel,
	LEAK_STEPS,
	type KeyFinding,
} from '../../../sandbox/leaks/index.ts';
import { el } from '../common/dom.ts';

/** What one check looked at. */
export interface LeakReport {
	findings: KeyFinding[];
	/** How many files (or 1 paste) were read. */
	scanned: number;
	source: 'paste' | 'files';
	skipped: { path: string; reason: string }[];
	ms: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One sentence for the status line. */
export function summary(report: LeakReport): string {
	const leaks = report.findings.filter((f) => f.kind === 'leak');
	const where = report.source === 'paste' ? 'the pasted text' : plural(report.scanned, 'file');
	return leaks.length
		? `${plural(leaks.length, 'leaked key')} found in ${where}. Revoke ${leaks.length === 1 ? 'it' : 'them'} now.`
		: `No OpenAI key found in ${where}.`;
}

/** The results region's content. */
export function renderReport(report: LeakReport): Node[] {
	const leaks = report.findings.filter((f) => f.kind === 'leak');
	const others = report.findings.filter((f) => f.kind !== 'leak');
	const nodes: Node[] = [
		el('h2', { id: 'lc-summary', 'data-leaks': leaks.length }, summary(report)),
	];
	if (leaks.length) {
		nodes.push(
			el(
				'ul',
				{ class: 'lc-findings', 'aria-labelledby': 'lc-summary' },
				...leaks.map((finding) =>
					el(
						'li',
						{ 'data-finding': '' },
						el('span', { class: 'lc-where' }, `${finding.file}, line ${finding.line}`),
						' ',
						el('span', { class: 'lc-type' }, keyTypeLabel(finding.keyType)),
						' ',
						el('code', { class: 'lc-key' }, finding.masked),
					),
				),
			),
			el('h3', {}, 'What to do now'),
			el('ol', { class: 'lc-steps' }, ...LEAK_STEPS.map((step) => el('li', {}, step))),
			el(
				'p',
				{},
				`${DELETING_IS_NOT_ENOUGH} `,
				el('a', { href: COMPROMISED_KEY_LESSON }, 'The compromised-key lesson'),
				' walks through it. To search a repository’s whole git history, run ',
				el('code', {}, 'npx keylab-cli doctor'),
				'.',
			),
		);
	}
	if (others.length) {
		const practice = others.filter((f) => f.kind === 'practice').length;
		const placeholders = others.length - practice;
		nodes.push(
			el(
				'p',
				{ class: 'lc-note', 'data-not-leaks': others.length },
				'Not leaks: ',
				[
					practice ? plural(practice, 'practice key') : '',
					placeholders ? plural(placeholders, 'placeholder') : '',
				]
					.filter(Boolean)
					.join(' and '),
				' (keylab’s practice keys and example text work nowhere).',
			),
		);
	}
	if (report.skipped.length) {
		nodes.push(
			el(
				'details',
				{ class: 'lc-note' },
				el('summary', {}, `Skipped ${plural(report.skipped.length, 'file')}`),
				el(
					'ul',
					{},
					...report.skipped.slice(0, 200).map((s) => el('li', {}, `${s.path}: ${s.reason}`)),
				),
			),
		);
	}
	nodes.push(
		el(
			'p',
			{ class: 'lc-note' },
			`Checked in ${Math.max(1, Math.round(report.ms))} ms, in this page: nothing was sent anywhere.`,
		),
	);
	return nodes;
}
