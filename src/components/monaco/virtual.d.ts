/** The `openai` SDK's declaration files, `{ [package-relative path]: text }` (see vite-plugin.ts). */
declare module 'virtual:keylab/openai-dts' {
	const declarations: Record<string, string>;
	export default declarations;
}
