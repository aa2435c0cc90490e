/** Public API of the diagnosis engine. */
export { diagnose } from './diagnose.ts';
export { catalog } from './catalog.ts';
export { diagnosisIds } from './types.ts';
export type { Diagnosis, DiagnosisId, DiagnoseInput, StructuredInput } from './types.ts';
