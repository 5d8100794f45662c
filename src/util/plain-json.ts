/**
 * A plain JSON copy of a value someone else's code produced (a user check's outcome, a fact's
 * value), or the first thing in it JSON cannot hold, by path. JSON.stringify would crash on a
 * BigInt or a cycle and silently drop or change functions, `undefined` in arrays, NaN, Maps; a copy
 * that either is exactly what a report or snapshot will hold, or says why not, is what the engine
 * keeps. Reading the value cannot hurt the reader: a throwing getter or a revoked proxy is a
 * problem at its path, never an exception from here.
 */

export class NotPlainJsonError extends Error {
  constructor(
    /** Where, e.g. `affected.sample[0].N` (empty for the value itself). */
    readonly path: string,
    /** What is wrong, e.g. `is a BigInt`. */
    readonly problem: string,
  ) {
    super(`${path || 'the value'} ${problem}`);
    this.name = 'NotPlainJsonError';
  }
}

export interface PlainJsonLimits {
  /** Deepest nesting accepted (default 64). */
  maxDepth?: number;
  /** Most values (of any kind) in the whole copy (default 1,000,000). */
  maxValues?: number;
}

/**
 * A deep copy holding only null, booleans, finite numbers, strings, arrays and plain objects.
 * Members whose value is `undefined` are left out (as JSON does); `toJSON` is honoured (dates become
 * their ISO text). Everything else throws NotPlainJsonError naming the path.
 */
export function toPlainJson(value: unknown, limits: PlainJsonLimits = {}): unknown {
  const maxDepth = limits.maxDepth ?? 64;
  let budget = limits.maxValues ?? 1_000_000;
  const open = new Set<object>();

  const copy = (v: unknown, path: string, depth: number): unknown => {
    if (--budget < 0) throw new NotPlainJsonError(path, 'is too large (more values than a report can sensibly hold)');
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (!Number.isFinite(v)) throw new NotPlainJsonError(path, `is ${String(v)} (not a finite number)`);
        return v;
      case 'bigint':
        throw new NotPlainJsonError(path, 'is a BigInt (JSON cannot hold it: use a number or a string)');
      case 'undefined':
        throw new NotPlainJsonError(path, 'is undefined');
      case 'function':
        throw new NotPlainJsonError(path, 'is a function');
      case 'symbol':
        throw new NotPlainJsonError(path, 'is a symbol');
    }
    if (v === null) return null;
    const obj = v as object;
    if (depth > maxDepth) throw new NotPlainJsonError(path, `nests more than ${maxDepth} levels deep`);
    if (open.has(obj)) throw new NotPlainJsonError(path, 'refers back to itself (a cycle)');
    open.add(obj);
    try {
      return copyObject(obj, path, depth);
    } catch (e) {
      if (e instanceof NotPlainJsonError) throw e;
      throw new NotPlainJsonError(path, `cannot be read (${thrownText(e)})`);
    } finally {
      open.delete(obj);
    }
  };

  const copyObject = (obj: object, path: string, depth: number): unknown => {
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return copy((toJSON as () => unknown).call(obj), path, depth + 1);
    if (Array.isArray(obj)) {
      const out: unknown[] = [];
      for (let i = 0; i < obj.length; i++) out.push(copy(obj[i], `${path}[${i}]`, depth + 1));
      return out;
    }
    if (obj instanceof Map || obj instanceof Set || obj instanceof WeakMap || obj instanceof WeakSet) {
      throw new NotPlainJsonError(path, `is a ${obj.constructor.name} (use a plain object or an array)`);
    }
    if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) throw new NotPlainJsonError(path, 'is binary data (use text or numbers)');
    if (obj instanceof Promise) throw new NotPlainJsonError(path, 'is a Promise (evaluate and interpret must be synchronous)');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      const member = (obj as Record<string, unknown>)[key];
      if (member === undefined) continue;
      // defineProperty: a key named __proto__ is data here, never the copy's prototype.
      Object.defineProperty(out, key, { value: copy(member, joinPath(path, key), depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };

  return copy(value, '', 0);
}

function joinPath(path: string, key: string): string {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return part === key ? (path ? `${path}.${key}` : key) : `${path}[${part}]`;
}

/** What was thrown, on one line, even when it is a hostile object whose message cannot be read. */
export function thrownText(e: unknown): string {
  try {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'an empty error';
  } catch {
    return 'something that cannot be read';
  }
}

export { deepFreeze } from './deep-freeze.js';
