/**
 * Gathering an audit's facts as the planner laid them out: step 1 in one go, then the reads the
 * checks declare once step 1 has answered (per-entity settings). Returns the store with every
 * fact, and the checks as they will be evaluated.
 */
import type { GatherContext } from '../model/check.js';
import type { ChecksPlan, ReadPlan } from '../plan/reads.js';
import { gatherFacts, type GatherOptions } from './gather.js';
import type { FactSource, FactStore } from './store.js';

export async function gatherAuditFacts(
  reads: ReadPlan,
  source: FactSource,
  ctx: GatherContext,
  opts: GatherOptions & { store: FactStore },
): Promise<ChecksPlan> {
  await gatherFacts(reads.facts, source, ctx, opts);
  const planned = await reads.next((key) => opts.store.get(key));
  await gatherFacts(planned.facts, source, planned.ctx, opts);
  return planned;
}
