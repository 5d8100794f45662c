/**
 * What an audit reads, planned from the checks: the company facts every report shows, and the
 * facts each selected check declares. Some checks declare one read per entity (per-entity
 * settings at top level), which they can only do once the entity list is known; the plan says
 * so as a second step that is derived from the first step's answers, so nothing outside the
 * planner decides which checks to ask again.
 */
import type { FactDef, FactLookup, GatherContext, IntegrationProfile, RunContext, SessionContext } from '../model/check.js';
import { applications, entityDetails, financialSetup, type EntityDetail } from '../facts/index.js';
import { UsageError } from '../util/errors.js';
import type { AuditPlan } from './audit-plan.js';
import { declareChecks, neededFacts, type PreparedCheck } from './checks.js';
import { planFacts, type FactPlan } from './facts.js';

/** What the engine knew before planning the checks' reads: part of what a snapshot must keep. */
export interface AuditContext {
  entities?: string[];
  session?: SessionContext;
}

/** The checks as they run, with their context and the reads they need. */
export interface ChecksPlan {
  checks: PreparedCheck[];
  ctx: RunContext;
  context: AuditContext;
  facts: FactPlan;
}

export interface ReadPlan {
  /** Step 1: the company facts (the entity list among them) and everything the checks declare without the entities. */
  facts: FactPlan;
  /** Step 2, from step 1's answers: the checks declared with the entities known; only facts not read in step 1 go out. */
  next(lookup: FactLookup): Promise<ChecksPlan>;
}

/** Read with every audit: they cost nothing extra (same batch) and describe the company in the report. */
export function companyFacts(): FactDef[] {
  return [applications(), financialSetup(), entityDetails()];
}

/** A live run's reads, at `gather` (sync window, entity, session). */
export async function planReads(plan: AuditPlan, gather: GatherContext, signal?: AbortSignal): Promise<ReadPlan> {
  const first = await declareChecks(plan.selected, runContext(plan, gather), plan.options, signal);
  // Deduped by key: usually the company facts' own entity list.
  const companyEntities = companyEntityList(plan.integration, gather);
  return {
    facts: planFacts([...companyFacts(), companyEntities, ...neededFacts(first)]),
    next: async (lookup) => {
      assertIntegrationEntity(plan.integration, entityIds(lookup, companyEntities.key), gather.session?.companyId);
      const entities = entityIds(lookup);
      const context: AuditContext = { ...(entities ? { entities } : {}), ...(gather.session ? { session: gather.session } : {}) };
      return planChecks(plan, runContext(plan, { ...gather, ...context }), context, signal);
    },
  };
}

/** The context every check of the plan runs in: what was known when gathering, the catalog and the integration profile in force. */
export function runContext(plan: AuditPlan, gather: GatherContext): RunContext {
  return { ...gather, catalog: plan.catalog, integration: plan.integration };
}

/** The checks and their reads in a known context (step 2 of a live run, or saved facts with their context). */
export async function planChecks(plan: AuditPlan, ctx: RunContext, context: AuditContext, signal?: AbortSignal): Promise<ChecksPlan> {
  const checks = await declareChecks(plan.selected, ctx, plan.options, signal);
  return { checks, ctx, context, facts: planFacts(neededFacts(checks)) };
}

/**
 * Where the company's entity list is read, to confirm the entity Re-Leased is connected to: the
 * audit's own list at the top level; signed in at another entity (whose session lists only
 * itself), the top level's.
 */
function companyEntityList(profile: IntegrationProfile, gather: GatherContext): FactDef<EntityDetail[]> {
  const elsewhere = profile.entity !== undefined && gather.entityId !== undefined && profile.entity !== gather.entityId;
  return elsewhere ? entityDetails({ topLevel: true }) : entityDetails();
}

/**
 * An entity Re-Leased is said to be connected to that the company does not have ends the audit:
 * every per-entity verdict would be about nothing. Unknown (the list could not be read) is not
 * proof, and the signed-in entity exists (the sign-in said so).
 */
function assertIntegrationEntity(profile: IntegrationProfile, entities: string[] | undefined, companyId: string | undefined): void {
  const entity = profile.entity;
  if (entity === undefined || entities === undefined) return;
  if (entities.some((id) => id.toLowerCase() === entity.toLowerCase())) return;
  const company = companyId ? `company ${companyId}` : 'the company';
  const known = entities.length ? `its entities: ${entities.join(', ')}` : 'it has no entities';
  throw new UsageError(`integration.entity ${entity} (the entity Re-Leased is connected to) is not an entity of ${company} (${known}): correct integration.entity or --entity-id.`);
}

function entityIds(lookup: FactLookup, key = entityDetails().key): string[] | undefined {
  const r = lookup(key);
  if (!r?.ok) return undefined;
  return (r.value as EntityDetail[]).map((e) => e.id).filter((id) => id !== '');
}
