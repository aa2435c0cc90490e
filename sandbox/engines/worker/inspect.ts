/**
 * Node's `util.inspect` and `util.format`, closely enough that console output in the worker reads
 * like the same program's output in a terminal: `{ a: 1 }`, `[ 1, 2 ]`, `Map(1) { 'k' => 1 }`,
 * errors as their stack plus their own properties. The layout rules (80 columns, three levels
 * combined on a line, grouped number arrays) follow Node's lib/internal/util/inspect.js.
 */

/** Options a console method or `util.inspect` caller may pass. */
export interface InspectOptions {
	/** How deep to go before `[Object]`; Node's default is 2. */
	depth?: number;
	/** Rewrites an error's stack (the worker maps blob URLs back to file names). */
	mapStack?: (stack: string) => string;
}

interface Context {
	depth: number;
	seen: object[];
	circular: Map<object, number>;
	indentationLvl: number;
	currentDepth: number;
	mapStack: (stack: string) => string;
}

const BREAK_LENGTH = 80;
const COMPACT = 3;
const MAX_ARRAY = 100;

/** `util.inspect(value)`. */
export function inspect(value: unknown, options: InspectOptions = {}): string {
	const ctx: Context = {
		depth: options.depth ?? 2,
		seen: [],
		circular: new Map(),
		indentationLvl: 0,
		currentDepth: 0,
		mapStack: options.mapStack ?? ((stack) => stack),
	};
	return formatValue(ctx, value, 0);
}

/** `util.format(...args)`: printf-style `%s %d %i %f %j %o %O %c %%`, then the rest by inspect. */
export function formatLog(args: readonly unknown[], options: InspectOptions = {}): string {
	const [first, ...rest] = args;
	let head = '';
	if (typeof first === 'string') {
		head = first.replace(/%([sdifjoOc%])/g, (match, letter: string) => {
			if (letter === '%') return '%';
			if (rest.length === 0) return match;
			const arg = rest.shift();
			switch (letter) {
				case 's':
					return typeof arg === 'string'
						? arg
						: typeof arg === 'object' && arg !== null
							? inspect(arg, { ...options, depth: 1 })
							: String(arg);
				case 'd':
				case 'i': {
					const number = typeof arg === 'bigint' ? arg : Number(arg);
					return typeof number === 'bigint'
						? `${number}n`
						: String(letter === 'i' ? Math.trunc(number) : number);
				}
				case 'f':
					return String(Number(arg));
				case 'j':
					try {
						return JSON.stringify(arg);
					} catch {
						return '[Circular]';
					}
				case 'c':
					return '';
				default:
					return inspect(arg, { ...options, depth: letter === 'o' ? 4 : options.depth });
			}
		});
	} else if (args.length > 0) head = inspect(first, options);
	return [head, ...rest.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, options)))].join(
		' ',
	);
}

function quote(text: string): string {
	const escaped = text.replace(/[\\\n\t\r\b\f\v]/g, (c) => JSON.stringify(c).slice(1, -1));
	if (!text.includes("'")) return `'${escaped}'`;
	if (!text.includes('"')) return `"${escaped}"`;
	if (!text.includes('`') && !text.includes('${')) return `\`${escaped}\``;
	return `'${escaped.replace(/'/g, "\\'")}'`;
}

function formatKey(key: string | symbol): string {
	if (typeof key === 'symbol') return `[${key.toString()}]`;
	return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key) ? key : quote(key);
}

function formatPrimitive(value: unknown): string | undefined {
	switch (typeof value) {
		case 'string':
			return quote(value);
		case 'number':
			return Object.is(value, -0) ? '-0' : String(value);
		case 'bigint':
			return `${value}n`;
		case 'boolean':
		case 'undefined':
			return String(value);
		case 'symbol':
			return value.toString();
		default:
			return value === null ? 'null' : undefined;
	}
}

function constructorName(value: object): string | null {
	const proto: unknown = Object.getPrototypeOf(value);
	if (proto === null) return null;
	const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
	return typeof ctor?.name === 'string' ? ctor.name : '';
}

function functionBase(fn: (...args: unknown[]) => unknown): string {
	const source = Function.prototype.toString.call(fn);
	if (source.startsWith('class')) {
		const parent = Object.getPrototypeOf(fn) as { name?: string } | null;
		const extendsPart = parent && parent.name ? ` extends ${parent.name}` : '';
		return `[class ${fn.name || '(anonymous)'}${extendsPart}]`;
	}
	const kind = constructorName(fn) ?? 'Function';
	return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
}

