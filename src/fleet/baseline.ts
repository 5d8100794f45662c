/**
 * A company's baseline is its previous report in the same output folder (OUT/<name>/report.json),
 * found without being asked for. A report that cannot be compared (unreadable, of another company,
 * or of a run that could not sign in) is not an error: the company is audited without a baseline
 * and its row says why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditResult } from '../model/result.js';
import { readResultFile } from '../render/files.js';
import { connectionFailure } from '../cli/summary.js';
import { errorLine } from '../util/errors.js';

export const BASELINE_FILE = 'report.json';

export function findBaseline(dir: string, company: { companyId: string; entityId?: string | undefined }): { path?: string; baseline?: AuditResult; note?: string } {
  const path = join(dir, BASELINE_FILE);
  if (!existsSync(path)) return {};
  let previous: AuditResult;
  try {
    previous = readResultFile(path);
  } catch (err) {
    return { note: `previous report not compared: ${errorLine(err).replace(`${path}: `, '')}` };
  }
  const was = previous.company.entityId ? `${previous.company.id}, entity ${previous.company.entityId}` : previous.company.id;
  if (previous.company.id !== company.companyId || (previous.company.entityId ?? '') !== (company.entityId ?? '')) {
    return { note: `previous report not compared: it is of company ${was}` };
  }
  if (connectionFailure(previous)) return { note: 'previous report not compared: that run could not audit the company' };
  return { path, baseline: previous };
}
