/**
 * Turns a gateway response body into control status, authentication status and results per
 * function controlid. Treats the body as untrusted: DOCTYPE/ENTITY declarations are refused (never
 * expanded), nesting depth is capped, well-formedness is checked before parsing (a truncated body
 * must never look like a shorter list of records), and HTML pages from proxies are named as such.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  AuthenticationError,
  ControlError,
  FunctionError,
  MalformedResponseError,
  describeGatewayErrors,
  oneLine,
  type AuthenticationFailureReason,
  type ControlFailureReason,
  type GatewayErrorDetail,
} from './errors.js';
import type { FunctionData, XmlRecord, XmlValue } from './functions.js';
import { allText, classifyAuthenticationFailure, classifyControlFailure, isPermissionDenial, isThrottled } from './gateway-errors.js';

/** Deepest element nesting accepted. Real responses (lookup) stay well under 20. */
export const MAX_XML_DEPTH = 64;

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false, // decoded below: only the five XML entities and character references
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
  jPath: false,
});

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the predefined entities and numeric character references; leave anything else as is. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** A parsed element: name, attributes, child elements and concatenated text. */
export interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

function toElement(node: OrderedNode): Element | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?') || name.startsWith('!')) return undefined;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeEntities(String(v));
  const children: Element[] = [];
  let text = '';
  const content = node[name];
  if (Array.isArray(content)) {
    for (const child of content as OrderedNode[]) {
      if (Object.prototype.hasOwnProperty.call(child, '#text')) {
        text += String(child['#text']);
        continue;
      }
      const c = toElement(child);
      if (c) children.push(c);
    }
  }
  return { name, attrs, children, text: decodeEntities(text) };
}

function child(e: Element | undefined, name: string): Element | undefined {
  return e?.children.find((c) => c.name === name);
}

function childText(e: Element | undefined, name: string): string {
  return child(e, name)?.text.trim() ?? '';
}

/** Own-property write, so element names such as `__proto__` stay plain data. */
function setOwn(record: XmlRecord, key: string, value: XmlValue): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Convert an element to the plain value shape of `functions.ts`. */
export function elementValue(e: Element): XmlValue {
  const attrKeys = Object.keys(e.attrs);
  if (e.children.length === 0 && attrKeys.length === 0) return e.text;
  const record: XmlRecord = {};
  for (const k of attrKeys) setOwn(record, `@${k}`, e.attrs[k]);
  if (e.children.length === 0) {
    if (e.text !== '') record['#text'] = e.text;
    return record;
  }
  const counts = new Map<string, number>();
  for (const c of e.children) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  for (const c of e.children) {
    const value = elementValue(c);
    if ((counts.get(c.name) ?? 0) > 1) {
      const list = (Object.prototype.hasOwnProperty.call(record, c.name) ? record[c.name] : []) as XmlValue[];
      list.push(value);
      setOwn(record, c.name, list);
    } else {
      setOwn(record, c.name, value);
    }
  }
  return record;
}

export function recordOf(e: Element): XmlRecord {
  const value = elementValue(e);
  const record: XmlRecord = typeof value === 'string' ? (value === '' ? {} : { '#text': value }) : (value as XmlRecord);
  return { $element: e.name, ...record };
}

/** Parse and sanity-check an XML body. Throws MalformedResponseError. */
export function parseXmlDocument(body: string, context: { status: number; contentType: string }): Element {
  screenBody(body, context);
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new MalformedResponseError(
      `Gateway response is not well-formed XML (HTTP ${context.status}, line ${valid.err.line}: ${oneLine(valid.err.msg).slice(0, 120)}) — possibly cut off`,
      'invalid-xml',
    );
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(body) as OrderedNode[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(msg)) {
      throw new MalformedResponseError(`Gateway response nests elements deeper than ${MAX_XML_DEPTH} levels; refused`, 'too-deep');
    }
    throw new MalformedResponseError(`Gateway response could not be parsed: ${oneLine(msg).slice(0, 120)}`, 'invalid-xml');
  }
  const roots = nodes.map(toElement).filter((e): e is Element => e !== undefined);
  if (roots.length !== 1) {
    throw new MalformedResponseError(`Gateway response has ${roots.length} root elements (expected one <response>)`, 'invalid-xml');
  }
  return roots[0];
}

