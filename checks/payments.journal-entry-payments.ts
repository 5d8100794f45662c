/**
 * payments.journal-entry-payments — lines of journal entries entered in General Ledger, in the
 * sync window, that name a customer or vendor.
 *
 * Payments entered as journal entries do not sync to Re-Leased. Intacct does not mark a journal
 * line as "a payment", so this is a heuristic: a GL line tagged with a customer or vendor is the
 * usual sign of a receipt or payment booked in the General Ledger rather than in AR or AP.
 *
 * The AR, AP and cash-management sub-ledgers post GL lines for every invoice, bill and payment,
 * and those name the customer or vendor too: on a real ledger they are nearly all of the lines.
 * So only lines of entries made in General Ledger count, told apart by the GL detail's module key
 * (GLDETAIL MODULEKEY, `2.GL` per Intacct's documentation). That value is documented but not
 * verified on a real company, so it is an option (`modules`), and the evidence says what the
 * verdict rests on: the field as `lookup` reports it, the values counted, and how many lines the
 * sub-ledgers posted beside them. `journals` / `excludeJournals` narrow it further.
 */
import {
  dataCheck,
  docs,
  facts,
  failureEvidence,
  formatCount,
  plural,
  read,
  showPrivate,
  verb,
  type CheckContext,
  type CheckOutcome,
  type Evidence,
  type FactResult,
} from '../src/kit/index.js';

const OBJECT = 'GLDETAIL';
const MODULE_FIELD = 'MODULEKEY';
const JOURNAL_FIELD = 'JOURNAL.SYMBOL';
const WINDOW = { dateField: 'BATCH_DATE' };
const HEURISTIC = 'Heuristic: journal lines naming a customer or vendor are often payments or receipts; review each before acting.';
const SYMBOLS = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };
const PERMISSION_HINT = 'Grant the Web Services user List and View on General Ledger > Journal entries (GL detail), or review journal entries that name customers or vendors by hand.';

/** What the options ask for: module keys counted as "entered in General Ledger", and the journals. */
interface Scope {
  modules: string[];
  journals: string[];
  excludeJournals: string[];
}

function scopeOf(ctx: CheckContext): Scope {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
  return { modules: list(ctx.options.modules), journals: list(ctx.options.journals), excludeJournals: list(ctx.options.excludeJournals) };
}

function journalFilter(scope: Scope): facts.FilterSpec | undefined {
  const parts: facts.FilterSpec[] = [];
  if (scope.journals.length) parts.push({ op: 'in', field: JOURNAL_FIELD, values: scope.journals });
  if (scope.excludeJournals.length) parts.push({ op: 'notin', field: JOURNAL_FIELD, values: scope.excludeJournals });
  return parts.length ? facts.and(...parts) : undefined;
}

/** The journals in words: '' when every journal is read. */
function describeJournals(scope: Scope): string {
  const words: string[] = [];
  if (scope.journals.length) words.push(`in journal${scope.journals.length === 1 ? '' : 's'} ${scope.journals.join(', ')}`);
  if (scope.excludeJournals.length) words.push(`excluding journal${scope.excludeJournals.length === 1 ? '' : 's'} ${scope.excludeJournals.join(', ')}`);
  return words.join(', ');
}

const NAMES_A_PARTY: facts.FilterSpec = { or: [{ op: 'isnotnull', field: 'CUSTOMERID' }, { op: 'isnotnull', field: 'VENDORID' }] };

/** GL detail lines in the window naming a customer or vendor, in the journals asked for; `modules` narrows to those. */
function lines(ctx: CheckContext, scope: Scope, opts: { modules?: string[]; fields: string[] }): facts.RecordSampleSpec {
  const hasJournals = scope.journals.length + scope.excludeJournals.length > 0;
  return {
    object: OBJECT,
    filter: facts.and(
      facts.syncWindowFilter(ctx.syncFrom, WINDOW),
      opts.modules ? { op: 'in', field: MODULE_FIELD, values: opts.modules } : undefined,
      NAMES_A_PARTY,
      journalFilter(scope),
    ),
    fields: opts.fields,
    orderBy: [{ field: 'BATCH_DATE', descending: true }],
    showPrivate: showPrivate(ctx),
    // Journal symbols are matched whatever their case (gj and GJ are one journal).
    ...(hasJournals ? { caseInsensitive: true } : {}),
  };
}

