/**
 * The fact catalogue: every read a check can ask for. Checks build facts only through these
 * factories, so equal reads get equal keys and the engine gathers each once.
 */
export * from './company.js';
export * from './objects.js';
export * from './records.js';
export * from './currency.js';
export * from './filters.js';
export * from './recency.js';
export * from './subscriptions.js';
export * from './reversals.js';
export { parseFlag } from './xml.js';
