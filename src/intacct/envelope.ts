/**
 * Builds the request XML: control block, one operation with its authentication, and the content of
 * functions. Built as a tree and serialised by fast-xml-parser's XMLBuilder so every value is
 * escaped; element names only ever come from this file.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { assertReadFunction } from './allowlist.js';
import type { Filter, OrderBy, ReadFunction } from './functions.js';

/** A node in XMLBuilder's order-preserving format. */
type Node = Record<string, unknown>;

function el(name: string, children: Node[] | string = [], attrs?: Record<string, string>): Node {
  const node: Node = { [name]: typeof children === 'string' ? [{ '#text': children }] : children };
  if (attrs && Object.keys(attrs).length > 0) {
    node[':@'] = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`@${k}`, v]));
  }
  return node;
}

// XML 1.0 forbids most control characters even when escaped; they can only come from bad input.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function clean(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

function text(name: string, value: string | number | boolean): Node {
  return el(name, clean(String(value)));
}

export interface SenderCredentials {
  senderId: string;
  senderPassword: string;
}

export interface LoginAuth {
  type: 'login';
  userId: string;
  companyId: string;
  password: string;
  locationId?: string;
}

export interface SessionAuth {
  type: 'session';
  sessionId: string;
}

export interface RequestFunction {
  controlId: string;
  fn: ReadFunction;
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
  processEntities: true,
  format: false,
});

function filterNode(f: Filter): Node {
  if ('and' in f) return el('and', f.and.map(filterNode));
  if ('or' in f) return el('or', f.or.map(filterNode));
  switch (f.op) {
    case 'isnull':
    case 'isnotnull':
      return el(f.op, [text('field', f.field)]);
    case 'between':
    case 'in':
    case 'notin':
      return el(f.op, [text('field', f.field), ...f.values.map((v) => text('value', v))]);
    default:
      return el(f.op, [text('field', f.field), text('value', f.value)]);
  }
}

function orderNode(orders: OrderBy[]): Node {
  return el(
    'orderby',
    orders.map((o) => el('order', [text('field', o.field), el(o.descending ? 'descending' : 'ascending')])),
  );
}

function fieldList(fields: string[] | '*'): string {
  return fields === '*' ? '*' : fields.join(',');
}

/** The element for one read function (the child of `<function>`). */
export function functionNode(fn: ReadFunction): Node {
  switch (fn.function) {
    case 'getAPISession':
      return el('getAPISession', fn.locationId === undefined ? [] : [text('locationid', fn.locationId)]);
    case 'readByQuery': {
      const children = [
        text('object', fn.object),
        text('fields', fieldList(fn.fields)),
        text('query', fn.query),
        text('pagesize', fn.pageSize ?? 100),
      ];
      if (fn.docParId) children.push(text('docparid', fn.docParId));
      return el('readByQuery', children);
    }
    case 'readMore':
      return el('readMore', [text('resultId', fn.resultId)]);
    case 'query': {
      const children: Node[] = [text('object', fn.object), el('select', fn.select.map((f) => text('field', f)))];
      if (fn.docParId) children.push(text('docparid', fn.docParId));
      if (fn.filter) children.push(el('filter', [filterNode(fn.filter)]));
      if (fn.orderBy && fn.orderBy.length > 0) children.push(orderNode(fn.orderBy));
      const options: Node[] = [];
      if (fn.caseInsensitive !== undefined) options.push(text('caseinsensitive', fn.caseInsensitive));
      if (fn.showPrivate !== undefined) options.push(text('showprivate', fn.showPrivate));
      if (options.length > 0) children.push(el('options', options));
      if (fn.pageSize !== undefined) children.push(text('pagesize', fn.pageSize));
      if (fn.offset !== undefined) children.push(text('offset', fn.offset));
      return el('query', children);
    }
    case 'read': {
      const children = [text('object', fn.object), text('keys', fn.keys.join(',')), text('fields', fieldList(fn.fields))];
      if (fn.docParId) children.push(text('docparid', fn.docParId));
      return el('read', children);
    }
    case 'lookup': {
      const children = [text('object', fn.object)];
      if (fn.docParId) children.push(text('docparid', fn.docParId));
      return el('lookup', children);
    }
    case 'inspect':
      return el('inspect', [text('object', fn.object)], fn.detail ? { detail: '1' } : undefined);
    case 'get_companyprefs':
      return el('get_companyprefs', [], { application: clean(fn.application) });
    case 'get_applications':
    case 'getFinancialSetup':
    case 'readEntityDetails':
      return el(fn.function);
    case 'get_list': {
      const attrs: Record<string, string> = { object: clean(fn.object) };
      if (fn.start !== undefined) attrs.start = String(fn.start);
      if (fn.maxItems !== undefined) attrs.maxitems = String(fn.maxItems);
      if (fn.showPrivate !== undefined) attrs.showprivate = String(fn.showPrivate);
      const children = fn.fields && fn.fields.length > 0 ? [el('fields', fn.fields.map((f) => text('field', f)))] : [];
      return el('get_list', children, attrs);
    }
  }
}

function authenticationNode(auth: LoginAuth | SessionAuth): Node {
  if (auth.type === 'session') return el('authentication', [text('sessionid', auth.sessionId)]);
  const login = [text('userid', auth.userId), text('companyid', auth.companyId), text('password', auth.password)];
  if (auth.locationId) login.push(text('locationid', auth.locationId));
  return el('authentication', [el('login', login)]);
}

/**
 * The complete request document. Re-checks every function against the read allowlist, so no
 * caller can reach the wire with anything else.
 */
export function buildRequest(opts: {
  sender: SenderCredentials;
  controlId: string;
  auth: LoginAuth | SessionAuth;
  functions: RequestFunction[];
}): string {
  const functions = opts.functions.map(({ controlId, fn }) => {
    assertReadFunction(fn);
    return el('function', [functionNode(fn)], { controlid: controlId });
  });
  const tree = [
    el('request', [
      el('control', [
        text('senderid', opts.sender.senderId),
        text('password', opts.sender.senderPassword),
        text('controlid', opts.controlId),
        text('uniqueid', 'false'),
        text('dtdversion', '3.0'),
        text('includewhitespace', 'false'),
      ]),
      el('operation', [authenticationNode(opts.auth), el('content', functions)], { transaction: 'false' }),
    ]),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(tree) as string}`;
}
