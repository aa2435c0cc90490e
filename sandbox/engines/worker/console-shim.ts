/**
 * A `console` that writes where Node's does: log/info/debug/dir/table to stdout, warn/error/trace/
 * assert to stderr, formatted by our `util.inspect` twin, with group indentation.
 */
import { formatLog, inspect, type InspectOptions } from './inspect.ts';

type Write = (stream: 'stdout' | 'stderr', text: string) => void;

/** Node's `console.table` layout (Node 22: left-aligned cells, `(index)` and `Values` columns). */
export function renderTable(data: unknown, options: InspectOptions = {}): string | undefined {
	if (data === null || typeof data !== 'object') return undefined;
	const cell = (value: unknown) =>
		value === undefined ? '' : inspect(value, { ...options, depth: 1 });
	const rows: [unknown, unknown][] =
		data instanceof Map ? [...(data as Map<unknown, unknown>)] : Object.entries(data);
	const columns: string[] = [];
	let hasValues = false;
	const table = rows.map(([index, row]) => {
		const cells: Record<string, string> = {};
		if (row !== null && typeof row === 'object' && !Array.isArray(row)) {
			for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
				if (!columns.includes(key)) columns.push(key);
				cells[key] = cell(value);
			}
		} else if (Array.isArray(row)) {
			row.forEach((value, i) => {
				if (!columns.includes(String(i))) columns.push(String(i));
				cells[String(i)] = cell(value);
			});
		} else {
			hasValues = true;
			cells['\0values'] = cell(row);
		}
		return { index: String(index), cells };
	});
	const keys = [...columns, ...(hasValues ? ['\0values'] : [])];
	const header = ['(index)', ...columns, ...(hasValues ? ['Values'] : [])];
	const body = table.map((row) => [row.index, ...keys.map((key) => row.cells[key] ?? '')]);
	const widths = header.map(
		(title, i) => Math.max(title.length, ...body.map((row) => row[i].length)) + 2,
	);
	const line = (left: string, mid: string, right: string) =>
		left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
	const row = (cells: string[]) =>
		`│${cells.map((text, i) => ` ${text.padEnd(widths[i] - 1)}`).join('│')}│`;
	return [
		line('┌', '┬', '┐'),
		row(header),
		line('├', '┼', '┤'),
		...body.map(row),
		line('└', '┴', '┘'),
	].join('\n');
}

/** Builds the worker's console; `options.mapStack` keeps worker URLs out of printed errors. */
export function createConsole(write: Write, options: InspectOptions): Console {
	let indent = '';
	const counts = new Map<string, number>();
	const timers = new Map<string, number>();
	const print = (stream: 'stdout' | 'stderr', text: string) => {
		write(stream, `${indent ? text.replace(/^/gm, indent) : text}\n`);
	};
	const log =
		(stream: 'stdout' | 'stderr') =>
		(...args: unknown[]) =>
			print(stream, formatLog(args, options));
	const elapsed = (label: string) => {
		const start = timers.get(label);
		return start === undefined
			? undefined
			: `${label}: ${(performance.now() - start).toFixed(3)}ms`;
	};
	const methods = {
		log: log('stdout'),
		info: log('stdout'),
		debug: log('stdout'),
		warn: log('stderr'),
		error: log('stderr'),
		dir: (value: unknown, dirOptions?: { depth?: number | null }) => {
			const depth = dirOptions?.depth === null ? Infinity : (dirOptions?.depth ?? options.depth);
			print('stdout', inspect(value, { ...options, depth }));
		},
		table: (data: unknown) =>
			print('stdout', renderTable(data, options) ?? formatLog([data], options)),
		trace: (...args: unknown[]) => {
			const error = new Error(formatLog(args, options));
			error.name = 'Trace';
			print('stderr', inspect(error, options).replace(/^\[|\]$/g, ''));
		},
		assert: (condition: unknown, ...args: unknown[]) => {
			if (condition) return;
			print(
				'stderr',
				args.length ? `Assertion failed: ${formatLog(args, options)}` : 'Assertion failed',
			);
		},
		group: (...args: unknown[]) => {
			if (args.length) print('stdout', formatLog(args, options));
			indent += '  ';
		},
		groupEnd: () => {
			indent = indent.slice(2);
		},
		count: (label = 'default') => {
			const count = (counts.get(label) ?? 0) + 1;
			counts.set(label, count);
			print('stdout', `${label}: ${count}`);
		},
		countReset: (label = 'default') => void counts.delete(label),
		time: (label = 'default') => void timers.set(label, performance.now()),
		timeLog: (label = 'default', ...args: unknown[]) => {
			const text = elapsed(label);
			if (text) print('stdout', [text, ...args.map((arg) => formatLog([arg], options))].join(' '));
		},
		timeEnd: (label = 'default') => {
			const text = elapsed(label);
			timers.delete(label);
			if (text) print('stdout', text);
		},
	};
	return { ...methods, groupCollapsed: methods.group } as unknown as Console;
}
