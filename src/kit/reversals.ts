/**
 * What a check about reversed invoices and bills rests on: the object definitions (`lookup`) that
 * identify reversals, read beside the records, and shown as evidence. Spread into a `dataCheck`.
 */
import { isUnsubscribed, objectLookup, reversalMarks, type ObjectDefinition } from '../facts/index.js';
import type { CheckContext, Evidence, FactResult } from '../model/check.js';
import type { DataCheckDefinition } from './data.js';
import { read, type Judged } from './define.js';
import type { TransactionObject } from './records.js';

type DefinitionReads = Record<string, Judged<ObjectDefinition>>;

/**
 * The definitions of `objects` as reads named `definition:OBJECT`, and one evidence line per
 * object saying how its reversals were identified; `consequence` says what that means for the
 * check (e.g. whether the zeroing records were left out).
 */
export function reversalBasis(
  objects: TransactionObject[],
  consequence: (identified: boolean, object: TransactionObject) => string,
  identifies: (marks: ReturnType<typeof reversalMarks>) => boolean,
): Pick<DataCheckDefinition<DefinitionReads>, 'reads' | 'evidence'> {
  const name = (o: string) => `definition:${o}`;
  return {
    reads: () => Object.fromEntries(objects.map((o) => [name(o), read(objectLookup(o), `the ${o} field definitions (lookup)`, { onError: 'evaluate' })])),
    evidence: (f: Record<string, FactResult<ObjectDefinition>>, _ctx: CheckContext): Evidence[] =>
      objects
        .filter((o) => !isUnsubscribed(f[name(o)]))
        .map((o) => {
          const marks = reversalMarks(o, f[name(o)]);
          const identified = identifies(marks);
          return { source: 'lookup', object: o, field: 'STATE', observed: identified ? 'identified' : 'not identified', note: `${marks.basis}; ${consequence(identified, o)}` };
        }),
  };
}
