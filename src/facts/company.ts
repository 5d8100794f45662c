/**
 * Company-level facts: subscriptions, financial setup, entities and module preferences.
 * Each factory returns the same key for the same read, so the engine reads it once per audit.
 */
import type { FunctionData, XmlRecord } from '../intacct/functions.js';
import type { FactDef } from '../model/check.js';
import { asList, child, childText, elementName, findRecords, parseFlag, textOf } from './xml.js';

// ---------------------------------------------------------------------------------------------
// get_applications → subscribed application codes

/** Application codes (GL, AR, AP, SO, PO, ME, …) in upper case, in the order returned. */
export function applications(): FactDef<string[]> {
  return {
    key: 'applications',
    request: () => ({ function: 'get_applications' }),
    interpret: (data) => interpretApplications(data),
  };
}

function interpretApplications(data: FunctionData): string[] {
  const codes: string[] = [];
  const add = (v: string | undefined): void => {
    const code = v?.trim().toUpperCase();
    if (code && !codes.includes(code)) codes.push(code);
  };
  for (const rec of data.records) {
    // `<application>GL</application>` directly under <data>, or wrapped in `<applications>`.
    if (elementName(rec)?.toLowerCase() === 'application') add(textOf(rec));
    else for (const v of asList(child(rec, 'application'))) add(textOf(v));
  }
  return codes;
}

// ---------------------------------------------------------------------------------------------
// getFinancialSetup

export interface FinancialSetup {
  /** Company base currency; empty when the company has multiple base currencies. */
  baseCurrency: string;
  multiCurrency: boolean;
  multiBaseCurrency: boolean;
  multiBook?: boolean;
  multiEntityShared?: boolean;
  defaultBook?: string;
  firstFiscalMonth?: string;
}

export function financialSetup(): FactDef<FinancialSetup> {
  return {
    key: 'financialSetup',
    request: () => ({ function: 'getFinancialSetup' }),
    interpret: (data) => {
      const rec =
        data.records.find((r) => elementName(r)?.toLowerCase() === 'financialsetup') ??
        findRecords(data.records, (r) => child(r, 'baseCurrency') !== undefined)[0];
      if (!rec) throw new Error('getFinancialSetup returned no financialSetup element');
      const flag = (name: string): boolean | undefined => parseFlag(childText(rec, name));
      const setup: FinancialSetup = {
        baseCurrency: childText(rec, 'baseCurrency')?.trim() ?? '',
        multiCurrency: flag('multiCurrency') ?? false,
        multiBaseCurrency: flag('multiBaseCurrency') ?? false,
      };
      const multiBook = flag('multiBook');
      if (multiBook !== undefined) setup.multiBook = multiBook;
      const shared = flag('multiEntityShared');
      if (shared !== undefined) setup.multiEntityShared = shared;
      const book = childText(rec, 'defaultBook');
      if (book) setup.defaultBook = book;
      const month = childText(rec, 'firstFiscalMonth');
      if (month) setup.firstFiscalMonth = month;
      return setup;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// readEntityDetails

export interface EntityDetail {
  id: string;
  name: string;
  recordno: string;
  /** Entity base currency (the top-level one when the entity has none of its own). */
  currency: string;
}

/**
 * Entities the user can reach; empty in a company without entities. An entity session lists only
 * its own entity: `{ topLevel: true }` reads the company's list in a top-level session.
 */
export function entityDetails(at?: { topLevel: true }): FactDef<EntityDetail[]> {
  return {
    key: at?.topLevel ? 'entityDetails@top-level' : 'entityDetails',
    ...(at?.topLevel ? { topLevel: true } : {}),
    request: () => ({ function: 'readEntityDetails' }),
    interpret: (data) =>
      findRecords(data.records, (r) => childText(r, 'id') !== undefined && childText(r, 'currency') !== undefined).map(
        (r: XmlRecord) => ({
          id: childText(r, 'id')?.trim() ?? '',
          name: childText(r, 'name')?.trim() ?? '',
          recordno: childText(r, 'recordno')?.trim() ?? '',
          currency: childText(r, 'currency')?.trim() ?? '',
        }),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// get_companyprefs

/** Preference name → value, as returned (names as Intacct spells them). */
export type CompanyPrefs = Record<string, string>;

/** Where a per-entity setting is read: an entity's session, or the top level's. */
export type PrefsAt = string | { topLevel: true };

/**
 * Preferences of one application. With `at` an entity id, read in a session at that entity
 * (settings such as "Distribute subtotals at the entity level" live per entity); with
 * `{ topLevel: true }`, at the top level (in a session of its own when the audit signed in at an
 * entity); without, in the audit's session.
 */
export function companyPrefs(application: string, at?: PrefsAt): FactDef<CompanyPrefs> {
  const app = application.toUpperCase();
  const entityId = typeof at === 'string' ? at : undefined;
  const topLevel = typeof at === 'object' && at.topLevel === true;
  const def: FactDef<CompanyPrefs> = {
    key: entityId !== undefined ? `companyPrefs:${app}@${entityId}` : topLevel ? `companyPrefs:${app}@top-level` : `companyPrefs:${app}`,
    request: () => ({ function: 'get_companyprefs', application: app }),
    interpret: (data) => {
      const prefs: CompanyPrefs = {};
      for (const rec of findRecords(data.records, (r) => childText(r, 'preference') !== undefined)) {
        const name = childText(rec, 'preference')!.trim();
        if (name) prefs[name] = childText(rec, 'prefvalue') ?? childText(rec, 'value') ?? '';
      }
      return prefs;
    },
  };
  if (entityId !== undefined) def.entityId = entityId;
  else if (topLevel) def.topLevel = true;
  return def;
}
