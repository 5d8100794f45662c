/**
 * The read-only guarantee, enforced at run time. TypeScript already prevents writing anything but a
 * `ReadFunction`, but values built at run time (user check modules, JSON config, casts) bypass the
 * compiler, so every function is checked against this list before a request is even built.
 */
import { ConfigurationError, ReadOnlyViolationError } from './errors.js';
import type { ReadFunction, ReadFunctionName } from './functions.js';

/** Every function name the client may send. Exact, case-sensitive names as the gateway knows them. */
export const READ_FUNCTION_ALLOWLIST: ReadonlySet<ReadFunctionName> = Object.freeze(
  new Set<ReadFunctionName>([
    'getAPISession',
    'readByQuery',
    'readMore',
    'query',
    'read',
    'lookup',
    'inspect',
    'get_companyprefs',
    'get_applications',
    'getFinancialSetup',
    'readEntityDetails',
    'get_list',
  ]),
);

/** True when `name` is exactly one of the allowed read function names. */
export function isReadFunctionName(name: unknown): name is ReadFunctionName {
  return typeof name === 'string' && (READ_FUNCTION_ALLOWLIST as ReadonlySet<string>).has(name);
}

function describeName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(no function name)';
  try {
    return String(JSON.stringify(value)).slice(0, 80);
  } catch {
    return typeof value;
  }
}

function requireText(fn: ReadFunction, key: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`${fn.function}: "${key}" must be a non-empty string`);
  }
}

function requireRange(fn: ReadFunction, key: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`${fn.function}: "${key}" must be a whole number from ${min} to ${max}`);
  }
}

/**
 * Throws ReadOnlyViolationError unless `fn` is a read function on the allowlist, and
 * ConfigurationError when its arguments cannot form a valid request.
 */
export function assertReadFunction(fn: unknown): asserts fn is ReadFunction {
  if (fn === null || typeof fn !== 'object' || Array.isArray(fn)) {
    throw new ReadOnlyViolationError(describeName(fn));
  }
  const name = (fn as { function?: unknown }).function;
  if (!isReadFunctionName(name) || !Object.prototype.hasOwnProperty.call(fn, 'function')) {
    throw new ReadOnlyViolationError(describeName(name));
  }
  const f = fn as ReadFunction;
  switch (f.function) {
    case 'readByQuery':
      requireText(f, 'object', f.object);
      if (typeof f.query !== 'string') throw new ConfigurationError('readByQuery: "query" must be a string (use "" for all records)');
      requireRange(f, 'pageSize', f.pageSize, 1, 1000);
      break;
    case 'query':
      requireText(f, 'object', f.object);
      if (!Array.isArray(f.select) || f.select.length === 0) {
        throw new ConfigurationError('query: "select" must list at least one field');
      }
      requireRange(f, 'pageSize', f.pageSize, 1, 2000);
      requireRange(f, 'offset', f.offset, 0, Number.MAX_SAFE_INTEGER);
      break;
    case 'readMore':
      requireText(f, 'resultId', f.resultId);
      break;
    case 'read':
      requireText(f, 'object', f.object);
      if (!Array.isArray(f.keys) || f.keys.length === 0) throw new ConfigurationError('read: "keys" must list at least one key');
      break;
    case 'lookup':
    case 'inspect':
    case 'get_list':
      requireText(f, 'object', f.object);
      break;
    case 'get_companyprefs':
      requireText(f, 'application', f.application);
      break;
    default:
      break;
  }
}

/**
 * What may go into a batch of reads: an allowed read function that is not getAPISession, whose
 * sessions are the client's to open (connect() or forEntity()). The client checks every function
 * of a batch with it, and the engine checks each fact's function with it first, so one bad user
 * fact fails alone instead of sinking the facts batched with it.
 */
export function assertBatchableRead(fn: unknown): asserts fn is ReadFunction {
  assertReadFunction(fn);
  if (fn.function === 'getAPISession') {
    throw new ConfigurationError('getAPISession is managed by the client (connect() or forEntity()), never sent as a read');
  }
}
