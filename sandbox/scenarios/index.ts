/** The registry of checked troubleshooting scenarios, one module each in this folder. */
export const scenarioIds: readonly string[] = [];
