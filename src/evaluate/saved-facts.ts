/**
 * Saved facts (a snapshot) are evaluated exactly like gathered ones; a fact the checks need that
 * the saved run did not read is `not-gathered`, saying so, rather than missing.
 */
import type { FactDef } from '../model/check.js';
import { FactStore } from '../gather/store.js';

/** A copy of `saved` (left as it was) with every needed fact it lacks marked not gathered. */
export function withMissingFacts(saved: FactStore, needed: Iterable<FactDef>): FactStore {
  const facts = FactStore.fromResults(saved.results(), saved.meta);
  for (const def of needed) {
    if (facts.has(def.key)) continue;
    facts.set({
      key: def.key,
      result: {
        ok: false,
        request: { function: 'inspect' },
        error: { kind: 'not-gathered', message: `${def.key} is not in the saved facts (the run that saved them did not read it)` },
      },
    });
  }
  return facts;
}
