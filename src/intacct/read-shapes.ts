/**
 * The shapes of the read functions (functions.ts), checked at run time. A function built by code
 * the compiler never saw (a user check, a value from JSON) must have exactly the members the
 * request builder reads, of the right types, before any XML is built from it: otherwise one bad
 * function fails the whole request it is batched into (an `in` filter with `value` instead of
 * `values` once made every check of an audit `error`). The allowlist decides which functions may
 * be sent at all; this decides whether one can be built.
 */
import type { ReadFunction } from './functions.js';

/** Checks one member; `at` is its path as messages show it (`filter.values`). */
type Check = (v: unknown, at: string) => string | undefined;
/** Members by name; a name ending in `?` is optional. */
type Shape = Record<string, Check>;

const text: Check = (v, at) => (typeof v === 'string' && v.trim() !== '' ? undefined : `"${at}" must be a non-empty string`);
const anyText: Check = (v, at) => (typeof v === 'string' ? undefined : `"${at}" must be a string`);
const flag: Check = (v, at) => (typeof v === 'boolean' ? undefined : `"${at}" must be true or false`);
const whole = (min: number, max: number): Check => (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `"${at}" must be a whole number from ${min} to ${max}`;
const isNames = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((f) => typeof f === 'string' && f.trim() !== '');
const names = (what: string): Check => (v, at) => (isNames(v) ? undefined : `"${at}" must list at least one ${what} (non-empty strings)`);
const fieldsOrAll: Check = (v, at) => (v === '*' || isNames(v) ? undefined : `"${at}" must be "*" or list at least one field (non-empty strings)`);

const SHAPES: Record<ReadFunction['function'], Shape> = {
  getAPISession: { 'locationId?': anyText }, // '' = back to the top level
  readByQuery: {
    object: text,
    fields: fieldsOrAll,
    query: (v, at) => (typeof v === 'string' ? undefined : `"${at}" must be a string (use "" for all records)`),
    'pageSize?': whole(1, 1000),
    'docParId?': anyText,
  },
  readMore: { resultId: text },
  query: {
    object: text,
    select: names('field'),
    'filter?': (v, at) => filterProblem(v, at, 0),
    'orderBy?': orderProblem,
    'showPrivate?': flag,
    'caseInsensitive?': flag,
    'pageSize?': whole(1, 2000),
    'offset?': whole(0, Number.MAX_SAFE_INTEGER),
    'docParId?': anyText,
  },
  read: { object: text, keys: names('key'), fields: fieldsOrAll, 'docParId?': anyText },
  lookup: { object: text, 'docParId?': anyText },
  inspect: { object: text, 'detail?': flag },
  get_companyprefs: { application: text },
  get_applications: {},
  getFinancialSetup: {},
  readEntityDetails: {},
  get_list: { object: text, 'start?': whole(0, Number.MAX_SAFE_INTEGER), 'maxItems?': whole(1, Number.MAX_SAFE_INTEGER), 'showPrivate?': flag, 'fields?': names('field') },
};

/** What is wrong with an allowlisted function's members (`query: "filter.values" must …`), or undefined. */
export function readFunctionProblem(fn: { function: ReadFunction['function'] }): string | undefined {
  const problem = membersProblem(fn as unknown as Record<string, unknown>, SHAPES[fn.function], '', ['function']);
  return problem ? `${fn.function}: ${problem}` : undefined;
}

function membersProblem(value: Record<string, unknown>, shape: Shape, prefix: string, also: string[] = []): string | undefined {
  const known = new Set(also);
  for (const [spec, check] of Object.entries(shape)) {
    const name = spec.replace(/\?$/, '');
    known.add(name);
    if (value[name] === undefined) {
      if (spec.endsWith('?')) continue;
      return `"${prefix}${name}" is missing`;
    }
    const problem = check(value[name], `${prefix}${name}`);
    if (problem) return problem;
  }
  // A misspelt member (`filters`, `where`) would otherwise be dropped silently and read more than meant.
  const unknown = Object.keys(value).filter((k) => !known.has(k) && value[k] !== undefined);
  if (unknown.length === 0) return undefined;
  const listed = [...known].filter((k) => !also.includes(k));
  return `unknown member${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${prefix}${k}"`).join(', ')} (it takes ${listed.map((k) => `"${k}"`).join(', ') || 'none'})`;
}

const COMPARISONS = ['equalto', 'notequalto', 'lessthan', 'lessthanorequalto', 'greaterthan', 'greaterthanorequalto', 'like', 'notlike'];
const FILTER_OPS = [...COMPARISONS, 'between', 'in', 'notin', 'isnull', 'isnotnull'];
const MAX_FILTER_DEPTH = 32;

function filterProblem(f: unknown, at: string, depth: number): string | undefined {
  if (depth > MAX_FILTER_DEPTH) return `"${at}" nests more than ${MAX_FILTER_DEPTH} levels of and/or`;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return `"${at}" must be a filter: { op, field, … }, { and: [...] } or { or: [...] }`;
  const x = f as Record<string, unknown>;
  const join = 'and' in x ? 'and' : 'or' in x ? 'or' : undefined;
  if (join) {
    const parts = x[join];
    if (!Array.isArray(parts) || parts.length === 0) return `"${at}.${join}" must list at least one filter`;
    const problem = membersProblem(x, { [join]: () => undefined }, `${at}.`);
    if (problem) return problem;
    for (let i = 0; i < parts.length; i++) {
      const part = filterProblem(parts[i], `${at}.${join}[${i}]`, depth + 1);
      if (part) return part;
    }
    return undefined;
  }
  const op = x.op;
  if (typeof op !== 'string' || !FILTER_OPS.includes(op)) return `"${at}.op" ${JSON.stringify(op) ?? 'undefined'} is not one of ${FILTER_OPS.join(', ')}`;
  const list = (n?: number): Check => (v, path) =>
    Array.isArray(v) && v.length > 0 && (n === undefined || v.length === n) && v.every((s) => typeof s === 'string')
      ? undefined
      : `"${path}" must be a list of ${n ?? 'one or more'} strings for op "${op}"`;
  const one: Check = (v, path) => (typeof v === 'string' ? undefined : `"${path}" must be a string for op "${op}"`);
  const shape: Shape =
    op === 'between' ? { field: text, values: list(2) }
    : op === 'in' || op === 'notin' ? { field: text, values: list() }
    : op === 'isnull' || op === 'isnotnull' ? { field: text }
    : { field: text, value: one };
  return membersProblem(x, shape, `${at}.`, ['op']);
}

function orderProblem(v: unknown, at: string): string | undefined {
  if (!Array.isArray(v)) return `"${at}" must be a list of { field, descending? }`;
  for (let i = 0; i < v.length; i++) {
    const o = v[i] as unknown;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return `"${at}[${i}]" must be { field, descending? }`;
    const problem = membersProblem(o as Record<string, unknown>, { field: text, 'descending?': flag }, `${at}[${i}].`);
    if (problem) return problem;
  }
  return undefined;
}
