/**
 * `get_list`, the oldest list function: the records of a few objects under their legacy names,
 * paged with start/maxitems, and the transaction currencies in use.
 */
import { Errors } from '../errors.js';
import { distinctTexts } from '../query/aggregate.js';
import { fieldColumn } from '../query/fields.js';
import { pageOf, selectRows } from '../query/run.js';
import { attr, child, children, textOf, XmlWriter } from '../xml.js';
import { booleanArg, fail, integerArg, requireObject, type CallContext, type Handler } from './context.js';

/** get_list objects the sandbox serves, mapped to the standard object they list. */
export const GET_LIST_OBJECTS: Record<string, string> = {
  customer: 'CUSTOMER',
  vendor: 'VENDOR',
  araccountlabel: 'ARACCOUNTLABEL',
  apaccountlabel: 'APACCOUNTLABEL',
  invoice: 'ARINVOICE',
  bill: 'APBILL',
  arpayment: 'ARPYMT',
  aradjustment: 'ARADJUSTMENT',
};

/** Objects whose records carry a transaction currency. */
const CURRENCY_OBJECTS = ['CUSTOMER', 'VENDOR', 'ARINVOICE', 'APBILL'];

/** Currencies of the company, its entities and its records, sorted. */
function transactionCurrencies(ctx: CallContext): string[] {
  const fixture = ctx.company.fixture;
  const codes = new Set<string>([fixture.financialSetup.baseCurrency, ...fixture.entities.map((e) => e.currency)]);
  for (const name of CURRENCY_OBJECTS) {
    const obj = ctx.company.object(name)!;
    for (const c of distinctTexts(obj.column('CURRENCY'), obj.size, 100000)) codes.add(c);
  }
  return [...codes].filter((c) => c !== '').sort();
}

export const getList: Handler = (node, ctx, fn) => {
  const object = (attr(node, 'object') ?? '').trim().toLowerCase();
  const start = integerArg(fn, 'start', attr(node, 'start'), 0, 2 ** 31 - 1, 0);
  const maxItems = integerArg(fn, 'maxitems', attr(node, 'maxitems'), 1, 100000, 100);
  const showPrivate = booleanArg(attr(node, 'showprivate'));
  if (child(node, 'filter') || child(node, 'sorts')) fail(Errors.invalidArgument('get_list: filter and sorts are not supported by the sandbox; use query'));
  const w = new XmlWriter();
  if (object === 'trxcurrencies') {
    const list = transactionCurrencies(ctx);
    const page = list.slice(start, start + maxItems);
    w.leaf('listtype', 'trxcurrencies', { start, end: start + page.length - 1, total: list.length });
    w.open('data');
    for (const c of page) w.open('trxcurrencies').leaf('code', c).close('trxcurrencies');
    w.close('data');
    return { xml: w.toString(), rows: 0 };
  }
  const target = GET_LIST_OBJECTS[object];
  if (!target) fail(Errors.invalidArgument(`get_list: object '${object}' is not served by the sandbox (served: trxcurrencies, ${Object.keys(GET_LIST_OBJECTS).join(', ')})`));
  const obj = requireObject(ctx, fn, target);
  const requested = children(child(node, 'fields'), 'field').map(textOf);
  const fields = requested.length > 0 ? requested.map((f) => fieldColumn(obj, f).def.ID) : obj.fields.map((f) => f.ID);
  const rows = selectRows(obj, null, ctx.company.visibility(obj, ctx.entity, showPrivate));
  const page = pageOf(rows, start, maxItems);
  w.leaf('listtype', object, { start, end: start + page.length - 1, total: rows.length });
  w.open('data');
  for (const row of page) {
    w.open(object);
    for (const f of fields) w.leaf(f.toLowerCase(), obj.column(f).text(row));
    w.close(object);
  }
  w.close('data');
  return { xml: w.toString(), rows: obj.size };
};
