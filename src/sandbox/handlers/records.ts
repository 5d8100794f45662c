/**
 * The functions that read records: `readByQuery` and `readMore` (legacy, with a query string and
 * result sets), `query` (XML filters, ordering, aggregates, offset paging) and `read` (by
 * RECORDNO). Each reads its request, asks the query engine (../query/) and writes the answer.
 */
import { Errors } from '../errors.js';
import { fieldList } from '../query/fields.js';
import type { Condition } from '../query/filter.js';
import { QueryStringError, parseQueryString } from '../query/query-string.js';
import { parseFilter, parseOrderBy, parseSelect } from '../query/query-xml.js';
import type { ResultPage } from '../query/result-sets.js';
import { rowsWithRecordNo, runQuery, selectRows } from '../query/run.js';
import { child, childText, XmlWriter } from '../xml.js';
import { booleanArg, fail, integerArg, requireObject, requireXmlFormat, writeRecord, type Handler } from './context.js';

function parseWhere(text: string): Condition | null {
  try {
    return parseQueryString(text);
  } catch (e) {
    if (e instanceof QueryStringError) fail(Errors.queryFailed(`Invalid query: ${e.message}`));
    throw e;
  }
}

/** A readByQuery or readMore page: records named after the object, in lower case. */
function legacyPageXml(page: ResultPage): string {
  const { object, rows, fields } = page;
  const element = object.name.toLowerCase();
  const w = new XmlWriter();
  w.open('data', { listtype: element, count: rows.length, totalcount: page.total, numremaining: page.remaining, resultId: page.resultId });
  for (const row of rows) writeRecord(w, element, object, row, fields);
  w.close('data');
  return w.toString();
}

export const readByQuery: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const fields = fieldList(obj, childText(node, 'fields'));
  const pageSize = integerArg(fn, 'pagesize', childText(node, 'pagesize'), 1, 1000, 100);
  requireXmlFormat(fn, 'returnFormat', childText(node, 'returnFormat'));
  const where = parseWhere(childText(node, 'query') ?? '');
  const rows = selectRows(obj, where, ctx.company.visibility(obj, ctx.entity, false), { legacyCodes: true });
  return { xml: legacyPageXml(ctx.results.first(obj, rows, fields, pageSize)), rows: obj.size };
};

export const readMore: Handler = (node, ctx, fn) => {
  let id = childText(node, 'resultId');
  const object = childText(node, 'object');
  if ((id === undefined || id === '') && object) id = ctx.results.idForObject(object);
  if (id === undefined || id === '') fail(Errors.invalidArgument('readMore: resultId (or object) is required'));
  const obj = ctx.results.objectOf(id);
  if (!obj) fail(Errors.queryFailed(`readMore: result set '${id}' does not exist, has been fully read or has expired`));
  if (ctx.company.denied.has(obj.name)) fail(Errors.permission(fn, obj.name));
  const page = ctx.results.next(id)!;
  return { xml: legacyPageXml(page), rows: page.rows.length };
};

export const query: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const { fields, aggregates } = parseSelect(obj, child(node, 'select'));
  const where = parseFilter(child(node, 'filter'));
  const options = child(node, 'options');
  const caseInsensitive = booleanArg(childText(options, 'caseinsensitive'));
  const showPrivate = booleanArg(childText(options, 'showprivate'));
  requireXmlFormat(fn, 'returnformat', childText(options, 'returnformat'));
  const pageSize = integerArg(fn, 'pagesize', childText(node, 'pagesize'), 1, 2000, 100);
  const offset = integerArg(fn, 'offset', childText(node, 'offset'), 0, 2 ** 31 - 1, 0);
  const orderBy = parseOrderBy(obj, child(node, 'orderby'));

  const visible = ctx.company.visibility(obj, ctx.entity, showPrivate);
  const answer = runQuery(obj, { fields, aggregates, where, caseInsensitive, orderBy, offset, pageSize }, visible);

  const w = new XmlWriter();
  const count = 'groups' in answer ? answer.groups.length : answer.rows.length;
  w.open('data', { listtype: obj.name, totalcount: answer.total, offset, count, numremaining: answer.remaining });
  if ('groups' in answer) {
    for (const g of answer.groups) {
      w.open(obj.name);
      fields.forEach((f, k) => w.leaf(f, g.keys[k]));
      aggregates.forEach((a, k) => w.leaf(`${a.fn.toUpperCase()}.${a.field}`, g.values[k]));
      w.close(obj.name);
    }
  } else {
    for (const row of answer.rows) writeRecord(w, obj.name, obj, row, fields);
  }
  w.close('data');
  return { xml: w.toString(), rows: obj.size };
};

export const read: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const fields = fieldList(obj, childText(node, 'fields'));
  const keys = (childText(node, 'keys') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const found = rowsWithRecordNo(obj, keys, ctx.company.visibility(obj, ctx.entity, false));
  const element = obj.name.toLowerCase();
  const w = new XmlWriter();
  w.open('data', { listtype: element, count: found.length });
  for (const row of found) writeRecord(w, element, obj, row, fields);
  w.close('data');
  return { xml: w.toString(), rows: obj.size };
};
