/** The CLI's version; tests/unit/cli/pack.test.ts checks it matches package.json. */
export const KEYLAB_VERSION = '0.1.0';
