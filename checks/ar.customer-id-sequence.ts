/**
 * ar.customer-id-sequence — a document sequence numbers new customers.
 *
 * Re-Leased creates customers without a CUSTOMERID; Intacct then takes the ID from the document
 * sequence assigned in AR configuration. Without one, every new tenant fails to sync.
 *
 * Document sequencing is set entity by entity in a multi-entity company, so the preference is read
 * where Re-Leased creates customers (the integration profile: the top level with Top-Level
 * syncing, else the connected entity), whichever level the audit signed in at. The catalog
 * preference decides; `lookup` on the object adds whether the ID field is marked required
 * (secondary evidence only). In a company without the module (no AP, say) there is nothing to
 * number and the check does not apply. Its twin ap.vendor-id-sequence decides the same way.
 */
import {
  catalogSetting,
  defineCheck,
  docs,
  facts,
  failureEvidence,
  read,
  recordsAt,
  recordsPlace,
  setting,
  unverifiedNote,
  type CheckMeta,
  type Evidence,
} from '../src/kit/index.js';

export default idSequenceCheck(
  { contacts: 'customers', object: 'CUSTOMER', idField: 'CUSTOMERID', module: 'AR', setting: 'customerIdSequence' },
  {
    id: 'ar.customer-id-sequence',
    title: 'Customer IDs are numbered by a document sequence',
    severity: 'blocker',
    category: 'ar',
    why:
      'Re-Leased sends no Customer ID when it creates a customer; Intacct must generate it from a document sequence, or the new contact fails to sync. ' +
      'In a multi-entity company sequencing is set per entity: what counts is the setting where Re-Leased creates customers (the top level with Top-Level syncing, else the connected entity).',
    remediation: [
      'Create a sequence if none fits: Company > Setup > Settings > Document sequence (a letter prefix such as C- avoids leading-zero problems).',
      'Assign it where Re-Leased creates customers (the top level, or the connected entity without Top-Level syncing): Accounts Receivable > Setup > Configuration > Document sequencing > Customers, then Save.',
      'Existing customers keep their IDs; only new ones are numbered.',
    ],
    docs: [docs.releasedLimitations, docs.documentSequences, docs.customersApi, docs.releasedTopLevel],
    version: 2,
  },
);

const MODULE_NAMES = { AR: 'Accounts Receivable', AP: 'Accounts Payable' } as const;

/** What differs between this check and its vendor twin. */
export interface ContactIds {
  /** The contacts in words: customers, vendors. */
  contacts: string;
  object: 'CUSTOMER' | 'VENDOR';
  idField: string;
  module: 'AR' | 'AP';
  /** Settings catalog key of the document sequence for new contacts. */
  setting: string;
}

/** The ID-sequence check of one kind of contact (customers here, vendors in ap.vendor-id-sequence). */
export function idSequenceCheck(p: ContactIds, meta: CheckMeta) {
  return defineCheck({
    meta,

    needs: (ctx) => ({
      applications: read(facts.applications(), 'the subscribed applications', { onError: 'evaluate' }),
      prefs: setting(ctx, p.setting, p.module, { at: recordsAt(ctx) }),
      lookup: read(facts.objectLookup(p.object), `the ${p.object} field definitions (lookup)`, { onError: 'evaluate' }),
    }),

    evaluate: ({ applications, prefs, lookup }, ctx) => {
      // Without the module there are no contacts of this kind for Re-Leased to create: nothing to number.
      if (applications.ok && !applications.value.includes(p.module)) {
        return {
          status: 'not-applicable',
          summary: `${MODULE_NAMES[p.module]} (${p.module}) is not subscribed, so no ${p.contacts} are created in this company and their numbering does not apply.`,
          evidence: [{ source: 'get_applications', observed: applications.value.join(', '), note: `${p.module} is not among the subscribed applications` }],
        };
      }
      // Secondary evidence: is the ID field required on create?
      const secondary: Evidence[] = [];
      let idRequired: boolean | undefined;
      if (lookup.ok) {
        const field = lookup.value.fields.find((f) => f.id === p.idField);
        idRequired = field?.required;
        secondary.push({
          source: 'lookup',
          object: lookup.value.object,
          field: p.idField,
          observed: field ? (field.required ? 'required' : 'optional') : null,
          note: field
            ? `${p.idField} is ${field.required ? 'required' : 'optional'} on create (optional suggests IDs are numbered automatically)`
            : `${p.idField} not listed by lookup`,
        });
      } else {
        secondary.push(failureEvidence(lookup));
      }

      // The sequence assigned to new contacts where Re-Leased creates them decides.
      const place = recordsPlace(ctx);
      const at = place ? ` at ${place}, where Re-Leased creates them` : '';
      const state = catalogSetting(ctx, p.setting, prefs, { extra: secondary, ...(place ? { place } : {}) });
      if (state.kind === 'outcome') {
        const o = state.outcome;
        if (o.status === 'manual' && idRequired !== undefined) {
          o.summary += ` Secondary evidence: lookup marks ${p.idField} ${idRequired ? 'required' : 'optional'}.`;
        }
        return o;
      }
      const { read: pref, entry, evidence } = state;
      if (pref.on) {
        const conflict = idRequired ? ` Note: lookup still marks ${p.idField} required; create a test ${p.contacts.replace(/s$/, '')} without an ID to confirm.` : '';
        return {
          status: 'pass',
          summary: `New ${p.contacts}${at ? `${at},` : ''} get their ID from document sequence "${pref.value}" (${pref.preference})${unverifiedNote(entry)}.${conflict}`,
          evidence: [evidence, ...secondary],
        };
      }
      return {
        status: 'fail',
        summary: `No document sequence is assigned to new ${p.contacts}${at} (${pref.preference} is empty)${unverifiedNote(entry)}: contacts created from Re-Leased, which sends no ${p.idField}, will be rejected.`,
        evidence: [evidence, ...secondary],
      };
    },
  });
}
