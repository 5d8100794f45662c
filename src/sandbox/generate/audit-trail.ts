/**
 * AUDITHISTORY of a generated company: creations, changes and some deletions of customers,
 * vendors, invoices and bills; each object type has seeded deletions (seeding.ts).
 */
import type { FixtureTable } from '../fixture.js';
import { spreadDay } from './calendar.js';
import { computed, dictionary, timestampCol } from './columns.js';
import type { GenContext } from './context.js';
import { seededBlock } from './seeding.js';

/** An audited object type: its records' count and the id (OBJECTDESC) of its k-th record (0-based). */
export interface AuditedType {
  type: string;
  size: number;
  id(k: number): string;
}

export function auditTable(size: number, stream: number, types: AuditedType[], ctx: GenContext): FixtureTable {
  const { unit } = ctx.draws;
  // Seeded deletions: each object type (slot = its index in `types`) has MIN_EXAMPLES.
  const seededDeletion = (i: number): number => {
    for (let t = 0; t < types.length; t++) if (seededBlock(i, size, t, types.length) >= 0) return t;
    return -1;
  };
  const type = (i: number): number => {
    const t = seededDeletion(i);
    return t >= 0 ? t : Math.floor(unit(stream, i, 0) * types.length);
  };
  const mode = (i: number): number => {
    if (seededDeletion(i) >= 0) return 2;
    const r = unit(stream, i, 1);
    return r < 0.05 ? 2 : r < 0.4 ? 0 : 1; // C, M, D
  };
  const key = (i: number): number => 1 + Math.floor(unit(stream, i, 2) * types[type(i)]!.size);
  return {
    size,
    columns: {
      OBJECTTYPE: dictionary(
        types.map((t) => t.type),
        type,
      ),
      OBJECTKEY: computed((i) => String(key(i))),
      OBJECTDESC: computed((i) => types[type(i)]!.id(key(i) - 1)),
      ACCESSMODE: dictionary(['C', 'M', 'D'], mode),
      ACCESSTIME: timestampCol((i) => spreadDay(i, size) * 86400 + Math.floor(unit(stream, i, 3) * 86400)),
      USERID: dictionary(['admin', 'ar.clerk', 'ap.clerk', 'integration'], (i) => Math.floor(unit(stream, i, 4) * 4)),
      SOURCE: dictionary(['ui', 'api', 'csv', 'system'], (i) => Math.floor(unit(stream, i, 5) * 4)),
    },
  };
}
