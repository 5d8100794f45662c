/**
 * The read-only guarantee, enforced at run time. TypeScript already prevents writing anything but a
 * `ReadFunction`, but values built at run time (user check modules, JSON config, casts) bypass the
 * compiler, so every function is checked against this list before a request is even built.
 */
import { ConfigurationError, ReadOnlyViolationError } from './errors.js';
import type { ReadFunction, ReadFunctionName } from './functions.js';
import { readFunctionProblem } from './read-shapes.js';

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

/**
 * Throws ReadOnlyViolationError unless `fn` is a read function on the allowlist, and
 * ConfigurationError when its members do not have the function's shape (read-shapes.ts).
 */
export function assertReadFunction(fn: unknown): asserts fn is ReadFunction {
  if (fn === null || typeof fn !== 'object' || Array.isArray(fn)) {
    throw new ReadOnlyViolationError(describeName(fn));
  }
  const name = (fn as { function?: unknown }).function;
  if (!isReadFunctionName(name) || !Object.prototype.hasOwnProperty.call(fn, 'function')) {
    throw new ReadOnlyViolationError(describeName(name));
  }
  const problem = readFunctionProblem(fn as ReadFunction);
  if (problem) throw new ConfigurationError(problem);
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
