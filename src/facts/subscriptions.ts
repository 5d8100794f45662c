/**
 * Which application each object belongs to, so a company that does not subscribe to it is not
 * asked for its records: a company without Accounts Payable has no bills to count, and asking
 * would only earn an error. A read of such an object depends on `get_applications` and settles,
 * without a function, as `not-subscribed` naming the application (see `isUnsubscribed`).
 */
import type { FactDef, FactError, FactLookup, FactResult } from '../model/check.js';
import { applications } from './company.js';
import { deepFreeze } from '../util/deep-freeze.js';

/**
 * Object → the applications that bring it (any one is enough). Customers exist with Accounts
 * Receivable or Order Entry, vendors with Accounts Payable or Purchasing. Objects of General
 * Ledger and the platform are always there and not listed.
 */
const OBJECT_APPLICATIONS: Readonly<Record<string, readonly string[]>> = {
  CUSTOMER: ['AR', 'SO'],
  VENDOR: ['AP', 'PO'],
  ARINVOICE: ['AR'],
  ARINVOICEITEM: ['AR'],
  ARADJUSTMENT: ['AR'],
  ARADJUSTMENTITEM: ['AR'],
  ARPYMT: ['AR'],
  ARPYMTDETAIL: ['AR'],
  ARADVANCE: ['AR'],
  APBILL: ['AP'],
  APBILLITEM: ['AP'],
  APADJUSTMENT: ['AP'],
  APADJUSTMENTITEM: ['AP'],
  APPYMT: ['AP'],
  APPYMTDETAIL: ['AP'],
  SODOCUMENT: ['SO'],
  SODOCUMENTENTRY: ['SO'],
  PODOCUMENT: ['PO'],
  PODOCUMENTENTRY: ['PO'],
};

/** Display names of the applications, for summaries. */
export const APPLICATION_NAMES: Readonly<Record<string, string>> = deepFreeze({
  AR: 'Accounts Receivable',
  AP: 'Accounts Payable',
  SO: 'Order Entry',
  PO: 'Purchasing',
  GL: 'General Ledger',
  CM: 'Cash Management',
});

/** The applications an object belongs to; empty when it is always there. */
export function objectApplications(object: string): readonly string[] {
  return OBJECT_APPLICATIONS[object.toUpperCase()] ?? [];
}

const SETTLED_BY = 'get_applications';

/**
 * Makes `def` depend on the subscriptions: when none of the object's applications is subscribed,
 * its request settles as `not-subscribed` instead of sending a function. Keys are unchanged (the
 * gate is the same for every read of the object).
 */
export function gatedBySubscription<T>(object: string, def: FactDef<T>): FactDef<T> {
  const apps = objectApplications(object);
  if (apps.length === 0) return def;
  const subscriptions = applications();
  return {
    ...def,
    dependsOn: [subscriptions, ...(def.dependsOn ?? []).filter((d) => d.key !== subscriptions.key)],
    request: (ctx, lookup: FactLookup) => {
      const subscribed = lookup(subscriptions.key) as FactResult<string[]> | undefined;
      if (subscribed?.ok && !apps.some((a) => subscribed.value.includes(a))) return notSubscribed(object, apps);
      return def.request(ctx, lookup);
    },
  };
}

function notSubscribed(object: string, apps: readonly string[]): FactError {
  const names = apps.map((a) => `${APPLICATION_NAMES[a] ?? a} (${a})`).join(' or ');
  return { kind: 'not-subscribed', message: `${names} is not subscribed (${SETTLED_BY}), so ${object} was not read` };
}

/**
 * True when a read was not sent because the company does not subscribe to its application: the
 * part of a check it serves does not apply (as opposed to a module refused by the gateway).
 */
export function isUnsubscribed(result: FactResult | undefined): boolean {
  return result !== undefined && !result.ok && result.error.kind === 'not-subscribed' && result.request.function === SETTLED_BY;
}
