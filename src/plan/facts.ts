/**
 * Planning: which reads the selected checks need, each once, in the order their dependencies
 * allow. Facts are deduped by key (same key ⇔ same read), ordered into layers (a fact sits one
 * layer after the deepest fact it depends on) so each layer can go out as one batch, and grouped
 * by entity session because a batch is sent in one session.
 */
import { PlanError } from '../util/errors.js';
import type { FactDef } from '../model/check.js';

export interface FactPlan {
  /** Layer n holds facts whose dependencies all sit in layers < n. */
  layers: FactDef[][];
  /** Every planned fact by key (the first definition seen wins). */
  facts: Map<string, FactDef>;
}

/**
 * The session a fact is read in: `undefined` = the audit's own session, an entity id, or
 * TOP_LEVEL (a session at the top level; no entity id is empty, so it cannot clash).
 */
export type SessionKey = string | undefined;
export const TOP_LEVEL: SessionKey = '';

export function sessionOf(def: Pick<FactDef, 'entityId' | 'topLevel'>): SessionKey {
  return def.entityId || (def.topLevel === true ? TOP_LEVEL : undefined);
}

/** A session as requests and stored facts record it: `entityId`, `topLevel: true`, or nothing for the audit's own. */
export function sessionFields(session: SessionKey): { entityId?: string; topLevel?: true } {
  return session === undefined ? {} : session === TOP_LEVEL ? { topLevel: true } : { entityId: session };
}

/** " at entity E100", " at the top level", or "" for the audit's own session: for messages. */
export function sessionText(session: SessionKey): string {
  return session === undefined ? '' : session === TOP_LEVEL ? ' at the top level' : ` at entity ${session}`;
}

export function planFacts(wanted: Iterable<FactDef>): FactPlan {
  const facts = new Map<string, FactDef>();
  const depth = new Map<string, number>();

  // Depth-first: a fact's layer is 1 + the deepest layer among its dependencies.
  const visit = (def: FactDef, path: string[]): number => {
    const known = depth.get(def.key);
    if (known !== undefined) return known;
    if (path.includes(def.key)) {
      const cycle = [...path.slice(path.indexOf(def.key)), def.key].join(' → ');
      throw new PlanError(`Fact dependency cycle: ${cycle}. A fact cannot depend on itself, directly or not.`);
    }
    const registered = facts.get(def.key) ?? def;
    if (!facts.has(def.key)) facts.set(def.key, def);
    let layer = 0;
    for (const dep of registered.dependsOn ?? []) {
      assertFactDef(dep, `dependency of fact "${def.key}"`);
      layer = Math.max(layer, visit(dep, [...path, def.key]) + 1);
    }
    depth.set(def.key, layer);
    return layer;
  };

  for (const def of wanted) {
    assertFactDef(def, 'fact');
    visit(def, []);
  }

  const layers: FactDef[][] = [];
  for (const [key, def] of facts) {
    const layer = depth.get(key)!;
    (layers[layer] ??= []).push(def);
  }
  return { layers: layers.map((l) => l ?? []), facts };
}

/** Splits one layer into the batches that go to each session, in first-seen order. */
export function groupBySession(layer: FactDef[]): Map<SessionKey, FactDef[]> {
  const groups = new Map<SessionKey, FactDef[]>();
  for (const def of layer) {
    const key = sessionOf(def);
    const group = groups.get(key);
    if (group) group.push(def);
    else groups.set(key, [def]);
  }
  return groups;
}

/** A user check can hand anything to the engine: make a broken fact definition say so plainly. */
export function assertFactDef(def: unknown, what: string): asserts def is FactDef {
  const problem = describeFactDefProblem(def);
  if (problem) throw new PlanError(`Invalid ${what}: ${problem}.`);
}

export function describeFactDefProblem(def: unknown): string | undefined {
  if (typeof def !== 'object' || def === null) return 'not an object (expected a FactDef)';
  const d = def as Record<string, unknown>;
  if (typeof d.key !== 'string' || d.key === '') return 'missing a non-empty string "key"';
  if (typeof d.request !== 'function') return `fact "${d.key}" has no request() function`;
  if (typeof d.interpret !== 'function') return `fact "${d.key}" has no interpret() function`;
  if (d.dependsOn !== undefined && !Array.isArray(d.dependsOn)) return `fact "${d.key}" has a dependsOn that is not an array`;
  if (d.entityId !== undefined && typeof d.entityId !== 'string') return `fact "${d.key}" has a non-string entityId`;
  if (d.topLevel !== undefined && typeof d.topLevel !== 'boolean') return `fact "${d.key}" has a topLevel that is not true or false`;
  return undefined;
}
