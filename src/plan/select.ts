/**
 * Selecting checks with --checks / --skip: exact ids or globs (`ar.*`, `*.account-labels-disabled`).
 * A pattern that matches nothing is a usage error with the closest id suggested — a typo must not
 * silently select nothing. Checks left out are listed as not run, and a blocker left out keeps the
 * verdict from `ready` (a waiver, not a skip, is how a known blocker is accepted).
 */
import type { NotRunCheck } from '../model/result.js';
import { UsageError } from '../util/errors.js';
import type { Check } from '../model/check.js';

export interface Selection {
  selected: Check[];
  notRun: NotRunCheck[];
}

export function selectChecks(all: Check[], opts: { checks?: string[]; skip?: string[] } = {}): Selection {
  const ids = all.map((c) => c.meta.id);
  const include = splitPatterns(opts.checks);
  const exclude = splitPatterns(opts.skip);
  for (const [list, flag] of [[include, '--checks'], [exclude, '--skip']] as const) {
    for (const pattern of list) {
      if (!ids.some((id) => matchesPattern(id, pattern))) throw unknownPattern(pattern, flag, ids);
    }
  }
  if (opts.checks !== undefined && include.length === 0) {
    throw new UsageError('--checks was given without any check id; list ids or globs such as "ar.*".');
  }

  const selected: Check[] = [];
  const notRun: NotRunCheck[] = [];
  for (const check of all) {
    const id = check.meta.id;
    const skippedBy = exclude.find((p) => matchesPattern(id, p));
    const included = include.length === 0 || include.some((p) => matchesPattern(id, p));
    if (included && !skippedBy) {
      selected.push(check);
      continue;
    }
    const reason = skippedBy ? `skipped with --skip ${skippedBy}` : `not selected by --checks ${include.join(',')}`;
    notRun.push({ id, title: check.meta.title, severity: check.meta.severity, reason });
  }
  if (selected.length === 0) {
    throw new UsageError('--checks and --skip together leave no check to run; skip fewer checks.');
  }
  return { selected, notRun };
}

/** Accepts repeated options and comma-separated lists alike. */
export function splitPatterns(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** `*` matches any run of characters (dots included); everything else is literal. */
export function matchesPattern(id: string, pattern: string): boolean {
  if (!pattern.includes('*')) return id === pattern;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return re.test(id);
}

function unknownPattern(pattern: string, flag: string, ids: string[]): UsageError {
  const what = pattern.includes('*') ? `No check matches "${pattern}"` : `Unknown check "${pattern}"`;
  const hint = closestId(pattern, ids);
  const suggestion = hint ? ` Did you mean "${hint}"?` : '';
  return new UsageError(`${what} in ${flag}.${suggestion} Run "intacct-preflight checks" to list the check ids.`);
}

/** The known id nearest to `wanted` by edit distance, when it is near enough to be a typo. */
export function closestId(wanted: string, ids: string[]): string | undefined {
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