const FIELDS = [
  'RECORDNO',
  'BATCHNO',
  'BATCH_DATE',
  'BATCH_TITLE',
  JOURNAL_FIELD,
  MODULE_FIELD,
  'ACCOUNTNO',
  'AMOUNT',
  'TR_TYPE',
  'CUSTOMERID',
  'CUSTOMERNAME',
  'VENDORID',
  'VENDORNAME',
  'CURRENCY',
  'DESCRIPTION',
  'MEGAENTITYID',
];
const COLUMNS = ['RECORDNO', 'BATCHNO', 'JOURNAL', 'BATCH_DATE', 'MODULEKEY', 'CUSTOMERID', 'CUSTOMERNAME', 'VENDORID', 'VENDORNAME', 'ACCOUNTNO', 'AMOUNT', 'TR_TYPE', 'CURRENCY', 'DESCRIPTION'];

const upper = (s: string) => s.toUpperCase();

type Lookup = FactResult<facts.ObjectDefinition>;
type Sample = FactResult<facts.RecordSample>;
/** The other reads; `lines` (the record set) is there too once read. */
type Reads = { definition: Lookup; everyModule: Sample; journalList?: Sample; lines?: Sample };

/** The module key as this company's GL detail defines it, and its valid values when listed. */
function moduleField(definition: Lookup): { absent: boolean; valid: string[] } {
  if (!definition.ok) return { absent: false, valid: [] };
  const field = definition.value.fields.find((x) => upper(x.id) === MODULE_FIELD);
  return { absent: !field, valid: field?.validValues ?? [] };
}

/** The module keys Intacct documents for GL detail (B.5): General Ledger and the sub-ledgers. */
const DOCUMENTED_KEYS = ['2.GL', '3.AP', '4.AR', '6.EE', '7.INV', '8.SO', '9.PO', '11.CM', '48.PROJACCT', '55.CONTRACT'];

/** Module keys on the most recent lines of every module that are neither documented nor in the options. */
function undocumentedKeys(f: Reads, scope: Scope): string[] {
  if (!f.everyModule.ok) return [];
  const known = new Set([...DOCUMENTED_KEYS, ...scope.modules].map(upper));
  const seen = f.everyModule.value.sample.map((r) => r[MODULE_FIELD]).filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(seen.filter((k) => !known.has(upper(k))))].sort();
}

/** Journals named in the options that the company does not have (matched in any case). */
function unknownJournals(list: Sample | undefined, symbols: string[]): string[] {
  if (!list?.ok) return [];
  const known = new Set(list.value.sample.map((r) => upper(String(r['SYMBOL'] ?? ''))));
  return symbols.filter((j) => !known.has(upper(j)));
}

/** Lines the sub-ledgers posted beside the GL-entered ones, for the summaries. */
function leftOut(f: Reads, found: number): string {
  if (!f.everyModule.ok) return '';
  const other = Math.max(f.everyModule.value.count - found, 0);
  return ` ${plural(other, 'line')} posted by the sub-ledgers ${verb(other, 'was', 'were')} left out.`;
}

/** What the verdict rests on: the module key, the journals named, the lines of every module. */
function restsOn(f: Reads, ctx: CheckContext): Evidence[] {
  const scope = scopeOf(ctx);
  const modules = scope.modules.join(', ');
  const { valid } = moduleField(f.definition);
  const evidence: Evidence[] = [
    f.definition.ok
      ? {
          source: 'lookup',
          object: OBJECT,
          field: MODULE_FIELD,
          observed: valid.length ? valid.join(', ') : 'present',
          note:
            `journal entries entered in General Ledger are told apart by ${MODULE_FIELD} in (${modules}): the values Intacct documents, not yet verified on a real company; ` +
            `the lookup ${valid.length ? 'lists the values above' : 'lists the field without its values'}. Correct them with checkOptions "modules" if this company uses others.`,
        }
      : { ...failureEvidence(f.definition), note: `the GL detail fields could not be read (${f.definition.error.message}); the verdict rests on ${MODULE_FIELD} in (${modules}) as documented` },
  ];
  if (f.journalList) {
    const missing = unknownJournals(f.journalList, scope.excludeJournals);
    evidence.push(
      f.journalList.ok
        ? {
            source: 'query',
            object: 'GLJOURNAL',
            field: 'SYMBOL',
            observed: f.journalList.value.sample.map((r) => r['SYMBOL']).join(', ') || null,
            note: `journals named in the options that exist (matched in any case)${missing.length ? `; not found, nothing to leave out: ${missing.join(', ')}` : ''}`,
          }
        : { ...failureEvidence(f.journalList), note: `whether the journals named in the options exist could not be read: ${f.journalList.error.message}` },
    );
  }
  if (f.everyModule.ok) {
    const seen = [...new Set(f.everyModule.value.sample.map((r) => r[MODULE_FIELD]).filter((v): v is string => typeof v === 'string'))].sort();
    const all = f.everyModule.value.count;
    const found = f.lines?.ok ? f.lines.value.count : undefined;
    const split = found === undefined ? '' : `: ${formatCount(found)} entered in General Ledger, ${formatCount(Math.max(all - found, 0))} posted by other modules`;
    evidence.push({
      source: 'query',
      object: OBJECT,
      field: MODULE_FIELD,
      observed: all,
      note: `lines naming a customer or vendor in every module (same window and journals)${split}; module keys on the most recent: ${seen.join(', ') || 'none'}`,
    });
  } else {
    evidence.push({ ...failureEvidence(f.everyModule), note: `how many lines the sub-ledgers posted could not be read: ${f.everyModule.error.message}` });
  }
  return evidence;
}

