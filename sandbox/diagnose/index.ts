/** Public API of the diagnosis engine. */
export { diagnose } from './diagnose.ts';
export { answerFollowUp } from './follow-up.ts';
export { catalog } from './catalog.ts';
export { diagnosisIds } from './types.ts';
export type { Diagnosis, DiagnosisId, DiagnoseInput, FollowUp, StructuredInput } from './types.ts';
