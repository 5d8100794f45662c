/**
 * The sandbox's own XML reading and writing (deliberately not shared with the client).
 * Requests are checked for well-formedness and refused if they carry a DOCTYPE, so no entity
 * can be declared or expanded; only the predefined XML entities and character references are
 * decoded. Every element is parsed as an array, which keeps repeated elements (functions,
 * values, orders) in document order and makes access uniform.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: child elements by name (each an array), attributes under '@name', text under '#text'. */
export interface XNode {
  [key: string]: XNode[] | string | undefined;
}

export class XmlRequestError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

const MAX_DEPTH = 64;

/** Parses request XML or throws XmlRequestError with a one-line reason. */
export function parseXml(text: string): XNode {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new XmlRequestError('DOCTYPE and entity declarations are not allowed');
  // Cheap nesting guard before the parser sees the text.
  let depth = 0;
  let maxDepth = 0;
  for (const m of text.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (maxDepth > MAX_DEPTH) throw new XmlRequestError(`elements nested deeper than ${MAX_DEPTH} levels`);
    }
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRequestError(`${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(text) as XNode;
  return doc;
}

/** First child element of that name. Text-only elements come back as `{ '#text': value }`. */
export function child(node: XNode | undefined, name: string): XNode | undefined {
  const list = node?.[name];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const first = list[0]!;
  return typeof first === 'string' ? { '#text': first } : first;
}

/** All child elements of that name, in document order. */
export function children(node: XNode | undefined, name: string): XNode[] {
  const list = node?.[name];
  if (!Array.isArray(list)) return [];
  return list.map((x) => (typeof x === 'string' ? { '#text': x } : x));
}

/** Text of an element ('' for an empty element). */
export function textOf(node: XNode | undefined): string {
  if (!node) return '';
  const t = node['#text'];
  return typeof t === 'string' ? t : '';
}

/** Text of the first child of that name, or undefined if there is no such child. */
export function childText(node: XNode | undefined, name: string): string | undefined {
  const c = child(node, name);
  return c === undefined ? undefined : textOf(c);
}

export function attr(node: XNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** Names of the child elements of a node (attributes and text excluded). */
export function elementNames(node: XNode | undefined): string[] {
  if (!node) return [];
  return Object.keys(node).filter((k) => !k.startsWith('@') && k !== '#text');
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** Appends XML to an array of parts; the response is joined once at the end. */
export class XmlWriter {
  readonly parts: string[] = [];

  open(name: string, attrs?: Record<string, string | number | undefined>): this {
    this.parts.push(`<${name}${attributes(attrs)}>`);
    return this;
  }
  close(name: string): this {
    this.parts.push(`</${name}>`);
    return this;
  }
  /** A leaf element; null/undefined/'' give an empty element. */
  leaf(name: string, value: string | number | boolean | null | undefined, attrs?: Record<string, string | number | undefined>): this {
    if (value === null || value === undefined || value === '') this.parts.push(`<${name}${attributes(attrs)}/>`);
    else this.parts.push(`<${name}${attributes(attrs)}>${escapeXml(String(value))}</${name}>`);
    return this;
  }
  empty(name: string, attrs?: Record<string, string | number | undefined>): this {
    this.parts.push(`<${name}${attributes(attrs)}/>`);
    return this;
  }
  raw(xml: string): this {
    this.parts.push(xml);
    return this;
  }
  toString(): string {
    return this.parts.join('');
  }
}

function attributes(attrs?: Record<string, string | number | undefined>): string {
  if (!attrs) return '';
  let s = '';
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) s += ` ${k}="${escapeXml(String(v))}"`;
  return s;
}