/** When the module key cannot tell GL entries apart, or a journal asked for does not exist: a person decides. */
function settle(f: Reads, ctx: CheckContext): CheckOutcome | undefined {
  const scope = scopeOf(ctx);
  const modules = scope.modules.join(', ');
  const { absent, valid } = moduleField(f.definition);
  if (absent && f.definition.ok) {
    return {
      status: 'manual',
      summary: `This company's GL detail has no ${MODULE_FIELD} field (lookup ${OBJECT}), so journal entries entered in General Ledger cannot be told from sub-ledger postings: review GL lines that name customers or vendors by hand.`,
      evidence: [{ source: 'lookup', object: OBJECT, field: MODULE_FIELD, observed: null, note: `${plural(f.definition.value.fields.length, 'field')} listed; ${MODULE_FIELD} is not one of them` }],
    };
  }
  if (valid.length && !scope.modules.some((m) => valid.some((v) => upper(v) === upper(m)))) {
    return {
      status: 'manual',
      summary: `None of the module keys counted as General Ledger (${modules}) is among the values Intacct lists for GLDETAIL ${MODULE_FIELD} (${valid.join(', ')}): set checkOptions "modules" to the one for entries made in General Ledger.`,
      evidence: restsOn(f, ctx),
    };
  }
  // Lines in use carrying module keys Intacct does not document (and the options do not name): the
  // documented key may not be this company's, and a count of 0 would be a silent pass.
  const strange = undocumentedKeys(f, scope);
  if (strange.length) {
    return {
      status: 'manual',
      summary: `GL detail lines naming customers or vendors carry module keys Intacct does not document (${strange.join(', ')}), so entries made in General Ledger may not be marked ${modules} here: check one such journal entry in Intacct, then set checkOptions "modules" to the key of entries made in General Ledger.`,
      evidence: restsOn(f, ctx),
    };
  }
  // Never a silent pass on a journal that is not there.
  const missing = unknownJournals(f.journalList, scope.journals);
  if (missing.length) {
    return {
      status: 'manual',
      summary: `The company has no journal ${missing.join(', ')} (checkOptions "journals"): correct the journal symbols, or the lines of the journals meant cannot be reviewed.`,
      evidence: restsOn(f, ctx),
    };
  }
  return undefined;
}

const inJournals = (ctx: CheckContext) => {
  const journals = describeJournals(scopeOf(ctx));
  return journals ? ` (${journals})` : '';
};

