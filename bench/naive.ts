/**
 * The naive strategy the benchmark compares against: what people write by hand with the official
 * SDK's defaults. Every function goes in its own HTTP request; each object the checks look at is
 * read in full with `readByQuery` (all fields, pages of 1000, the SDK's default page size) and
 * `readMore`, and the checks' conditions are applied on the client. Records are streamed and
 * counted, not kept, so the naive run is not penalised for memory it need not use.
 */
import type { IntacctClient } from '../src/intacct/client.js';
import type { FunctionData, ReadFunction, XmlRecord, XmlValue } from '../src/intacct/functions.js';

/** Settings reads, one request each (as `await client.execute(fn)` one after another). */
export const NAIVE_SETTINGS_READS: ReadFunction[] = [
  { function: 'get_applications' },
  { function: 'getFinancialSetup' },
  { function: 'get_companyprefs', application: 'AR' },
  { function: 'get_companyprefs', application: 'AP' },
  { function: 'get_companyprefs', application: 'SO' },
  { function: 'get_companyprefs', application: 'PO' },
  { function: 'lookup', object: 'CUSTOMER' },
  { function: 'lookup', object: 'VENDOR' },
  { function: 'lookup', object: 'ARINVOICE' },
  { function: 'lookup', object: 'APBILL' },
];

/** Objects whose records the checks judge; the naive strategy reads every one of their records. */
export const NAIVE_OBJECTS = [
  'CUSTOMER',
  'VENDOR',
  'ARACCOUNTLABEL',
  'APACCOUNTLABEL',
  'AUDITHISTORY',
  'ARPYMT',
  'APBILL',
  'ARINVOICE',
  'GLDETAIL',
] as const;

export const NAIVE_PAGE_SIZE = 1000;

export interface NaiveProgress {
  object: string;
  read: number;
  total?: number;
  done: boolean;
  error?: string;
}

export interface NaiveOptions {
  /** Stop starting new pages once this many milliseconds have passed since `startedAt`. */
  capMs: number;
  startedAt: number;
  /** Objects read at the same time (each one page after another). */
  parallelObjects: number;
  syncFrom: string;
  /** Called after every page with the live outcome (for progress reports). */
  onPage?: (soFar: NaiveOutcome) => void;
}

export interface NaiveOutcome {
  completed: boolean;
  objects: NaiveProgress[];
  findings: Record<string, number>;
}

export async function runNaive(client: IntacctClient, opts: NaiveOptions): Promise<NaiveOutcome> {
  const findings: Record<string, number> = {};
  // Settings reads come first; if the cap strikes during them the objects simply show 0 read.
  const found = (name: string): void => {
    findings[name] = (findings[name] ?? 0) + 1;
  };
  const overCap = (): boolean => performance.now() - opts.startedAt >= opts.capMs;

  await client.connect();
  let baseCurrency = '';
  for (const fn of NAIVE_SETTINGS_READS) {
    if (overCap()) break;
    const [outcome] = await client.execute([fn]);
    if (outcome?.ok && fn.function === 'getFinancialSetup') baseCurrency = findText(outcome.data, /^basecurr/i) ?? '';
  }

  const filters = clientSideFilters(baseCurrency, opts.syncFrom, found);
  const progress: NaiveProgress[] = NAIVE_OBJECTS.map((object) => ({ object, read: 0, done: false }));
  const outcome: NaiveOutcome = { completed: false, objects: progress, findings };
  const queue = [...progress];

  const readObject = async (p: NaiveProgress): Promise<void> => {
    const judge = filters[p.object] ?? (() => {});
    const fn: ReadFunction = { function: 'readByQuery', object: p.object, fields: '*', query: '', pageSize: NAIVE_PAGE_SIZE };
    try {
      for await (const page of client.paginate(fn)) {
        if (p.total === undefined && page.totalCount !== undefined) p.total = page.totalCount;
        for (const record of page.records) judge(record);
        p.read += page.records.length;
        opts.onPage?.(outcome);
        if (overCap()) return;
      }
      p.done = true;
    } catch (e) {
      // A refused object (permission) is what a hand-written script would log and skip.
      p.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
      p.done = true;
    }
  };

  const lanes = Array.from({ length: Math.max(1, opts.parallelObjects) }, async () => {
    for (let p = queue.shift(); p && !overCap(); p = queue.shift()) await readObject(p);
  });
  await Promise.all(lanes);

  outcome.completed = progress.every((p) => p.done && !p.error);
  return outcome;
}