/** What is refused before any parsing: an HTML page, a DOCTYPE or ENTITY declaration, a body that is not XML. */
export function screenBody(body: string, context: { status: number; contentType: string }): void {
  const head = body.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  const ct = context.contentType || 'no content type';
  if (/^<!doctype html|^<html[\s>]/.test(head) || /text\/html/i.test(context.contentType)) {
    throw new MalformedResponseError(
      `Expected XML from the gateway but got an HTML page (HTTP ${context.status}, ${ct}) — probably a proxy or gateway error page`,
      'not-xml',
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw new MalformedResponseError(
      `Refused a gateway response containing a DOCTYPE/ENTITY declaration (HTTP ${context.status}); entities are never expanded`,
      'doctype',
    );
  }
  if (!head.startsWith('<')) {
    const what = body.trim() === '' ? 'an empty body' : 'a body that is not XML';
    throw new MalformedResponseError(`Expected XML from the gateway but got ${what} (HTTP ${context.status}, ${ct})`, 'not-xml');
  }
}

function gatewayErrors(errormessage: Element | undefined, scrub: (s: string) => string): GatewayErrorDetail[] {
  if (!errormessage) return [];
  return errormessage.children
    .filter((e) => e.name === 'error')
    .map((e) => ({
      errorno: scrub(childText(e, 'errorno')),
      description: scrub(childText(e, 'description')),
      description2: scrub(childText(e, 'description2')),
      correction: scrub(childText(e, 'correction')),
    }));
}

const CONTROL_PREFIX: Record<ControlFailureReason, string> = {
  'sender-credentials': 'Web Services sender ID or sender password rejected by Intacct',
  'sender-not-authorised': 'Web Services sender is not authorised for this company (authorise it in Company > Setup > Company > Security)',
  other: 'Intacct refused the request (control block)',
};

const AUTH_PREFIX: Record<AuthenticationFailureReason, string> = {
  'user-credentials': 'Sign-in failed: user ID, company ID or user password is incorrect',
  'sender-not-authorised': 'Web Services sender is not authorised for this company (authorise it in Company > Setup > Company > Security)',
  company: 'Sign-in failed: company not accepted',
  entity: 'Sign-in failed at the entity (location) level',
  other: 'Sign-in failed',
};

/** What one function returned, or how it failed. */
export type ResultEntry =
  | { ok: true; functionName: string; data: FunctionData }
  | { ok: false; functionName: string; errors: GatewayErrorDetail[]; status: string };

export interface GatewayResponse {
  /** Control block failed: nothing executed. */
  controlFailure?: { errors: GatewayErrorDetail[] };
  /** Authentication failed: no function ran. */
  authFailure?: { errors: GatewayErrorDetail[] };
  authentication?: { userId: string; companyId: string; locationId: string; sessionTimeout: string; sessionTimestamp: string };
  results: Map<string, ResultEntry>;
}

function numberAttr(attrs: Record<string, string>, name: string): number | undefined {
  const raw = attrs[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Build FunctionData from a successful `<result>`. */
export function functionData(result: Element): FunctionData {
  const data = child(result, 'data');
  const attrs = data?.attrs ?? {};
  const out: FunctionData = { records: (data?.children ?? []).map(recordOf) };
  const listtype = child(result, 'listtype'); // legacy get_list keeps paging info in a sibling
  if (attrs.listtype !== undefined) out.listType = attrs.listtype;
  else if (listtype) out.listType = listtype.text.trim();
  const count = numberAttr(attrs, 'count');
  const totalCount = numberAttr(attrs, 'totalcount') ?? (listtype ? numberAttr(listtype.attrs, 'total') : undefined);
  const numRemaining = numberAttr(attrs, 'numremaining');
  const offset = numberAttr(attrs, 'offset') ?? (listtype ? numberAttr(listtype.attrs, 'start') : undefined);
  if (count !== undefined) out.count = count;
  if (totalCount !== undefined) out.totalCount = totalCount;
  if (numRemaining !== undefined) out.numRemaining = numRemaining;
  if (offset !== undefined) out.offset = offset;
  if (attrs.resultId !== undefined && attrs.resultId !== '') out.resultId = attrs.resultId;
  return out;
}

/** Map a parsed `<response>` to its parts. Throws MalformedResponseError for unexpected shapes. */
export function interpretResponse(root: Element, scrub: (s: string) => string): GatewayResponse {
  if (root.name !== 'response') {
    throw new MalformedResponseError(`Gateway answered with <${root.name.slice(0, 40)}> instead of <response>`, 'shape');
  }
  const results = new Map<string, ResultEntry>();
  const control = child(root, 'control');
  if (!control) throw new MalformedResponseError('Gateway response has no <control> block', 'shape');
  if (childText(control, 'status') !== 'success') {
    return { controlFailure: { errors: gatewayErrors(child(root, 'errormessage'), scrub) }, results };
  }
  const operation = child(root, 'operation');
  if (!operation) throw new MalformedResponseError('Gateway response has no <operation> block', 'shape');
  const auth = child(operation, 'authentication');
  if (!auth) throw new MalformedResponseError('Gateway response has no <authentication> block', 'shape');
  if (childText(auth, 'status') !== 'success') {
    return { authFailure: { errors: gatewayErrors(child(operation, 'errormessage'), scrub) }, results };
  }
  const authentication = {
    userId: childText(auth, 'userid'),
    companyId: childText(auth, 'companyid'),
    locationId: childText(auth, 'locationid'),
    sessionTimeout: childText(auth, 'sessiontimeout'),
    sessionTimestamp: childText(auth, 'sessiontimestamp'),
  };
  for (const result of operation.children.filter((c) => c.name === 'result')) {
    const controlId = childText(result, 'controlid');
    const functionName = childText(result, 'function');
    const status = childText(result, 'status');
    if (status === 'success' && !child(result, 'data')) {
      // Every read function answers with <data> (empty when nothing matched). A success without it
      // is a broken answer; reading it as "no records" would let checks pass on nothing.
      const description = `The gateway reported success for ${functionName || 'a function'} but sent no <data> element`;
      results.set(controlId, { ok: false, functionName, status: 'malformed', errors: [{ errorno: '', description, description2: '', correction: '' }] });
    } else if (status === 'success') {
      results.set(controlId, { ok: true, functionName, data: functionData(result) });
    } else {
      results.set(controlId, { ok: false, functionName, status, errors: gatewayErrors(child(result, 'errormessage'), scrub) });
    }
  }
  return { authentication, results };
}

export function controlError(errors: GatewayErrorDetail[]): ControlError {
  const reason = classifyControlFailure(errors);
  const detail = describeGatewayErrors(errors);
  return new ControlError(`${CONTROL_PREFIX[reason]}${detail ? `: ${detail}` : ''}`, reason, errors, isThrottled(errors));
}

export function authenticationError(errors: GatewayErrorDetail[], where?: string): AuthenticationError {
  const reason = classifyAuthenticationFailure(errors);
  const detail = describeGatewayErrors(errors);
  const at = where ? ` (${where})` : '';
  return new AuthenticationError(`${AUTH_PREFIX[reason]}${at}${detail ? `: ${detail}` : ''}`, reason, errors);
}

export function functionError(
  entry: { functionName: string; errors: GatewayErrorDetail[]; status: string },
  sent: { function: string; object?: string },
): FunctionError {
  const text = allText(entry.errors);
  const permission = isPermissionDenial(text);
  const objectFromText = /object definition (\S+) not found/i.exec(text)?.[1];
  const object = sent.object ?? objectFromText;
  const detail = describeGatewayErrors(entry.errors) || `status ${entry.status || 'unknown'}`;
  const what = `${sent.function}${object ? ` ${object}` : ''}`;
  const lead = permission ? `Permission denied for ${what}` : entry.status === 'aborted' ? `${what} was aborted` : `${what} failed`;
  return new FunctionError(`${lead}: ${detail}`, entry.errors, permission, sent.function, object, isThrottled(entry.errors));
}
