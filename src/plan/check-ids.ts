/**
 * Check ids given by a person (--checks, --skip, severity overrides, waivers, attestations,
 * checkOptions, `explain ID`) are checked against the known checks with ONE wording, wherever the
 * id came from: a typo must not silently change a verdict, and the message says where it is and
 * the id that was probably meant.
 */
import { UsageError } from '../util/errors.js';

const LIST_HINT = 'intacct-preflight checks lists the ids.';

/** `where: unknown check "x" (did you mean y?) — …`; without `where`, the sentence stands alone. */
export function unknownCheckError(id: string, ids: readonly string[], where?: string): UsageError {
  const what = `unknown check "${id}"${suggestion(id, ids)} — ${LIST_HINT}`;
  return new UsageError(where ? `${where}: ${what}` : what.charAt(0).toUpperCase() + what.slice(1));
}

/** A glob (`ar.*`) that selects no check. */
export function noMatchError(pattern: string, where: string): UsageError {
  return new UsageError(`${where}: "${pattern}" matches no check — ${LIST_HINT}`);
}

/** " (did you mean x?)" when an id is close to a real one, else "". */
export function suggestion(id: string, ids: readonly string[]): string {
  const best = closestId(id, ids);
  return best ? ` (did you mean ${best}?)` : '';
}

/** The known id nearest to `wanted` by edit distance, when it is near enough to be a typo. */
export function closestId(wanted: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = wanted.replace(/\*/g, '');
  for (const id of ids) {
    const d = editDistance(w, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  // Only suggest when the guess is plausibly what was meant.
  return best !== undefined && bestDistance <= Math.max(3, Math.floor(w.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