/** The checks' conditions, evaluated per record on the client (readByQuery returns legacy codes). */
function clientSideFilters(
  baseCurrency: string,
  syncFrom: string,
  found: (name: string) => void,
): Record<string, (r: XmlRecord) => void> {
  const text = (r: XmlRecord, f: string): string => (typeof r[f] === 'string' ? (r[f] as string) : '');
  const amount = (r: XmlRecord, f: string): number => Number(text(r, f) || '0');
  const inWindow = (date: string): boolean => isoDate(date) >= syncFrom;
  const foreign = (currency: string): boolean => currency !== '' && baseCurrency !== '' && currency !== baseCurrency;

  const contact = (r: XmlRecord) => {
    if (foreign(text(r, 'CURRENCY'))) found('foreign-currency-contacts');
    if (/^(F|inactive)$/i.test(text(r, 'STATUS'))) found('inactive-contacts');
  };
  const transaction = (r: XmlRecord) => {
    const open = amount(r, 'TOTALDUE') !== 0;
    if (foreign(text(r, 'CURRENCY')) && (open || inWindow(text(r, 'WHENCREATED')))) found('foreign-currency-transactions');
    if (amount(r, 'TOTALENTERED') < 0) found('negative-invoices');
    if (text(r, 'SUPDOCID') !== '') found('attachments');
  };
  const label = (r: XmlRecord) => {
    if (/^(T|active)$/i.test(text(r, 'STATUS'))) found('active-account-labels');
  };
  return {
    CUSTOMER: contact,
    VENDOR: contact,
    ARINVOICE: transaction,
    APBILL: transaction,
    ARACCOUNTLABEL: label,
    APACCOUNTLABEL: label,
    ARPYMT: (r) => {
      if (/^(rp|rr)$/i.test(text(r, 'RECORDTYPE')) && amount(r, 'TOTALDUE') !== 0) found('unapplied-credits');
    },
    GLDETAIL: (r) => {
      // Lines of entries made in General Ledger only: the sub-ledgers' postings name customers too.
      const party = text(r, 'CUSTOMERID') !== '' || text(r, 'VENDORID') !== '';
      if (party && text(r, 'MODULEKEY') === '2.GL' && inWindow(text(r, 'BATCH_DATE'))) found('journal-entry-payments');
    },
    AUDITHISTORY: (r) => {
      if (/^(customer|vendor)$/i.test(text(r, 'OBJECTTYPE')) && text(r, 'ACCESSMODE') === 'D') found('deleted-contacts');
    },
  };
}

/** MM/DD/YYYY (Intacct's format) or YYYY-MM-DD → YYYY-MM-DD; anything else sorts first. */
export function isoDate(value: string): string {
  const us = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(value);
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
}

/** First text value anywhere in the data whose element name matches (the shape varies by function). */
function findText(data: FunctionData, name: RegExp): string | undefined {
  const visit = (v: XmlValue): string | undefined => {
    if (typeof v === 'string') return undefined;
    if (Array.isArray(v)) {
      for (const x of v) {
        const hit = visit(x);
        if (hit !== undefined) return hit;
      }
      return undefined;
    }
    for (const [k, x] of Object.entries(v)) {
      if (name.test(k) && typeof x === 'string' && x !== '') return x;
      const hit = visit(x);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  return visit(data.records);
}
