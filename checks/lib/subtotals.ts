/**
 * Shared logic of so.subtotal-dimensions-from-lines and po.subtotal-dimensions-from-lines.
 *
 * Two settings matter: "Use line-item dimensions in subtotals" (top level) and, in a multi-entity
 * company, "Distribute subtotals at the entity level" (2025 R1), which is set per entity. At the
 * top level every entity's value is read in a session at that entity; in an entity audit, the
 * audited entity's.
 */
import {
  applications,
  companyPrefs,
  entityDetails,
  type CompanyPrefs,
  type EntityDetail,
} from '../../src/facts/index.js';
import type { CheckContext, CheckOutcome, Evidence, FactNeed, FactResult, SampleRecord } from '../../src/model/check.js';
import { need } from './define.js';
import { failedRead, failureEvidence, type FailedFact } from './outcome.js';
import { settingState } from './setting-check.js';
import { unverifiedNote } from './settings.js';

export interface SubtotalModule {
  app: 'SO' | 'PO';
  name: string; // Order Entry | Purchasing
  lineKey: string;
  distributeKey: string;
}

const entityKey = (id: string): string => `entity:${id}`;

export function subtotalNeeds(ctx: CheckContext, m: SubtotalModule): Record<string, FactNeed> {
  const needs: Record<string, FactNeed> = {
    applications: need(applications()),
    prefs: need(companyPrefs(m.app)),
    entities: need(entityDetails()),
  };
  if (ctx.entityId === undefined) for (const id of ctx.entities ?? []) needs[entityKey(id)] = need(companyPrefs(m.app, id));
  return needs;
}

export function evaluateSubtotals(facts: Record<string, FactResult | undefined>, ctx: CheckContext, m: SubtotalModule): CheckOutcome {
  const apps = facts['applications'] as FactResult<string[]>;
  if (!apps.ok) return failedRead(apps as FailedFact, 'the subscribed applications');
  const appsEvidence: Evidence = { source: 'get_applications', observed: apps.value.join(', ') };
  if (!apps.value.includes(m.app)) {
    return {
      status: 'not-applicable',
      summary: `${m.name} (${m.app}) is not subscribed, so its subtotal settings do not apply.`,
      evidence: [appsEvidence],
    };
  }

  // 1. Line-item dimensions in subtotals (the audit's session: top level, or the audited entity).
  const prefs = facts['prefs'] as FactResult<CompanyPrefs>;
  const line = settingState(ctx, m.lineKey, prefs, { extra: [appsEvidence], ...(ctx.entityId ? { entityId: ctx.entityId } : {}) });
  if (line.kind === 'outcome') return line.outcome;
  const evidence: Evidence[] = [appsEvidence, line.evidence];
  const lineOff = !line.read.on;
  const lineText = `"Use line-item dimensions in subtotals" is ${line.read.on ? 'on' : 'off'} (${line.read.preference} = "${line.read.value}")${unverifiedNote(line.entry)}`;

  // 2. Multi-entity: "Distribute subtotals at the entity level", per entity.
  const entitiesFact = facts['entities'] as FactResult<EntityDetail[]>;
  if (!entitiesFact.ok && ctx.entityId === undefined) {
    return failedRead(entitiesFact as FailedFact, 'the entity list (needed to tell whether the per-entity setting applies)', { extra: evidence });
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
      : entities.map((e) => ({ id: e.id, name: e.name, prefs: facts[entityKey(e.id)] as FactResult<CompanyPrefs> | undefined }));
  for (const t of targets) {
    if (!t.prefs) {
      unknown.push(t.id);
      continue;
    }
    const dist = settingState(ctx, m.distributeKey, t.prefs, { entityId: t.id });
    if (dist.kind === 'outcome') {
      if (!t.prefs.ok) evidence.push(failureEvidence(t.prefs as FailedFact));
      else evidence.push(...dist.outcome.evidence);
      unknown.push(t.id);
      if (!worst || (worst.status === 'manual' && dist.outcome.status === 'error')) worst = dist.outcome;
      continue;
    }
    evidence.push(dist.evidence);
    if (!dist.read.on) off.push({ ENTITY: t.id, NAME: t.name || null, PREFERENCE: dist.read.preference ?? null, VALUE: dist.read.value ?? null });
  }
  const distLabel = '"Distribute subtotals at the entity level"';
  const unknownText = unknown.length ? ` Not read for ${unknown.join(', ')}.` : '';
  if (lineOff || off.length) {
    const parts = [lineOff ? lineText : undefined, off.length ? `${distLabel} is off for ${off.map((o) => o['ENTITY']).join(', ')}` : undefined].filter(Boolean);
    return {
      status: 'fail',
      summary: `${m.name}: ${parts.join('; ')}. Re-Leased cannot set subtotal dimensions, so those transactions fail to sync.${unknownText}`,
      evidence,
      affected: {
        count: off.length,
        sample: off.slice(0, 25),
        columns: ['ENTITY', 'NAME', 'PREFERENCE', 'VALUE'],
        object: 'LOCATIONENTITY',
        keyField: 'ENTITY',
      },
    };
  }
  if (unknown.length) {
    if (worst) return { ...worst, summary: `${m.name}: ${lineText}; ${distLabel} could not be confirmed for ${unknown.join(', ')}: ${worst.summary}`, evidence };
    return {
      status: 'manual',
      summary: `${m.name}: ${lineText}; ${distLabel} is set per entity and was not read for ${unknown.join(', ')}: check it in each entity (${m.name} > Setup > Configuration) or audit with --entity.`,
      evidence,
    };
  }
  return {
    status: 'pass',
    summary: `${m.name}: ${lineText}, and ${distLabel} is on for ${targets.map((t) => t.id).join(', ')}.`,
    evidence,
  };
}
