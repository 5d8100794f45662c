/** The contracts every layer shares: the audit result (result.ts) and the check/fact interface (check.ts). */
export * from './result.js';
export * from './check.js';
