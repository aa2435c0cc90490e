/**
 * The diagnosis pipeline: normalise any input into signals (fields first, text second), try the
 * rules in order of specificity, and dress the winner with the catalog's text, whose error it is,
 * the other causes that also fit, and the evidence. When the evidence leaves more than one cause
 * open, the diagnosis carries the question that decides it. Never throws; never quotes a whole key.
 */
import { buildDiagnosis } from './dress.ts';
import { followUpFor } from './follow-up.ts';
import { rules } from './rules/index.ts';
import { readSignals } from './signals.ts';
import type { DiagnoseInput, Diagnosis, RuleMatch, Signals } from './types.ts';

// Code that read a completion's fields from an answer that had none: KeyError: 'choices',
// Swift's keyNotFound for "id". The answer was most often an error body the program never
// printed, and the cause is in that body. In JavaScript, "(reading 'choices')" of undefined is as
// often code written for openai v3 (`completion.data.choices`) running on v4 or later.
const READ_AS_SUCCESS =
	/KeyError: ['"](?:choices|message|content)['"]|\(reading '(?:choices|message|content)'\)|keyNotFound\(CodingKeys\(stringValue: "(?:id|choices|object)"|evaluating '[\w.]*\.choices/;

/** What an unrecognised input showed, so "other" can say what it saw and where to look. */
function sawNothingKnown(signals: Signals): RuleMatch {
	const misread = READ_AS_SUCCESS.exec(signals.text)?.[0];
	if (misread) {
		return {
			confidence: 0.2,
			evidence: [misread],
			title: 'The program read an error as if it were an answer',
			explanation: [
				'The code looked for a completion’s fields (choices, message, id) in an answer that had none: most often the API, or a proxy in front of it, sent back an error body that the program never printed, and the cause is in that body. Print or log the response’s status and body (or let the SDK raise its own error instead of parsing the JSON yourself) and paste that here.',
				/\(reading|evaluating/.test(misread)
					? 'In JavaScript, look at the line it points to as well: code written for openai v3 (`completion.data.choices`) fails this way on v4 and later, where the completion is the response itself (`completion.choices`).'
					: '',
			]
				.filter(Boolean)
				.join(' '),
		};
	}
	const seen: string[] = [];
	if (signals.status !== undefined) seen.push(`HTTP status ${signals.status}`);
	if (signals.classes.length > 0) seen.push(`SDK error: ${signals.classes[0]}`);
	if (signals.codes.length > 0) seen.push(`error.code: ${signals.codes[0]}`);
	if (signals.messages.length > 0) seen.push(`error.message: ${signals.messages[0].slice(0, 160)}`);
	if (seen.length === 0) {
		const line = signals.text
			.split('\n')
			.map((part) => part.trim())
			.find((part) => part.length > 0);
		if (line) seen.push(line.length > 160 ? `${line.slice(0, 160)}…` : line);
	}
	return {
		confidence: 0.2,
		evidence: seen,
		explanation:
			'Nothing in it names an OpenAI API cause: no status code with an error body, no error.code, no known message. If the error came from your own code or app (a TypeError, a check the app makes before calling the API), look at the line it points to; otherwise paste the full output, including the HTTP status and the JSON body.',
	};
}

/** Explains an OpenAI API failure from pasted text or a structured response/error. */
export function diagnose(input: DiagnoseInput): Diagnosis {
	let signals: Signals;
	try {
		signals = readSignals(input);
	} catch {
		signals = {
			text: '',
			lower: '',
			types: [],
			codes: [],
			messages: [],
			classes: [],
			headers: {},
			params: [],
			urls: [],
		};
	}
	let diagnosis: Diagnosis | undefined;
	for (const rule of rules) {
		const match = rule.match(signals);
		if (match) {
			diagnosis = buildDiagnosis(match.id ?? rule.id, match, signals);
			break;
		}
	}
	if (!diagnosis && signals.text.trim() === '') {
		return buildDiagnosis(
			'other',
			{ confidence: 0, evidence: [], explanation: 'Nothing to diagnose: the input is empty.' },
			signals,
		);
	}
	diagnosis ??= buildDiagnosis('other', sawNothingKnown(signals), signals);
	const followUp = followUpFor(diagnosis, signals.status);
	return followUp ? { ...diagnosis, followUp } : diagnosis;
}
