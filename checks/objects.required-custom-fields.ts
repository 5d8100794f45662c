/**
 * objects.required-custom-fields — custom fields marked required on the objects Re-Leased creates.
 *
 * Re-Leased fills only standard fields; a required custom field on customers, vendors, invoices or
 * bills makes every create from Re-Leased fail.
 */
import {
  cannotRead,
  defineCheck,
  docs,
  facts,
  failureEvidence,
  plural,
  read,
  type CheckOutcome,
  type Evidence,
  type FailedFact,
  type SampleRecord,
} from '../src/kit/index.js';

const OBJECTS = ['CUSTOMER', 'VENDOR', 'ARINVOICE', 'APBILL'] as const;

export default defineCheck({
  meta: {
    id: 'objects.required-custom-fields',
    title: 'No required custom fields on objects Re-Leased creates',
    severity: 'warning',
    category: 'objects',
    why: 'Re-Leased does not fill custom fields; if one is required on customers, vendors, AR invoices or AP bills, creating those records from Re-Leased fails.',
    remediation: [
      'For each field listed: Platform Services > Objects (or Customization Services > Custom fields) > the object > the field > Edit.',
      'Clear "Required", or give the field a default value so records created through the API pass validation.',
      'Check Smart Rules on the same objects (Customization Services > Smart rules): they can reject integration writes too.',
    ],
    docs: [docs.queries, docs.releasedKeyAspects],
    version: 1,
  },

  // A field found required settles it even when another object's fields cannot be read.
  needs: () => Object.fromEntries(OBJECTS.map((o) => [o, read(facts.objectLookup(o), `the fields of ${o}`, { onError: 'evaluate' })])),

  evaluate: (lookups): CheckOutcome => {
    const evidence: Evidence[] = [];
    const required: SampleRecord[] = [];
    const failed: FailedFact[] = [];
    for (const object of OBJECTS) {
      const def = lookups[object]!;
      if (!def.ok) {
        failed.push(def);
        evidence.push(failureEvidence(def));
        continue;
      }
      const custom = def.value.fields.filter((f) => f.isCustom);
      const hits = custom.filter((f) => f.required);
      evidence.push({
        source: 'lookup',
        object,
        field: 'REQUIRED',
        observed: hits.length,
        note: `${plural(custom.length, 'custom field')}; required: ${hits.map((f) => f.id).join(', ') || 'none'}`,
      });
      for (const f of hits) required.push({ OBJECT: object, FIELD: f.id, LABEL: f.label || null, DATATYPE: f.dataType || null });
    }
    const affected = { count: required.length, sample: required.slice(0, facts.MAX_SAMPLE), columns: ['OBJECT', 'FIELD', 'LABEL', 'DATATYPE'], keyField: 'FIELD', objectField: 'OBJECT' };
    const unread = failed.length ? ` Could not read the fields of ${failed.map((f) => f.request.object).join(', ')}.` : '';
    if (required.length) {
      return {
        status: 'fail',
        summary: `${plural(required.length, 'required custom field')} (${required.map((r) => `${r['OBJECT']}.${r['FIELD']}`).join(', ')}) will make records created from Re-Leased fail.${unread}`,
        evidence,
        affected,
      };
    }
    if (failed.length) {
      // Nothing found where the fields could be read, but the others are unknown: no verdict.
      const first = cannotRead(failed[0]!, `the fields of ${failed.map((f) => f.request.object).join(', ')}`);
      return { status: first.status, summary: first.summary, evidence };
    }
    return { status: 'pass', summary: 'No custom field is required on customers, vendors, AR invoices or AP bills.', evidence, affected };
  },
});
