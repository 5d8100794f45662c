/**
 * Saved facts re-evaluated by checks that are not the ones they were evaluated with before: a
 * newer check version, or a check the original audit did not run (its facts may be missing). The
 * result says so, so a difference from the original report is explained rather than puzzling.
 */
import type { CheckResult } from '../model/result.js';

export function checkDrift(evaluatedWith: readonly { id: string; version: number }[], checks: readonly CheckResult[]): string[] {
  const then = new Map(evaluatedWith.map((c) => [c.id, c.version]));
  const lines: string[] = [];
  const notRunThen = checks.filter((c) => !then.has(c.id)).map((c) => c.id);
  for (const check of checks) {
    const version = then.get(check.id);
    if (version !== undefined && version !== check.checkVersion) {
      lines.push(`${check.id} was re-evaluated with check version ${check.checkVersion}; the snapshot was made with version ${version}, so its result may differ from the original report.`);
    }
  }
  if (notRunThen.length > 0) {
    const shown = notRunThen.slice(0, 5).join(', ') + (notRunThen.length > 5 ? ` and ${notRunThen.length - 5} more` : '');
    lines.push(`Not part of the audit that made the snapshot, so their facts may be missing: ${shown}.`);
  }
  return lines;
}
