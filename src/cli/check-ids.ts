/**
 * The known checks (built-in and from check folders) with where each came from, for the `checks`
 * and `explain` commands. Check ids given by a person are judged by the planner
 * (src/plan/check-ids.ts), with one wording for the command line and library callers.
 */
import type { Check } from '../model/check.js';
import { loadAllChecks, originOf } from '../plan/registry.js';

export interface KnownCheck {
  check: Check;
  /** `builtin` or the user check folder. */
  origin: string;
}

export async function loadKnownChecks(checkDirs: readonly string[]): Promise<KnownCheck[]> {
  return (await loadAllChecks([...checkDirs])).map((check) => ({ check, origin: originOf(check) }));
}
