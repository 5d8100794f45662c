/**
 * so.subtotal-dimensions-from-lines — Order Entry subtotals take their dimensions from the lines.
 *
 * Re-Leased cannot set subtotal dimensions by hand, so sales transactions (Order Entry) sync only when Intacct
 * defaults subtotal dimensions from the line items (2025 R1). not-applicable when Order Entry is
 * not subscribed.
 *
 * Two settings matter: "Use line-item dimensions in subtotals" (the audit's session) and, in a
 * multi-entity company, "Distribute subtotals at the entity level", which is set per entity: at
 * the top level every entity's value is read in a session at that entity; in an entity audit, the
 * audited entity's. Its twin po.subtotal-dimensions-from-lines decides the same way for Purchasing.
 */
import {
  cannotRead,
  catalogSetting,
  defineCheck,
  docs,
  facts,
  failureEvidence,
  read,
  unverifiedNote,
  type CheckMeta,
  type CheckOutcome,
  type Evidence,
  type FactNeed,
  type FactResult,
  type SampleRecord,
} from '../src/kit/index.js';

export default subtotalsCheck(
  { app: 'SO', name: 'Order Entry', lineKey: 'soLineDimensionsInSubtotals', distributeKey: 'soDistributeSubtotalsAtEntity' },
  {
    id: 'so.subtotal-dimensions-from-lines',
    title: 'Order Entry subtotals take dimensions from line items',
    severity: 'blocker',
    category: 'so',
    why:
      'Re-Leased cannot enter subtotal dimensions; Order Entry transactions sync only when Intacct takes subtotal dimensions ' +
      'from the line items (and, in a multi-entity company, distributes subtotals at the entity level).',
    remediation: [
      'At the top level: Order Entry > Setup > Configuration > select "Use line-item dimensions in subtotals", then Save.',
      'In a multi-entity company, at each entity Re-Leased posts to: Order Entry > Setup > Configuration > select "Distribute subtotals at the entity level" (2025 R1 or later), then Save.',
      'Re-run this audit at the top level to confirm every entity.',
    ],
    docs: [docs.oeSubtotals, docs.poSubtotalsTop, docs.releasedKeyAspects],
    version: 1,
  },
);

/** What differs between this check and its Purchasing twin. */
export interface SubtotalModule {
  app: 'SO' | 'PO';
  /** Order Entry, Purchasing. */
  name: string;
  /** Settings catalog keys of the two settings. */
  lineKey: string;
  distributeKey: string;
}

type CompanyPrefs = facts.CompanyPrefs;
const entityKey = (id: string): string => `entity:${id}`;
const DISTRIBUTE = '"Distribute subtotals at the entity level"';

