/**
 * Base currencies and the "foreign currency" filter. Re-Leased syncs only contacts and
 * transactions in the local currency, and in a company with multiple base currencies "local"
 * means the base currency of the entity that owns the record, so the comparison is per entity —
 * unless the Re-Leased account's currency is known (integration.currency): then every record is
 * compared with it.
 */
import type { Filter } from '../intacct/functions.js';
import type { FactError, FactLookup, FactResult, GatherContext } from '../model/check.js';
import { entityDetails, financialSetup, type EntityDetail, type FinancialSetup } from './company.js';
import type { DynamicFilter, FilterSpec } from './filters.js';

export interface BaseCurrencies {
  multiBaseCurrency: boolean;
  /**
   * Base currency for records not owned by an entity (and, in an entity session or a single-base
   * company, for every record). Empty at the top level of a multi-base-currency company, where
   * there is no single one.
   */
  default: string;
  /** Entity id → base currency, for the top level of a multi-base-currency company. */
  byEntity: Record<string, string>;
  /** Every base currency in use, sorted. */
  all: string[];
}

/** Works out the base currencies, or says why it cannot. */
export function baseCurrencies(
  setup: FinancialSetup,
  entities: EntityDetail[] | undefined,
  entityId: string | undefined,
): BaseCurrencies | { problem: string } {
  if (entityId !== undefined) {
    // Session at an entity: everything visible there is compared with that entity's base currency.
    const own = entities?.find((e) => e.id === entityId)?.currency || (setup.multiBaseCurrency ? '' : setup.baseCurrency);
    if (!own) return { problem: `the base currency of entity ${entityId} is unknown (readEntityDetails did not list it)` };
    return { multiBaseCurrency: setup.multiBaseCurrency, default: own, byEntity: {}, all: [own] };
  }
  if (!setup.multiBaseCurrency) {
    if (!setup.baseCurrency) return { problem: 'getFinancialSetup returned no base currency' };
    return { multiBaseCurrency: false, default: setup.baseCurrency, byEntity: {}, all: [setup.baseCurrency] };
  }
  const withCurrency = (entities ?? []).filter((e) => e.id && e.currency);
  if (withCurrency.length === 0) {
    return { problem: 'the company has multiple base currencies but readEntityDetails listed no entity with its currency' };
  }
  const byEntity: Record<string, string> = {};
  for (const e of withCurrency) byEntity[e.id] = e.currency;
  return { multiBaseCurrency: true, default: '', byEntity, all: [...new Set(Object.values(byEntity))].sort() };
}

/** Base currency of one record, from the entity that owns it. */
export function baseCurrencyOf(bases: BaseCurrencies, recordEntity: string | number | null | undefined): string | null {
  if (bases.multiBaseCurrency && bases.default === '' && typeof recordEntity === 'string' && recordEntity) {
    return bases.byEntity[recordEntity] ?? null;
  }
  return bases.default || null;
}

/** Base currencies from fact results (as a check sees them); `problem` names what is missing. */
export function baseCurrenciesFromFacts(
  setup: FactResult<FinancialSetup> | undefined,
  entities: FactResult<EntityDetail[]> | undefined,
  entityId: string | undefined,
): BaseCurrencies | { problem: string } {
  if (!setup) return { problem: 'getFinancialSetup was not read' };
  if (!setup.ok) return { problem: `getFinancialSetup failed: ${setup.error.message}` };
  const needEntities = entityId !== undefined || setup.value.multiBaseCurrency;
  if (needEntities && entities && !entities.ok) return { problem: `readEntityDetails failed: ${entities.error.message}` };
  return baseCurrencies(setup.value, entities?.ok ? entities.value : undefined, entityId);
}

export interface ForeignCurrencyOptions {
  /** Currency field of the record: CURRENCY. */
  currencyField?: string;
  /** Field naming the owning entity: MEGAENTITYID. */
  entityField?: string;
  /** Compare every record with this currency (the Re-Leased account's) instead of its entity's base currency. */
  currency?: string;
}

/**
 * Records whose currency is set and differs from the base currency of the entity that owns them.
 * At the top level of a multi-base-currency company: per entity `(MEGAENTITYID = E AND CURRENCY
 * != base of E)`, OR-ed, plus top-level records whose currency is no entity's base currency.
 * With `currency`, records whose currency is set and differs from it (nothing to read first).
 */
export function foreignCurrencyFilter(opts: ForeignCurrencyOptions & { currency: string }): Filter;
export function foreignCurrencyFilter(opts?: ForeignCurrencyOptions & { currency?: undefined }): DynamicFilter;
export function foreignCurrencyFilter(opts?: ForeignCurrencyOptions): DynamicFilter | Filter;
export function foreignCurrencyFilter(opts: ForeignCurrencyOptions = {}): FilterSpec {
  const currency = opts.currencyField ?? 'CURRENCY';
  const entity = opts.entityField ?? 'MEGAENTITYID';
  if (opts.currency !== undefined) return { and: [{ op: 'isnotnull', field: currency }, { op: 'notequalto', field: currency, value: opts.currency }] };
  const setupDef = financialSetup();
  const entitiesDef = entityDetails();
  return {
    dynamic: `foreignCurrency(${currency},${entity})`,
    dependsOn: [setupDef, entitiesDef],
    resolve: (ctx: GatherContext, lookup: FactLookup): Filter | FactError => {
      const bases = baseCurrenciesFromFacts(
        lookup(setupDef.key) as FactResult<FinancialSetup> | undefined,
        lookup(entitiesDef.key) as FactResult<EntityDetail[]> | undefined,
        ctx.entityId,
      );
      if ('problem' in bases) return { kind: 'not-gathered', message: `Cannot compare currencies: ${bases.problem}` };
      return foreignCurrencyFilterFor(bases, currency, entity);
    },
  };
}

/** The plain filter for known base currencies (exported for tests and for evidence). */
export function foreignCurrencyFilterFor(bases: BaseCurrencies, currency = 'CURRENCY', entity = 'MEGAENTITYID'): Filter {
  const isSet: Filter = { op: 'isnotnull', field: currency };
  if (!bases.multiBaseCurrency || bases.default) {
    return { and: [isSet, { op: 'notequalto', field: currency, value: bases.default }] };
  }
  // Group entities sharing a base currency so the filter stays short for companies with many entities.
  const groups = new Map<string, string[]>();
  for (const [id, cur] of Object.entries(bases.byEntity).sort(([a], [b]) => a.localeCompare(b))) {
    groups.set(cur, [...(groups.get(cur) ?? []), id]);
  }
  const branches: Filter[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cur, ids]) => ({
      and: [
        ids.length === 1 ? { op: 'equalto', field: entity, value: ids[0]! } : { op: 'in', field: entity, values: ids },
        { op: 'notequalto', field: currency, value: cur },
      ],
    }));
  // A record owned by no entity has no single base currency: flag it when its currency is no entity's base.
  branches.push({
    and: [
      { op: 'isnull', field: entity },
      bases.all.length === 1
        ? { op: 'notequalto', field: currency, value: bases.all[0]! }
        : { op: 'notin', field: currency, values: bases.all },
    ],
  });
  return { and: [isSet, { or: branches }] };
}