function formatValue(ctx: Context, value: unknown, recurseTimes: number): string {
	const primitive = formatPrimitive(value);
	if (primitive !== undefined) return primitive;
	const object = value as object;
	if (ctx.seen.includes(object)) {
		let index = ctx.circular.get(object);
		if (index === undefined) {
			index = ctx.circular.size + 1;
			ctx.circular.set(object, index);
		}
		return `[Circular *${index}]`;
	}
	const result = formatRaw(ctx, object, recurseTimes);
	const ref = ctx.circular.get(object);
	return ref === undefined ? result : `<ref *${ref}> ${result}`;
}

function ownEntries(
	ctx: Context,
	object: object,
	recurseTimes: number,
	skip: (key: string) => boolean,
): string[] {
	const output: string[] = [];
	for (const key of Reflect.ownKeys(object)) {
		if (typeof key === 'string' && skip(key)) continue;
		const desc = Object.getOwnPropertyDescriptor(object, key);
		if (!desc || !desc.enumerable) continue;
		let shown: string;
		if (desc.get || desc.set)
			shown = desc.get && desc.set ? '[Getter/Setter]' : desc.get ? '[Getter]' : '[Setter]';
		else shown = formatChild(ctx, desc.value, recurseTimes);
		output.push(`${formatKey(key)}: ${shown}`);
	}
	return output;
}

function formatChild(ctx: Context, value: unknown, recurseTimes: number): string {
	ctx.indentationLvl += 2;
	const text = formatValue(ctx, value, recurseTimes + 1);
	ctx.indentationLvl -= 2;
	return text;
}

function formatRaw(ctx: Context, value: object, recurseTimes: number): string {
	const name = constructorName(value);
	const prefix = (fallback: string, size?: number) => {
		const base =
			name === null
				? `[${fallback}: null prototype]`
				: name === fallback
					? fallback
					: `${name} [${fallback}]`;
		return size === undefined ? base : `${base}(${size})`;
	};
	let base = '';
	let braces: [string, string] = ['{', '}'];
	let output: string[];
	let isArrayLike = false;
	let skip = (_key: string) => false;

	if (typeof value === 'function') {
		base = functionBase(value as (...args: unknown[]) => unknown);
		skip = (key) => key === 'prototype';
		if (recurseTimes > ctx.depth) return base;
	} else if (value instanceof Error) {
		base = formatError(ctx, value);
		skip = (key) => key === 'stack' || key === 'message';
	} else if (value instanceof Date) {
		base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	} else if (value instanceof RegExp) {
		base = value.toString();
	} else if (value instanceof Promise) {
		// The state of a promise is invisible from JavaScript; Node asks V8, which a worker cannot.
		base = 'Promise';
		braces = ['{', '}'];
	}
	if (recurseTimes > ctx.depth && typeof value !== 'function') {
		if (base) return base;
		// Node still shows empty containers past the depth limit.
		if (Array.isArray(value) && value.length === 0) return '[]';
		if (name === 'Object' && Object.keys(value).length === 0) return '{}';
		return Array.isArray(value)
			? '[Array]'
			: `[${name === null ? 'Object: null prototype' : name || 'Object'}]`;
	}

	ctx.seen.push(value);
	ctx.currentDepth = recurseTimes;
	if (Array.isArray(value)) {
		isArrayLike = true;
		braces = [name === 'Array' ? '[' : `${prefix('Array', value.length)} [`, ']'];
		output = formatList(ctx, value as unknown[], recurseTimes);
		const index = (key: string) => /^(0|[1-9]\d*)$/.test(key) || key === 'length';
		output.push(...ownEntries(ctx, value, recurseTimes, index));
	} else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		isArrayLike = true;
		const typed = value as unknown as ArrayLike<number | bigint>;
		braces = [`${name ?? 'TypedArray'}(${typed.length}) [`, ']'];
		output = formatList(ctx, Array.from(typed), recurseTimes);
	} else if (value instanceof Map) {
		braces = [`${prefix('Map', value.size)} {`, '}'];
		output = [...value].map(
			([k, v]) => `${formatChild(ctx, k, recurseTimes)} => ${formatChild(ctx, v, recurseTimes)}`,
		);
	} else if (value instanceof Set) {
		braces = [`${prefix('Set', value.size)} {`, '}'];
		output = [...value].map((v) => formatChild(ctx, v, recurseTimes));
	} else if (typeof Headers !== 'undefined' && value instanceof Headers) {
		braces = ['Headers {', '}'];
		output = [...value].map(([k, v]) => `${quote(k)}: ${quote(v)}`);
	} else {
		if (!base && name !== 'Object')
			braces = [`${name === null ? '[Object: null prototype]' : name} {`, '}'];
		if (value instanceof ArrayBuffer)
			braces = [`ArrayBuffer { byteLength: ${value.byteLength}`, '}'];
		output = ownEntries(ctx, value, recurseTimes, skip);
		if (
			value instanceof Error &&
			value.cause !== undefined &&
			!Object.prototype.propertyIsEnumerable.call(value, 'cause')
		) {
			output.push(`[cause]: ${formatChild(ctx, value.cause, recurseTimes)}`);
		}
	}
	ctx.seen.pop();

	if (base && output.length === 0) return base;
	if (output.length === 0) return braces[0].endsWith('[') ? `${braces[0]}]` : `${braces[0]}}`;
	return reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value);
}

