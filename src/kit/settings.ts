/**
 * Settings checks: a setting read through the settings catalog. Every settings finding says the
 * same things, so a reader knows what a verdict rests on: which preference was read, its value,
 * whether the catalog name is verified; and when no candidate name is present, the names seen.
 * Anything short of a clear on/off is `manual` (or `error` when the catalog lacks the entry).
 */
import { companyPrefs, parseFlag, type CompanyPrefs, type PrefsAt } from '../facts/index.js';
import type { Check, CheckContext, CheckMeta, CheckOutcome, CheckStatus, Evidence, FactResult, SettingEntry } from '../model/check.js';
import type { FailureRules } from '../model/check.js';
import { defineCheck, read, type Judged, type Read } from './define.js';
import { cannotRead } from './failures.js';
import { plural } from './words.js';

// ---------------------------------------------------------------------------------------------
// Reading: the need, and the setting in a preferences fact

/**
 * The preferences holding catalog setting `key` (of the application the catalog names; of
 * `application` when the catalog has no such entry, so the check can still say so). `at` reads
 * them in an entity's or the top level's session (per-entity settings; see `recordsAt`).
 */
export function setting(ctx: CheckContext, key: string, application: string, opts: { onError: 'evaluate'; at?: PrefsAt }): Judged<CompanyPrefs>;
export function setting(ctx: CheckContext, key: string, application: string, opts?: { onFailure?: FailureRules; at?: PrefsAt }): Read<CompanyPrefs>;
export function setting(
  ctx: CheckContext,
  key: string,
  application: string,
  opts: { onError?: 'evaluate'; onFailure?: FailureRules; at?: PrefsAt } = {},
): Judged<CompanyPrefs> | Read<CompanyPrefs> {
  const app = (ctx.catalog[key]?.application ?? application).toUpperCase();
  const fact = companyPrefs(app, opts.at);
  const what = `the ${app} preferences${opts.at === undefined ? '' : typeof opts.at === 'string' ? ` at entity ${opts.at}` : ' at the top level'}`;
  if (opts.onError === 'evaluate') return read(fact, what, { onError: 'evaluate' });
  return read(fact, what, opts.onFailure ? { onFailure: opts.onFailure } : {});
}

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

/** Evidence for one setting read; `place` ("the top level", "entity NZ01") overrides the entity in the note. */
export function settingEvidence(entry: SettingEntry, read: SettingRead, entityId?: string, place?: string): Evidence {
  const at = place ?? (entityId ? `entity ${entityId}` : undefined);
  const where = at ? ` (${at})` : '';
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

// ---------------------------------------------------------------------------------------------
// Deciding: a clear on/off, or the outcome that says why there is none

export type SettingState =
  | { kind: 'read'; entry: SettingEntry; read: SettingRead & { found: true; on: boolean }; evidence: Evidence }
  | { kind: 'outcome'; outcome: CheckOutcome };

/** Catalog setting `key` in a prefs fact: a clear on/off, or the outcome (manual, error) saying why not. */
export function catalogSetting(
  ctx: CheckContext,
  key: string,
  prefs: FactResult<CompanyPrefs>,
  opts: { entityId?: string; place?: string; extra?: Evidence[] } = {},
): SettingState {
  const entry = ctx.catalog[key];
  const extra = opts.extra ?? [];
  if (!entry) {
    return {
      kind: 'outcome',
      outcome: {
        status: 'error',
        summary: `The settings catalog has no entry "${key}": restore it (checks/settings-catalog.json) or add it under "catalog" in the config file.`,
        evidence: extra,
      },
    };
  }
  if (!prefs.ok) return { kind: 'outcome', outcome: cannotRead(prefs, `the ${entry.application} preferences`, { extra }) };
  const read = readSetting(prefs.value, entry);
  const evidence = settingEvidence(entry, read, opts.entityId, opts.place);
  const place = opts.place ?? (opts.entityId ? `entity ${opts.entityId}` : undefined);
  const at = place ? ` at ${place}` : '';
  if (!read.found) {
    return {
      kind: 'outcome',
      outcome: {
        status: 'manual',
        summary:
          `Could not find "${entry.label}" among the ${entry.application} preferences${at} (looked for ${entry.candidates.join(', ')}): ` +
          `check it in Intacct by hand, and correct the catalog (run \`intacct-preflight prefs ${entry.application}\` to list the names).`,
        evidence: [evidence, ...extra],
      },
    };
  }
  if (read.on === undefined) {
    return {
      kind: 'outcome',
      outcome: {
        status: 'manual',
        summary: `${read.preference}${at} has the value "${read.value}", which is not understood as ${entry.kind === 'flag' ? 'on or off' : 'assigned or empty'}: check "${entry.label}" by hand.`,
        evidence: [evidence, ...extra],
      },
    };
  }
  return { kind: 'read', entry, read: read as SettingRead & { found: true; on: boolean }, evidence };
}

/** Pass when the setting is in the wanted state, else fail; the summary names the preference and value. */
export function settingOutcome(state: SettingState, want: { on: boolean; pass: string; fail: string; extra?: Evidence[] }): CheckOutcome {
  if (state.kind === 'outcome') return state.outcome;
  const status: CheckStatus = state.read.on === want.on ? 'pass' : 'fail';
  const text = status === 'pass' ? want.pass : want.fail;
  return {
    status,
    summary: `${text} (${state.read.preference} = "${state.read.value}")${unverifiedNote(state.entry)}.`,
    evidence: [state.evidence, ...(want.extra ?? [])],
  };
}

// ---------------------------------------------------------------------------------------------
// The whole check, as data: one setting that must be on (or off)

export interface SettingCheckDefinition {
  meta: CheckMeta;
  /** The settings catalog key, e.g. `customerRefunds`. */
  setting: string;
  /** The application the setting belongs to when the catalog does not say (AR, AP, …). */
  application: string;
  /** The state Re-Leased needs. */
  want: 'on' | 'off';
  /** Summary in the wanted state, and otherwise; the preference and its value are appended. */
  pass: string;
  fail: string;
}

/** A check built by `settingCheck`: its definition stays readable on it. */
export type SettingCheck = SettingCheckDefinition & Check;

/** A check that one catalog setting is on (or off): pass, fail, or manual when it cannot be told. */
export function settingCheck(def: SettingCheckDefinition): SettingCheck {
  return {
    ...def,
    ...defineCheck({
      meta: def.meta,
      needs: (ctx) => ({ prefs: setting(ctx, def.setting, def.application) }),
      evaluate: (facts, ctx) => settingOutcome(catalogSetting(ctx, def.setting, facts.prefs), { on: def.want === 'on', pass: def.pass, fail: def.fail }),
    }) as Check,
  };
}
