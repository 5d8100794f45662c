/**
 * Reading a setting through the settings catalog. Every settings check reports the same things:
 * which preference it read, the value, and whether the catalog entry is verified, so a reader
 * knows what a verdict rests on; and when no candidate name is present, the names that were seen.
 */
import type { CompanyPrefs } from '../../src/facts/index.js';
import { parseFlag } from '../../src/facts/index.js';
import { plural } from './outcome.js';
import type { Evidence, SettingEntry } from '../../src/model/check.js';

export interface SettingRead {
  /** A candidate preference name was present in the response. */
  found: boolean;
  /** The candidate that was found. */
  preference?: string;
  value?: string;
  /** flag: the switch is on; non-empty: a value is assigned. Undefined when the value is not understood. */
  on?: boolean;
  /** Every preference name in the response (sorted), for evidence when nothing matched. */
  seen: string[];
}

export function readSetting(prefs: CompanyPrefs, entry: SettingEntry): SettingRead {
  const seen = Object.keys(prefs).sort();
  // Exact name first; Intacct's casing is not documented, so fall back to a case-insensitive match.
  for (const candidate of entry.candidates) {
    const name = candidate in prefs ? candidate : seen.find((n) => n.toUpperCase() === candidate.toUpperCase());
    if (name === undefined) continue;
    const value = prefs[name] ?? '';
    const on = entry.kind === 'non-empty' ? value.trim() !== '' : parseFlag(value);
    return { found: true, preference: name, value, ...(on === undefined ? {} : { on }), seen };
  }
  return { found: false, seen };
}

/** Preference names for evidence, cut so a report stays readable. */
export function listSeen(seen: string[], max = 30): string {
  if (seen.length === 0) return 'no preferences at all';
  const shown = seen.slice(0, max).join(', ');
  return seen.length > max ? `${shown} … and ${seen.length - max} more` : shown;
}

/** Evidence for one setting read. */
export function settingEvidence(entry: SettingEntry, read: SettingRead, entityId?: string): Evidence {
  const where = entityId ? ` (entity ${entityId})` : '';
  if (!read.found) {
    return {
      source: 'get_companyprefs',
      application: entry.application,
      preference: entry.candidates.join(' | '),
      observed: null,
      verified: entry.verified,
      note:
        `None of the catalog's names for "${entry.label}" was returned${where}. ` +
        `${plural(read.seen.length, 'preference')} seen: ${listSeen(read.seen)}`,
    };
  }
  const meaning =
    read.on === undefined
      ? `value not understood as ${entry.kind === 'flag' ? 'on/off' : 'assigned/empty'}`
      : entry.kind === 'flag'
        ? read.on
          ? 'on'
          : 'off'
        : read.on
          ? 'assigned'
          : 'not assigned';
  return {
    source: 'get_companyprefs',
    application: entry.application,
    preference: read.preference!,
    observed: read.value ?? null,
    verified: entry.verified,
    note: `${entry.label}${where}: ${meaning}${entry.verified ? '' : ' (preference name not yet verified against a real company)'}`,
  };
}

/** Summary suffix telling a reader the verdict rests on an unverified preference name. */
export function unverifiedNote(entry: SettingEntry): string {
  return entry.verified ? '' : ' (catalog name unverified)';
}
