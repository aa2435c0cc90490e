/**
 * Loads Monaco once per page, on demand: the slim editor API, JavaScript/TypeScript support, the
 * two workers it needs, the self-contained stylesheet and the `openai` SDK's types.
 */
import cssUrl from '/node_modules/monaco-editor/min/vs/editor/editor.main.css?url';
import { loadStylesheet } from '../common/load-stylesheet.ts';

import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type * as TypeScriptRegister from 'monaco-editor/languages/features/typescript/register';

/** The Monaco editor API module. */
export type Monaco = typeof MonacoApi;
type TypeScriptApi = typeof TypeScriptRegister;

let loading: Promise<Monaco> | undefined;

async function configureWorkers(): Promise<void> {
	const [{ default: EditorWorker }, { default: TsWorker }] = await Promise.all([
		import('monaco-editor/editor/editor.worker?worker'),
		import('monaco-editor/language/typescript/ts.worker?worker'),
	]);
	// Without getWorker, Vite would inline a broken `data:` worker.
	self.MonacoEnvironment = {
		getWorker: (_id: string, label: string) =>
			label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
	};
}

/** Ambient declarations the samples rely on besides the SDK: just `process.env`. */
const NODE_GLOBALS = `declare var process: { env: Record<string, string | undefined>; exitCode?: number; exit(code?: number): never };\n`;

async function addOpenAiTypes(typescript: TypeScriptApi): Promise<void> {
	const { default: declarations } = await import('virtual:keylab/openai-dts');
	const ts = typescript.javascriptDefaults;
	for (const [path, text] of Object.entries(declarations)) {
		ts.addExtraLib(text, `file:///node_modules/openai/${path}`);
	}
	ts.addExtraLib(
		JSON.stringify({ name: 'openai', types: './index.d.ts' }),
		'file:///node_modules/openai/package.json',
	);
	ts.addExtraLib(NODE_GLOBALS, 'file:///node_modules/@types/keylab-node/index.d.ts');
}

async function load(): Promise<Monaco> {
	const [monaco, ts] = await Promise.all([
		import('monaco-editor/editor/editor.api') as Promise<Monaco>,
		import('monaco-editor/languages/features/typescript/register') as Promise<TypeScriptApi>,
		import('monaco-editor/languages/definitions/javascript/register'),
		configureWorkers(),
		// A failed stylesheet should not keep the editor from working, only from looking right.
		loadStylesheet(cssUrl, 'monaco').catch(() => undefined),
	]);
	ts.javascriptDefaults.setCompilerOptions({
		target: ts.ScriptTarget.ESNext,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.NodeJs,
		allowJs: true,
		checkJs: true,
		allowNonTsExtensions: true,
		// Samples are Node programs: the worker lib has fetch, URL, console and timers without the
		// DOM's much larger declarations, which would slow every check.
		lib: ['esnext', 'webworker'],
	});
	ts.javascriptDefaults.setDiagnosticsOptions({
		noSemanticValidation: false,
		noSyntaxValidation: false,
	});
	// Types arrive after the editor shows: typing should not wait for 3 MB of declarations.
	void addOpenAiTypes(ts);
	return monaco;
}

/** Monaco, loaded on the first call; later calls share it. */
export function loadMonaco(): Promise<Monaco> {
	loading ??= load();
	return loading;
}
