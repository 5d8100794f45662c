/**
 * A fixture company as the running sandbox sees it: object views built once, the denied and
 * disabled object sets, and the rules for which rows a session may see in a multi-entity company
 * (an entity session sees its own entity's rows and top-level shared ones; a top-level session
 * sees everything except private entities' rows unless `showprivate` is set).
 */
import type { CompanyFixture } from './fixture.js';
import { compileCondition, type Condition, type RowPredicate } from './query/filter.js';
import { STANDARD_OBJECTS, unsubscribedObjects } from './objects.js';
import { buildObject, type ObjectState } from './table.js';

export class Company {
  readonly objects = new Map<string, ObjectState>();
  readonly denied: Set<string>;
  readonly disabled: Set<string>;
  readonly privateEntities: string[];

  constructor(readonly fixture: CompanyFixture) {
    const fixtureObjects = new Map(Object.entries(fixture.objects ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
    for (const name of STANDARD_OBJECTS) this.objects.set(name, buildObject(name, fixtureObjects.get(name)));
    for (const [name, obj] of fixtureObjects) if (!this.objects.has(name)) this.objects.set(name, buildObject(name, obj));
    this.denied = new Set((fixture.deniedObjects ?? []).map((o) => o.toUpperCase()));
    // Objects of an application the company does not subscribe to answer like a switched-off feature.
    this.disabled = new Set([...(fixture.disabledObjects ?? []).map((o) => o.toUpperCase()), ...unsubscribedObjects(fixture.applications)]);
    this.privateEntities = fixture.entities.filter((e) => e.private).map((e) => e.id);
  }

  object(name: string): ObjectState | undefined {
    return this.objects.get(name.trim().toUpperCase());
  }

  entity(id: string): CompanyFixture['entities'][number] | undefined {
    return this.fixture.entities.find((e) => e.id === id);
  }

  /** Rows of `obj` visible to a session at `entity` (null = top level); null predicate = all rows. */
  visibility(obj: ObjectState, entity: string | null, showPrivate: boolean): RowPredicate | null {
    if (!obj.byId.has('MEGAENTITYID')) return null;
    let cond: Condition;
    if (entity) {
      cond = { t: 'or', items: [{ t: 'null', field: 'MEGAENTITYID', negate: false }, { t: 'cmp', field: 'MEGAENTITYID', op: '=', value: entity }] };
    } else {
      if (showPrivate || this.privateEntities.length === 0) return null;
      cond = {
        t: 'or',
        items: [
          { t: 'null', field: 'MEGAENTITYID', negate: false },
          { t: 'in', field: 'MEGAENTITYID', values: this.privateEntities, negate: true },
        ],
      };
    }
    return compileCondition(cond, obj);
  }
}