/** The subtotal check of one module (Order Entry here, Purchasing in po.subtotal-dimensions-from-lines). */
export function subtotalsCheck(m: SubtotalModule, meta: CheckMeta) {
  return defineCheck({
    meta,

    // Every read but the subscriptions is judged here: an unsubscribed module has no preferences,
    // and one entity's unreadable preferences leave the others' verdicts standing.
    needs: (ctx) => {
      const needs: Record<string, FactNeed> = {
        applications: read(facts.applications(), 'the subscribed applications'),
        prefs: read(facts.companyPrefs(m.app), `the ${m.app} preferences`, { onError: 'evaluate' }),
        entities: read(facts.entityDetails(), 'the entity list', { onError: 'evaluate' }),
      };
      if (ctx.entityId === undefined) {
        for (const id of ctx.entities ?? []) needs[entityKey(id)] = read(facts.companyPrefs(m.app, id), `the ${m.app} preferences at entity ${id}`, { onError: 'evaluate' });
      }
      return needs;
    },

    evaluate: (values, ctx): CheckOutcome => {
      const apps = values['applications'] as FactResult<string[]>;
      if (!apps.ok) return cannotRead(apps, 'the subscribed applications');
      const appsEvidence: Evidence = { source: 'get_applications', observed: apps.value.join(', ') };
      if (!apps.value.includes(m.app)) {
        return {
          status: 'not-applicable',
          summary: `${m.name} (${m.app}) is not subscribed, so its subtotal settings do not apply.`,
          evidence: [appsEvidence],
        };
      }

      // 1. Line-item dimensions in subtotals (the audit's session: top level, or the audited entity).
      const prefs = values['prefs'] as FactResult<CompanyPrefs>;
      const line = catalogSetting(ctx, m.lineKey, prefs, { extra: [appsEvidence], ...(ctx.entityId ? { entityId: ctx.entityId } : {}) });
      if (line.kind === 'outcome') return line.outcome;
      const evidence: Evidence[] = [appsEvidence, line.evidence];
      const lineOff = !line.read.on;
      const lineText = `"Use line-item dimensions in subtotals" is ${line.read.on ? 'on' : 'off'} (${line.read.preference} = "${line.read.value}")${unverifiedNote(line.entry)}`;

      // 2. Multi-entity: "Distribute subtotals at the entity level", per entity.
      const entitiesFact = values['entities'] as FactResult<facts.EntityDetail[]>;
      if (!entitiesFact.ok && ctx.entityId === undefined) {
        return cannotRead(entitiesFact, 'the entity list (needed to tell whether the per-entity setting applies)', { extra: evidence });
      }
      const entities = entitiesFact.ok ? entitiesFact.value : [];
      const multiEntity = ctx.entityId !== undefined || entities.length > 0;
      if (!multiEntity) {
        return lineOff
          ? { status: 'fail', summary: `${m.name}: ${lineText}: subtotal lines would need dimensions typed in by hand, which Re-Leased cannot do.`, evidence }
          : { status: 'pass', summary: `${m.name}: ${lineText}; subtotal lines take their dimensions from the lines.`, evidence };
      }

      const off: SampleRecord[] = [];
      const unknown: string[] = [];
      let worst: CheckOutcome | undefined; // a failed or unreadable entity read
      const targets: { id: string; name: string; prefs: FactResult<CompanyPrefs> | undefined }[] =
        ctx.entityId !== undefined
          ? [{ id: ctx.entityId, name: entities.find((e) => e.id === ctx.entityId)?.name ?? '', prefs }]
          : entities.map((e) => ({ id: e.id, name: e.name, prefs: values[entityKey(e.id)] as FactResult<CompanyPrefs> | undefined }));
      for (const t of targets) {
        if (!t.prefs) {
          unknown.push(t.id);
          continue;
        }
        const dist = catalogSetting(ctx, m.distributeKey, t.prefs, { entityId: t.id });
        if (dist.kind === 'outcome') {
          if (!t.prefs.ok) evidence.push(failureEvidence(t.prefs));
          else evidence.push(...dist.outcome.evidence);
          unknown.push(t.id);
          if (!worst || (worst.status === 'manual' && dist.outcome.status === 'error')) worst = dist.outcome;
          continue;
        }
        evidence.push(dist.evidence);
        if (!dist.read.on) off.push({ ENTITY: t.id, NAME: t.name || null, PREFERENCE: dist.read.preference ?? null, VALUE: dist.read.value ?? null });
      }
      const unknownText = unknown.length ? ` Not read for ${unknown.join(', ')}.` : '';
      if (lineOff || off.length) {
        const parts = [lineOff ? lineText : undefined, off.length ? `${DISTRIBUTE} is off for ${off.map((o) => o['ENTITY']).join(', ')}` : undefined].filter(Boolean);
        return {
          status: 'fail',
          summary: `${m.name}: ${parts.join('; ')}. Re-Leased cannot set subtotal dimensions, so those transactions fail to sync.${unknownText}`,
          evidence,
          affected: {
            count: off.length,
            sample: off.slice(0, facts.MAX_SAMPLE),
            columns: ['ENTITY', 'NAME', 'PREFERENCE', 'VALUE'],
            object: 'LOCATIONENTITY',
            keyField: 'ENTITY',
          },
        };
      }
      if (unknown.length) {
        if (worst) return { ...worst, summary: `${m.name}: ${lineText}; ${DISTRIBUTE} could not be confirmed for ${unknown.join(', ')}: ${worst.summary}`, evidence };
        return {
          status: 'manual',
          summary: `${m.name}: ${lineText}; ${DISTRIBUTE} is set per entity and was not read for ${unknown.join(', ')}: check it in each entity (${m.name} > Setup > Configuration) or audit with --entity.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: `${m.name}: ${lineText}, and ${DISTRIBUTE} is on for ${targets.map((t) => t.id).join(', ')}.`,
        evidence,
      };
    },
  });
}
