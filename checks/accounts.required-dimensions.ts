/**
 * accounts.required-dimensions — active GL accounts that require a dimension Re-Leased does not
 * send.
 *
 * An account can require a dimension on every line posted to it (GLACCOUNT REQUIREDEPT,
 * REQUIRELOC, …). Re-Leased sends the customer or vendor on every AR/AP line, and the dimensions
 * of the integration profile (`integration.dimensions`: the property dimension and any defaulted
 * per property); a line it posts to an account that requires another one is rejected. Which of
 * the flags this company's accounts have is read from `lookup GLACCOUNT`, so a flag some companies
 * lack (a module not subscribed) is not asked for.
 */
import { dataCheck, docs, facts, plural, read, verb, type CheckContext, type CheckOutcome, type Evidence, type FactResult } from '../src/kit/index.js';

/** GLACCOUNT flag → the dimension it requires, as integration.dimensions spells it. */
const FLAGS: Record<string, string> = {
  REQUIREDEPT: 'DEPARTMENT',
  REQUIRELOC: 'LOCATION',
  REQUIREPROJECT: 'PROJECT',
  REQUIRECUSTOMER: 'CUSTOMER',
  REQUIREVENDOR: 'VENDOR',
  REQUIREEMPLOYEE: 'EMPLOYEE',
  REQUIREITEM: 'ITEM',
  REQUIRECLASS: 'CLASS',
  REQUIRECONTRACT: 'CONTRACT',
  REQUIREWAREHOUSE: 'WAREHOUSE',
};
/** Carried by every line Re-Leased posts: an AR line names its customer, an AP line its vendor. */
const CARRIED = ['CUSTOMER', 'VENDOR'];

/** The dimensions Re-Leased puts on a line: the profile's, and the customer or vendor. */
const sent = (ctx: CheckContext): Set<string> => new Set([...CARRIED, ...ctx.integration.dimensions.map((d) => d.toUpperCase())]);
/** What Re-Leased sends, in words. */
const sentWords = (ctx: CheckContext): string => `${ctx.integration.dimensions.join(', ')} and the customer or vendor`;
/** Flags of dimensions Re-Leased does not send. */
const unsentFlags = (ctx: CheckContext): string[] => Object.keys(FLAGS).filter((f) => !sent(ctx).has(FLAGS[f]!));

const definition = () => facts.objectLookup('GLACCOUNT');
const listed = (def: FactResult<facts.ObjectDefinition> | undefined): Set<string> => new Set(def?.ok ? def.value.fields.map((f) => f.id.toUpperCase()) : []);

/** Active accounts with any flag of a dimension not sent set, among the flags this company's accounts have. */
function requiringUnsent(ctx: CheckContext): facts.DynamicFilter {
  const def = definition();
  const flags = unsentFlags(ctx);
  return {
    dynamic: `requiresAnyOf(${flags.join(',')})`,
    dependsOn: [def],
    resolve: (_ctx, lookup) => {
      const known = listed(lookup(def.key) as FactResult<facts.ObjectDefinition> | undefined);
      const present = flags.filter((f) => known.has(f));
      if (present.length === 0) return { kind: 'unknown-object', message: `GLACCOUNT lists none of ${flags.join(', ')} (lookup GLACCOUNT)` };
      const any = present.map((f) => ({ op: 'equalto' as const, field: f, value: 'true' }));
      return { and: [{ op: 'equalto', field: 'STATUS', value: 'active' }, any.length === 1 ? any[0]! : { or: any }] };
    },
  };
}

/** The dimensions a row's account requires, in the order of FLAGS, and those Re-Leased does not send. */
function requirements(row: Record<string, string | number | null>, ctx: CheckContext): { all: string[]; notSent: string[] } {
  const all = Object.keys(FLAGS).filter((f) => facts.parseFlag(row[f] === null || row[f] === undefined ? undefined : String(row[f])) === true).map((f) => FLAGS[f]!);
  return { all, notSent: all.filter((d) => !sent(ctx).has(d)) };
}

