/**
 * Where Re-Leased creates records, from the integration profile (ctx.integration): the top level
 * when its Top-Level syncing is on, otherwise the entity it is connected to. Settings Intacct
 * keeps per entity (document sequencing, subtotal settings) matter there, and only there.
 */
import type { PrefsAt } from '../facts/index.js';
import type { CheckContext } from '../model/check.js';

/** The entity Re-Leased creates records in; undefined = the top level. */
export function recordsEntity(ctx: Pick<CheckContext, 'integration'>): string | undefined {
  return ctx.integration.topLevelSyncing ? undefined : ctx.integration.entity;
}

/**
 * Where to read a per-entity setting so that it is read where Re-Leased creates records: undefined
 * when the audit's own session is already there, else that entity or the top level.
 */
export function recordsAt(ctx: Pick<CheckContext, 'integration' | 'entityId'>): PrefsAt | undefined {
  const target = recordsEntity(ctx);
  if (target === ctx.entityId) return undefined;
  return target ?? { topLevel: true };
}

/**
 * Where Re-Leased creates records, for summaries: "entity NZ01", "the top level", or undefined in a
 * company without entities, where there is only one place and naming it says nothing.
 */
export function recordsPlace(ctx: Pick<CheckContext, 'integration' | 'entityId' | 'entities'>): string | undefined {
  const target = recordsEntity(ctx);
  if (target !== undefined) return `entity ${target}`;
  const multiEntity = ctx.entityId !== undefined || ctx.integration.entity !== undefined || (ctx.entities?.length ?? 0) > 0;
  return multiEntity ? 'the top level' : undefined;
}
