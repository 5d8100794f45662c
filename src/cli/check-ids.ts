/**
 * Check ids given by a person (options, config) are checked before anything is read from
 * Intacct and before any password prompt: a typo in a waiver or severity override must not
 * silently change a verdict. (The engine checks them again for library callers.)
 */
import type { Check } from '../model/check.js';
import { loadAllChecks as loadEngineChecks, originOf } from '../plan/registry.js';
import { closestId, matchesPattern } from '../plan/select.js';
import type { AuditSettings } from './settings.js';
import { UsageError } from './errors.js';

export interface KnownCheck {
  check: Check;
  /** `builtin` or the user check folder. */
  origin: string;
}

export async function loadKnownChecks(checkDirs: readonly string[]): Promise<KnownCheck[]> {
  return (await loadEngineChecks([...checkDirs])).map((check) => ({ check, origin: originOf(check) }));
}

/** " (did you mean x?)" when an id is close to a real one. */
export function suggestion(id: string, ids: readonly string[]): string {
  const best = closestId(id, [...ids]);
  return best ? ` (did you mean ${best}?)` : '';
}

function unknownId(where: string, id: string, ids: readonly string[]): UsageError {
  return new UsageError(`${where}: unknown check "${id}"${suggestion(id, ids)} — intacct-preflight checks lists the ids.`);
}

export function validatePatterns(where: string, patterns: readonly string[] | undefined, ids: readonly string[]): void {
  for (const p of patterns ?? []) {
    if (p.includes('*')) {
      if (!ids.some((id) => matchesPattern(id, p))) throw new UsageError(`${where}: "${p}" matches no check — intacct-preflight checks lists the ids.`);
    } else if (!ids.includes(p)) {
      throw unknownId(where, p, ids);
    }
  }
}

export function validateCheckIds(settings: AuditSettings, ids: readonly string[]): void {
  validatePatterns('--checks', settings.checks, ids);
  validatePatterns('--skip', settings.skip, ids);
  const file = settings.config ? `Config file ${settings.config.path}` : 'Config';
  for (const id of Object.keys(settings.severity ?? {})) {
    if (!ids.includes(id)) throw unknownId(`${file}: severity.${id}`, id, ids);
  }
  (settings.waivers ?? []).forEach((w, i) => {
    if (!ids.includes(w.check)) throw unknownId(`${file}: waivers[${i}].check`, w.check, ids);
  });
  (settings.attestations ?? []).forEach((a, i) => {
    if (!ids.includes(a.check)) throw unknownId(`${file}: attestations[${i}].check`, a.check, ids);
  });
}
