/**
 * Shared evaluation of the customer / vendor ID sequence checks: the catalog preference decides;
 * `lookup` on the object adds whether the ID field is marked required (secondary evidence only).
 */
import type { CompanyPrefs, ObjectDefinition } from '../../src/facts/index.js';
import type { CheckContext, CheckOutcome, Evidence, FactResult } from '../../src/model/check.js';
import { failureEvidence, type FailedFact } from './outcome.js';
import { settingState, type SettingState } from './setting-check.js';
import { unverifiedNote } from './settings.js';

export function evaluateIdSequence(
  ctx: CheckContext,
  opts: { catalogKey: string; prefs: FactResult<CompanyPrefs>; lookup: FactResult<ObjectDefinition>; idField: string; contacts: string },
): CheckOutcome {
  const secondary: Evidence[] = [];
  let idRequired: boolean | undefined;
  if (opts.lookup.ok) {
    const field = opts.lookup.value.fields.find((f) => f.id === opts.idField);
    idRequired = field?.required;
    secondary.push({
      source: 'lookup',
      object: opts.lookup.value.object,
      field: opts.idField,
      observed: field ? (field.required ? 'required' : 'optional') : null,
      note: field
        ? `${opts.idField} is ${field.required ? 'required' : 'optional'} on create (optional suggests IDs are numbered automatically)`
        : `${opts.idField} not listed by lookup`,
    });
  } else {
    secondary.push(failureEvidence(opts.lookup as FailedFact));
  }

  const state: SettingState = settingState(ctx, opts.catalogKey, opts.prefs, { extra: secondary });
  if (state.kind === 'outcome') {
    const o = state.outcome;
    if (o.status === 'manual' && idRequired !== undefined) {
      o.summary += ` Secondary evidence: lookup marks ${opts.idField} ${idRequired ? 'required' : 'optional'}.`;
    }
    return o;
  }
  const { read, entry, evidence } = state;
  if (read.on) {
    const conflict = idRequired ? ` Note: lookup still marks ${opts.idField} required; create a test ${opts.contacts.replace(/s$/, '')} without an ID to confirm.` : '';
    return {
      status: 'pass',
      summary: `New ${opts.contacts} get their ID from document sequence "${read.value}" (${read.preference})${unverifiedNote(entry)}.${conflict}`,
      evidence: [evidence, ...secondary],
    };
  }
  return {
    status: 'fail',
    summary: `No document sequence is assigned to new ${opts.contacts} (${read.preference} is empty)${unverifiedNote(entry)}: contacts created from Re-Leased, which sends no ${opts.idField}, will be rejected.`,
    evidence: [evidence, ...secondary],
  };
}
