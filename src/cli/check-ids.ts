/**
 * The known checks (built-in and from check folders) with where each came from, for the `checks`
 * and `explain` commands. Check ids given by a person are judged by the planner
 * (src/plan/check-ids.ts), with one wording for the command line and library callers.
 */
import type { Check } from '../model/check.js';
import { loadIsolatedChecks, originOf } from '../plan/registry.js';

export interface KnownCheck {
  check: Check;
  /** `builtin` or the user check folder. */
  origin: string;
}

/** Only their metadata is needed: user modules are loaded as an audit loads them (in their worker, within the time limit), then let go. */
export async function loadKnownChecks(checkDirs: readonly string[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<KnownCheck[]> {
  const loaded = await loadIsolatedChecks([...checkDirs], opts);
  await loaded.close();
  return loaded.checks.map((check) => ({ check, origin: originOf(check) }));
}
