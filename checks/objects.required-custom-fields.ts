/**
 * objects.required-custom-fields — custom fields marked required on the objects Re-Leased creates.
 *
 * Re-Leased fills only standard fields; a required custom field on any record it creates makes
 * that create fail: customers and vendors, AR invoices and AP bills and their lines, AR and AP
 * adjustments and their lines, AR and AP payments, and, where Re-Leased posts through Order Entry
 * or Purchasing, their transactions and lines. An object of an application the company does not
 * subscribe to does not apply (the summary says which); Order Entry / Purchasing documents follow
 * the integration profile (`orderEntry` / `purchasing`), and when it does not say, the subscription.
 */
import {
  cannotRead,
  defineCheck,
  docs,
  facts,
  failureEvidence,
  plural,
  read,
  type CheckContext,
  type CheckOutcome,
  type Evidence,
  type FactNeed,
  type FactResult,
  type FailedFact,
  type SampleRecord,
} from '../src/kit/index.js';

/** What Re-Leased creates through AR and AP (and the contacts). */
const CORE = [
  'CUSTOMER',
  'VENDOR',
  'ARINVOICE',
  'ARINVOICEITEM',
  'APBILL',
  'APBILLITEM',
  'ARADJUSTMENT',
  'ARADJUSTMENTITEM',
  'APADJUSTMENT',
  'APADJUSTMENTITEM',
  'ARPYMT',
  'APPYMT',
];
const ORDER_ENTRY = ['SODOCUMENT', 'SODOCUMENTENTRY'];
const PURCHASING = ['PODOCUMENT', 'PODOCUMENTENTRY'];

/** The objects to look at under the profile: OE / PO documents unless the profile says the module is not used. */
function objectsFor(ctx: CheckContext): string[] {
  return [...CORE, ...(ctx.integration.orderEntry === false ? [] : ORDER_ENTRY), ...(ctx.integration.purchasing === false ? [] : PURCHASING)];
}

/** Why an object is not looked at, when it is not: its application is not subscribed. */
function notApplying(object: string, subscribed: string[]): string | undefined {
  const apps = facts.objectApplications(object);
  if (apps.length === 0 || apps.some((a) => subscribed.includes(a))) return undefined;
  return apps.map((a) => facts.APPLICATION_NAMES[a] ?? a).join(' or ');
}

/** The profile's word on the Order Entry / Purchasing documents, for evidence. */
function profileNote(ctx: CheckContext): string | undefined {
  const parts: string[] = [];
  for (const [key, name, objects] of [['orderEntry', 'Order Entry', ORDER_ENTRY], ['purchasing', 'Purchasing', PURCHASING]] as const) {
    const v = ctx.integration[key];
    if (v === false) parts.push(`${name} documents (${objects.join(', ')}) not looked at: integration.${key} is false`);
    else if (v === undefined) parts.push(`${name} documents looked at where ${name} is subscribed (integration.${key} not set; set it to false if Re-Leased does not post through ${name})`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

export default defineCheck({
  meta: {
    id: 'objects.required-custom-fields',
    title: 'No required custom fields on objects Re-Leased creates',
    severity: 'warning',
    category: 'objects',
    why:
      'Re-Leased does not fill custom fields; if one is required on a record it creates (customers, vendors, AR invoices and AP bills and their lines, AR and AP adjustments and their lines, ' +
      'AR and AP payments, and Order Entry or Purchasing transactions where it posts through them), creating that record from Re-Leased fails.',
    remediation: [
      'For each field listed: Platform Services > Objects (or Customization Services > Custom fields) > the object > the field > Edit.',
      'Clear "Required", or give the field a default value so records created through the API pass validation.',
      'Check Smart Rules on the same objects (Customization Services > Smart rules): they can reject integration writes too.',
    ],
    docs: [docs.queries, docs.releasedKeyAspects],
    version: 2,
  },

  // A field found required settles it even when another object's fields cannot be read.
  needs: (ctx) => {
    const needs: Record<string, FactNeed> = { applications: read(facts.applications(), 'the subscribed applications', { onError: 'evaluate' }) };
    for (const o of objectsFor(ctx)) needs[o] = read(facts.objectLookup(o), `the fields of ${o}`, { onError: 'evaluate' });
    return needs;
  },

  evaluate: (lookups, ctx): CheckOutcome => {
    const evidence: Evidence[] = [];
    const required: SampleRecord[] = [];
    const failed: FailedFact[] = [];
    const skipped: string[] = [];
    const apps = lookups['applications'] as FactResult<string[]>;
    const subscribed = apps.ok ? apps.value : undefined;
    const objects = objectsFor(ctx);
    for (const object of objects) {
      const reason = subscribed ? notApplying(object, subscribed) : undefined;
      if (reason) {
        skipped.push(object);
        evidence.push({ source: 'get_applications', object, observed: 'not subscribed', note: `${reason} is not subscribed: ${object} does not apply` });
        continue;
      }
      const def = lookups[object] as FactResult<facts.ObjectDefinition>;
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
    const note = profileNote(ctx);
    if (note) evidence.push({ source: 'note', observed: null, note });
    if (!apps.ok) evidence.push({ ...failureEvidence(apps), note: `the subscriptions could not be read (${apps.error.message}): every object was looked at` });

    const looked = objects.length - skipped.length;
    const notApplied = skipped.length ? ` ${skipped.join(', ')} did not apply (application not subscribed).` : '';
    const affected = { count: required.length, sample: required.slice(0, facts.MAX_SAMPLE), columns: ['OBJECT', 'FIELD', 'LABEL', 'DATATYPE'], keyField: 'FIELD', objectField: 'OBJECT' };
    const unread = failed.length ? ` Could not read the fields of ${failed.map((f) => f.request.object).join(', ')}.` : '';
    if (required.length) {
      return {
        status: 'fail',
        summary: `${plural(required.length, 'required custom field')} (${required.map((r) => `${r['OBJECT']}.${r['FIELD']}`).join(', ')}) will make records created from Re-Leased fail.${unread}${notApplied}`,
        evidence,
        affected,
      };
    }
    if (failed.length) {
      // Nothing found where the fields could be read, but the others are unknown: no verdict.
      const first = cannotRead(failed[0]!, `the fields of ${failed.map((f) => f.request.object).join(', ')}`);
      return { status: first.status, summary: first.summary, evidence };
    }
    return {
      status: 'pass',
      summary: `No custom field is required on the ${plural(looked, 'object')} Re-Leased creates records of (${objects.filter((o) => !skipped.includes(o)).join(', ')}).${notApplied}`,
      evidence,
      affected,
    };
  },
});
