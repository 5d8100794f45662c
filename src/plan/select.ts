/**
 * Selecting checks with --checks / --skip: exact ids or globs (`ar.*`, `*.account-labels-disabled`).
 * A pattern that matches nothing is a usage error with the closest id suggested — a typo must not
 * silently select nothing. Checks left out are listed as not run, and a blocker left out keeps the
 * verdict from `ready` (a waiver, not a skip, is how a known blocker is accepted).
 */
import type { NotRunCheck } from '../model/result.js';
import { UsageError } from '../util/errors.js';
import type { Check } from '../model/check.js';
import { noMatchError, unknownCheckError } from './check-ids.js';

export { closestId, editDistance } from './check-ids.js';

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
      if (!ids.some((id) => matchesPattern(id, pattern))) throw pattern.includes('*') ? noMatchError(pattern, flag) : unknownCheckError(pattern, ids, flag);
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
