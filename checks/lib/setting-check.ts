/**
 * The common shape of a settings check: find the setting through the catalog, report which
 * preference was read, its value and whether the name is verified; `manual` (listing what was
 * seen) when no candidate name is present or the value is not understood.
 */
import type { CompanyPrefs } from '../../src/facts/index.js';
import type { CheckContext, CheckOutcome, CheckStatus, Evidence, FactResult, SettingEntry } from '../../src/model/check.js';
import { failedRead, type FailedFact } from './outcome.js';
import { readSetting, settingEvidence, unverifiedNote, type SettingRead } from './settings.js';

export type SettingState =
  | { kind: 'read'; entry: SettingEntry; read: SettingRead & { found: true; on: boolean }; evidence: Evidence }
  | { kind: 'outcome'; outcome: CheckOutcome };

/** Reads one catalog setting from a prefs fact; anything short of a clear on/off becomes an outcome. */
export function settingState(
  ctx: CheckContext,
  catalogKey: string,
  prefs: FactResult<CompanyPrefs>,
  opts: { entityId?: string; extra?: Evidence[] } = {},
): SettingState {
  const entry = ctx.catalog[catalogKey];
  const extra = opts.extra ?? [];
  if (!entry) {
    return {
      kind: 'outcome',
      outcome: {
        status: 'error',
        summary: `The settings catalog has no entry "${catalogKey}": restore it (checks/settings-catalog.json) or add it under "catalog" in the config file.`,
        evidence: extra,
      },
    };
  }
  if (!prefs.ok) {
    return { kind: 'outcome', outcome: failedRead(prefs as FailedFact, `the ${entry.application} preferences`, { extra }) };
  }
  const read = readSetting(prefs.value, entry);
  const evidence = settingEvidence(entry, read, opts.entityId);
  const at = opts.entityId ? ` at entity ${opts.entityId}` : '';
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

/** A one-setting check: pass when the setting is in the wanted state, else fail. */
export function evaluateSetting(
  ctx: CheckContext,
  catalogKey: string,
  prefs: FactResult<CompanyPrefs>,
  want: { on: boolean; pass: string; fail: string; extra?: Evidence[] },
): CheckOutcome {
  const state = settingState(ctx, catalogKey, prefs, want.extra ? { extra: want.extra } : {});
  if (state.kind === 'outcome') return state.outcome;
  const status: CheckStatus = state.read.on === want.on ? 'pass' : 'fail';
  const text = status === 'pass' ? want.pass : want.fail;
  return {
    status,
    summary: `${text} (${state.read.preference} = "${state.read.value}")${unverifiedNote(state.entry)}.`,
    evidence: [state.evidence, ...(want.extra ?? [])],
  };
}