function formatList(ctx: Context, list: readonly unknown[], recurseTimes: number): string[] {
	const output: string[] = [];
	const shown = Math.min(list.length, MAX_ARRAY);
	let holes = 0;
	for (let i = 0; i < shown; i++) {
		if (!(i in list)) {
			holes++;
			continue;
		}
		if (holes) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
		holes = 0;
		output.push(formatChild(ctx, list[i], recurseTimes));
	}
	if (holes) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
	if (list.length > shown) {
		const more = list.length - shown;
		output.push(`... ${more} more item${more > 1 ? 's' : ''}`);
	}
	return output;
}

function formatError(ctx: Context, error: Error): string {
	const stack = typeof error.stack === 'string' && error.stack ? ctx.mapStack(error.stack) : '';
	let text = stack ? improveStack(stack, error) : `${error.name}: ${error.message}`;
	// Node brackets an error that has no stack frames to show: `[Error: boom]`.
	if (!/\n\s+at /.test(text)) text = `[${text}]`;
	if (ctx.indentationLvl > 0) text = text.split('\n').join(`\n${' '.repeat(ctx.indentationLvl)}`);
	return text;
}

// Node names an error by its class when the stack says only `Error` (the SDK's errors do that).
function improveStack(stack: string, error: Error): string {
	const name = String(error.name);
	const ctor = constructorName(error);
	const len = name.length;
	if (!ctor || !name.endsWith('Error') || !stack.startsWith(name)) return stack;
	if (stack.length !== len && stack[len] !== ':' && stack[len] !== '\n') return stack;
	if (ctor === name) return stack;
	return ctor.includes(name)
		? `${ctor}${stack.slice(len)}`
		: `${ctor} [${name}]${stack.slice(len)}`;
}

function reduceToSingleString(
	ctx: Context,
	output: string[],
	base: string,
	braces: [string, string],
	isArrayLike: boolean,
	recurseTimes: number,
	value: object,
): string {
	const entries = output.length;
	if (isArrayLike && entries > 6) output = groupArrayElements(ctx, output, value as unknown[]);
	if (ctx.currentDepth - recurseTimes < COMPACT && entries === output.length) {
		const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
		const total = output.reduce((sum, entry) => sum + entry.length, output.length + start);
		if (total <= BREAK_LENGTH && !base.includes('\n')) {
			const joined = output.join(', ');
			if (!joined.includes('\n'))
				return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
		}
	}
	const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
	return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

// Node lays long arrays of short entries out in columns; this is its algorithm, unchanged.
function groupArrayElements(ctx: Context, output: string[], value: readonly unknown[]): string[] {
	let totalLength = 0;
	let maxLength = 0;
	const outputLength = output[output.length - 1]?.startsWith('... ')
		? output.length - 1
		: output.length;
	const separatorSpace = 2;
	const dataLen: number[] = [];
	for (let i = 0; i < outputLength; i++) {
		const len = output[i].length;
		dataLen.push(len);
		totalLength += len + separatorSpace;
		if (maxLength < len) maxLength = len;
	}
	const actualMax = maxLength + separatorSpace;
	if (
		actualMax * 3 + ctx.indentationLvl < BREAK_LENGTH &&
		(totalLength / actualMax > 5 || maxLength <= 6)
	) {
		const averageBias = Math.sqrt(actualMax - totalLength / output.length);
		const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
		const columns = Math.min(
			Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
			Math.floor((BREAK_LENGTH - ctx.indentationLvl) / actualMax),
			COMPACT * 4,
			15,
		);
		if (columns <= 1) return output;
		const maxLineLength: number[] = [];
		for (let i = 0; i < columns; i++) {
			let lineLength = 0;
			for (let j = i; j < outputLength; j += columns) lineLength = Math.max(lineLength, dataLen[j]);
			maxLineLength.push(lineLength + separatorSpace);
		}
		const numeric = value.every((item) => typeof item === 'number' || typeof item === 'bigint');
		const grouped: string[] = [];
		for (let i = 0; i < outputLength; i += columns) {
			const max = Math.min(i + columns, outputLength);
			let line = '';
			let j = i;
			for (; j < max - 1; j++) {
				const cell = `${output[j]}, `;
				line += numeric ? cell.padStart(maxLineLength[j - i]) : cell.padEnd(maxLineLength[j - i]);
			}
			line += numeric ? output[j].padStart(maxLineLength[j - i] - separatorSpace) : output[j];
			grouped.push(line);
		}
		if (outputLength < output.length) grouped.push(output[outputLength]);
		return grouped;
	}
	return output;
}
