/**
 * readByQuery's result sets: the rows of a readByQuery stay open under a resultId so readMore can
 * return them page by page. A set closes when its last row has been read; idle ones expire, and
 * beyond a cap the oldest are evicted, so a client that never finishes reading cannot grow the
 * server without bound.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectState } from '../table.js';

interface ResultSet {
  object: ObjectState;
  rows: Int32Array;
  /** Position in `rows` of the next page. */
  pos: number;
  fields: string[];
  pageSize: number;
  lastUsed: number;
}

/** One page of a result set, as readByQuery and readMore answer it. */
export interface ResultPage {
  object: ObjectState;
  fields: string[];
  /** The page's rows. */
  rows: Int32Array;
  total: number;
  remaining: number;
  /** Where readMore continues; '' once every row has been read. */
  resultId: string;
}

export class ResultSets {
  private readonly sets = new Map<string, ResultSet>();
  private readonly lastByObject = new Map<string, string>();
  constructor(
    private readonly maxSets = 16,
    private readonly idleMs = 30 * 60 * 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The first page of `rows`; the rest stays open under the page's resultId. */
  first(object: ObjectState, rows: Int32Array, fields: string[], pageSize: number): ResultPage {
    const end = Math.min(rows.length, pageSize);
    const remaining = rows.length - end;
    const resultId = remaining > 0 ? this.open({ object, rows, pos: end, fields, pageSize }) : '';
    return { object, fields, rows: rows.subarray(0, end), total: rows.length, remaining, resultId };
  }

  /** The object of an open result set; undefined when it does not exist, has been read to the end or has expired. */
  objectOf(id: string): ObjectState | undefined {
    return this.get(id)?.object;
  }

  /** The next page of an open result set (undefined as for objectOf). */
  next(id: string): ResultPage | undefined {
    const set = this.get(id);
    if (!set) return undefined;
    const start = set.pos;
    const end = Math.min(set.rows.length, start + set.pageSize);
    const remaining = set.rows.length - end;
    set.pos = end;
    if (remaining === 0) this.close(id);
    return { object: set.object, fields: set.fields, rows: set.rows.subarray(start, end), total: set.rows.length, remaining, resultId: remaining > 0 ? id : '' };
  }

  /** The result set most recently opened on an object (readMore may name the object instead of the id). */
  idForObject(object: string): string | undefined {
    return this.lastByObject.get(object.toUpperCase());
  }

  private open(set: Omit<ResultSet, 'lastUsed'>): string {
    const id = randomBytes(12).toString('hex');
    this.sets.set(id, { ...set, lastUsed: this.clock() });
    this.lastByObject.set(set.object.name, id);
    while (this.sets.size > this.maxSets) this.sets.delete(this.sets.keys().next().value!);
    return id;
  }

  private get(id: string): ResultSet | undefined {
    const set = this.sets.get(id);
    if (!set) return undefined;
    if (this.clock() - set.lastUsed > this.idleMs) {
      this.sets.delete(id);
      return undefined;
    }
    set.lastUsed = this.clock();
    return set;
  }

  private close(id: string): void {
    const set = this.sets.get(id);
    this.sets.delete(id);
    if (set && this.lastByObject.get(set.object.name) === id) this.lastByObject.delete(set.object.name);
  }
}