function flagsEvidence(def: FactResult<facts.ObjectDefinition>, ctx: CheckContext): Evidence {
  const base = `Re-Leased sends ${ctx.integration.dimensions.join(', ')} (integration.dimensions) and the customer or vendor on every AR/AP line`;
  if (!def.ok) return { source: 'lookup', object: 'GLACCOUNT', observed: null, note: `${base}; the account fields could not be read: ${def.error.message}` };
  const known = listed(def);
  const present = Object.keys(FLAGS).filter((f) => known.has(f));
  const absent = Object.keys(FLAGS).filter((f) => !known.has(f));
  return {
    source: 'lookup',
    object: 'GLACCOUNT',
    field: 'REQUIRE*',
    observed: present.join(', ') || null,
    note: `${base}; the flags this company's accounts have are above${absent.length ? ` (not listed, so not asked for: ${absent.join(', ')})` : ''}`,
  };
}

export default dataCheck({
  meta: {
    id: 'accounts.required-dimensions',
    title: 'No GL accounts that require a dimension Re-Leased does not send',
    severity: 'warning',
    category: 'accounts',
    why:
      'A GL account can require a dimension (department, project, class, …) on every line posted to it. Re-Leased sends the customer or vendor and the dimensions set up for the property ' +
      '(integration.dimensions, LOCATION by default); an invoice or bill line it posts to an account that requires another dimension is rejected, and the transaction does not sync.',
    remediation: [
      'For each account listed: General Ledger > Accounts > the account > Edit, and clear "Require" for the dimensions Re-Leased does not send (or give them a default that applies to integration lines).',
      'Or have Re-Leased send the dimension: default it per property in Re-Leased (property tracking), then tell the audit so with integration.dimensions (--dimensions), and run it again.',
      'Or keep the account away from Re-Leased: do not match it to a Re-Leased account in the chart of accounts mapping.',
    ],
    docs: [docs.glAccountsApi, docs.releasedPropertyTracking, docs.releasedKeyAspects],
    version: 1,
  },

  reads: () => ({ definition: read(definition(), 'the GL account fields (lookup GLACCOUNT)', { onError: 'evaluate' }) }),
  records: (ctx) =>
    unsentFlags(ctx).length === 0
      ? []
      : [
          {
            name: 'accounts',
            what: 'active GL accounts',
            one: 'active GL account',
            query: {
              object: 'GLACCOUNT',
              filter: requiringUnsent(ctx),
              fields: ['RECORDNO', 'ACCOUNTNO', 'TITLE', 'STATUS'],
              optionalFields: ['ACCOUNTTYPE', ...Object.keys(FLAGS)],
              orderBy: [{ field: 'ACCOUNTNO' }],
            },
          },
        ],
  row: (row, _facts, ctx) => {
    const { all, notSent } = requirements(row, ctx);
    return { ...row, REQUIRES: all.join(', ') || null, NOTSENT: notSent.join(', ') || null };
  },
  sample: { columns: ['ACCOUNTNO', 'TITLE', 'ACCOUNTTYPE', 'REQUIRES', 'NOTSENT'], keyField: 'ACCOUNTNO' },
  // A company whose accounts have none of the flags: nothing can be required, and nothing was asked.
  settle: ({ definition: def }, ctx): CheckOutcome | undefined => {
    if (unsentFlags(ctx).length === 0) return { status: 'pass', summary: 'Re-Leased sends every dimension a GL account can require (integration.dimensions).', evidence: [flagsEvidence(def, ctx)] };
    if (def.ok && !unsentFlags(ctx).some((f) => listed(def).has(f))) {
      return { status: 'pass', summary: 'This company\'s GL accounts cannot require any dimension Re-Leased does not send (lookup GLACCOUNT lists none of those flags).', evidence: [flagsEvidence(def, ctx)] };
    }
    return undefined;
  },
  evidence: ({ definition: def }, ctx) => [flagsEvidence(def, ctx)],

  found: (n, _breakdown, ctx) =>
    `${plural(n, 'active GL account')} ${verb(n, 'requires', 'require')} a dimension Re-Leased does not send (it sends ${sentWords(ctx)}): invoice and bill lines posted to ${verb(n, 'it', 'them')} are rejected.`,
  clean: (ctx) => `No active GL account requires a dimension Re-Leased does not send (it sends ${sentWords(ctx)}).`,
  note: (ctx) => `active accounts (STATUS = active) requiring any of ${unsentFlags(ctx).map((f) => `${FLAGS[f]} (${f})`).join(', ')}`,
  action: (row) =>
    `In General Ledger > Accounts > ${row['ACCOUNTNO'] ?? ''} > Edit, clear "Require" for ${row['NOTSENT'] ?? 'the dimensions Re-Leased does not send'}, or have Re-Leased send ${row['NOTSENT'] ? 'them' : 'it'}.`,
});