export default dataCheck({
  meta: {
    id: 'payments.journal-entry-payments',
    title: 'No payments recorded as journal entries',
    severity: 'warning',
    category: 'payments',
    why:
      'Payments entered as General Ledger journal entries do not sync from Intacct, so the Re-Leased invoices they settle stay unpaid there. ' +
      'Only entries made in General Ledger count (GL detail module key 2.GL, as Intacct documents it): the lines the AR, AP and cash-management sub-ledgers post for every invoice, bill and payment name customers and vendors too, and are left out.',
    remediation: [
      'Review each journal entry listed (General Ledger > Journal entries, batch number shown).',
      'Where it records a customer receipt or vendor payment, reverse the journal entry and record the payment in Accounts Receivable > Receive payments (or Accounts Payable > Pay bills) against the invoice or bill.',
      'From go-live, record customer and vendor payments only in AR and AP.',
      'If the evidence shows this company marks General Ledger entries with another module key than 2.GL, set it in the config file: checkOptions: { "payments.journal-entry-payments": { "modules": ["<module key>"] } }. To review only some journals, or leave some out, add "journals" or "excludeJournals" (journal symbols, any case).',
    ],
    docs: [docs.releasedLimitations, docs.glDetailApi, docs.journalEntriesApi, docs.arPaymentsApi],
    version: 2,
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          modules: {
            ...SYMBOLS,
            minItems: 1,
            description: 'GL detail module keys (MODULEKEY) of journal entries entered in General Ledger; Intacct documents 2.GL.',
          },
          excludeJournals: { ...SYMBOLS, description: 'Journal symbols to leave out (any case).' },
          journals: { ...SYMBOLS, description: 'Only these journal symbols (any case); empty = every journal.' },
        },
      },
      defaults: { modules: ['2.GL'], excludeJournals: [], journals: [] },
    },
  },

  reads: (ctx) => {
    const scope = scopeOf(ctx);
    const named = [...scope.journals, ...scope.excludeJournals];
    return {
      // What the module key rests on: whether this company's GL detail has it, and its values.
      definition: read(facts.objectLookup(OBJECT), 'the GL detail fields (lookup GLDETAIL)', { onError: 'evaluate' }),
      // Beside the GL-entered lines, every module's: how many the sub-ledgers posted, and the keys in use.
      everyModule: read(facts.recordSample(lines(ctx, scope, { fields: ['RECORDNO', MODULE_FIELD] })), 'GL detail lines of every module', { onError: 'evaluate' }),
      ...(named.length
        ? {
            journalList: read(
              facts.recordSample({ object: 'GLJOURNAL', filter: { op: 'in', field: 'SYMBOL', values: named }, fields: ['SYMBOL', 'TITLE', 'STATUS'], caseInsensitive: true }),
              'the journals named in the options (GLJOURNAL)',
              { onError: 'evaluate' },
            ),
          }
        : {}),
    };
  },
  records: (ctx) => [
    {
      name: 'lines',
      what: 'GL detail lines entered in General Ledger',
      query: lines(ctx, scopeOf(ctx), { modules: scopeOf(ctx).modules, fields: FIELDS }),
      row: (r) => ({ ...r, JOURNAL: r[JOURNAL_FIELD] ?? null }),
      dateColumn: 'BATCH_DATE',
      onFailure: { permission: { status: 'manual', hint: PERMISSION_HINT }, 'not-subscribed': { status: 'manual' } },
    },
  ],
  sample: { columns: COLUMNS, keyField: 'RECORDNO' },
  // The journal list is read only when the options name journals, so the reads are typed here.
  settle: (f, ctx) => settle(f as unknown as Reads, ctx),
  evidence: (f, ctx) => restsOn(f as unknown as Reads, ctx),

  found: (n, _breakdown, ctx, f) =>
    `${plural(n, 'line')} of journal entries entered in General Ledger from ${ctx.syncFrom} on${inJournals(ctx)} ${verb(n, 'names', 'name')} a customer or vendor: any that record payments will not sync.${leftOut(f as unknown as Reads, n)} ${HEURISTIC}`,
  clean: (ctx, f) =>
    `No line of a journal entry entered in General Ledger from ${ctx.syncFrom} on${inJournals(ctx)} names a customer or vendor.${leftOut(f as unknown as Reads, 0)} (Heuristic: payments booked without a customer or vendor are not detected.)`,
  note: (ctx) => {
    const scope = scopeOf(ctx);
    const journals = describeJournals(scope);
    return `lines ${facts.describeSyncWindow(ctx.syncFrom, WINDOW)}${journals ? `, ${journals}` : ', all journals'}, entered in General Ledger (${MODULE_FIELD} in ${scope.modules.join(', ')}), naming a customer or vendor. ${HEURISTIC}`;
  },
  action: (row) =>
    `Review journal entry batch ${row['BATCHNO'] ?? ''} (journal ${row['JOURNAL'] ?? ''}): if it records a payment of ${row['CUSTOMERNAME'] ?? row['VENDORNAME'] ?? 'the contact'}, reverse it and record the payment in AR > Receive payments (or AP > Pay bills).`,
});
