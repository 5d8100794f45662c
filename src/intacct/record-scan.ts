/**
 * Reading the records of large answers without a parse tree of the whole response. The usual
 * parser holds every element of a response at once (a 2,000-record page costs some 30 MB), which
 * is fine for an audit's samples and not for paging through every affected record. Here:
 *
 * 1. one pass checks the whole body is well-formed (tags balanced and matching, attribute syntax,
 *    references, one root, nesting capped), so a cut-off body is never read as fewer records, and
 *    notes where the records of each result's `<data>` lie;
 * 2. the rest of the response (control, authentication, each result's status and errors) is small
 *    once the records are cut out, and goes through the usual parser with all its checks;
 * 3. only once the response is accepted are the records read, one at a time, from their place in
 *    the body, into the same record shape the usual parser gives.
 */
import { MalformedResponseError } from './errors.js';
import type { XmlRecord } from './functions.js';
import { decodeEntities, MAX_XML_DEPTH, recordOf, type Element } from './response.js';

/** Where the records of one `<data>` element lie in the body: from after `<data …>` to before `</data>`. */
export interface RecordSpan {
  start: number;
  end: number;
}

/** A body with its records cut out, and where they were, by the controlid of their result. */
export interface SplitBody {
  /** The body without the records: what the usual parser reads. */
  skeleton: string;
  spans: Map<string, RecordSpan>;
}

interface Visitor {
  open(name: string, tagStart: number, tagEnd: number, attrs: string, selfClosing: boolean, depth: number): void;
  close(name: string, tagStart: number, tagEnd: number, depth: number): void;
  /** Raw text (references not yet decoded) or CDATA content, at `depth` (inside that many elements). */
  text(from: number, to: number, depth: number): void;
}

const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*$/;
const ATTRIBUTES = /^(?:\s+[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*$/;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const REFERENCE = /^&(?:[A-Za-z_:][\w.\-:]*|#[0-9]+|#x[0-9A-Fa-f]+);/;
/**
 * Most of a response is fields: `<NAME>text</NAME>` or `<NAME/>`, a plain name, no attributes, text
 * without markup or references. One match of this reads such an element whole (the expression runs
 * as native code, where the general path takes a dozen steps of ours); anything else goes the
 * general way.
 */
const FIELD = /<([A-Za-z_][\w.\-]*)(?:\/>|>[^<&]*<\/\1>)/y;

// Names the usual parser (fast-xml-parser) refuses, and names it renames with a "__" prefix: the
// same here, so both read a body alike and no name reaches an object's prototype.
const REFUSED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const REFUSED_ATTRIBUTE = /(?:^|\s)(?:__proto__|constructor|prototype)\s*=/;
const RENAMED_NAMES = new Set(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

function safeName(name: string): string {
  if (REFUSED_NAMES.has(name)) throw malformed(`Gateway response could not be parsed: the name "${name}" is refused`);
  return RENAMED_NAMES.has(name) ? `__${name}` : name;
}

function malformed(message: string, reason: 'invalid-xml' | 'too-deep' | 'doctype' = 'invalid-xml'): MalformedResponseError {
  return new MalformedResponseError(message, reason);
}

/** The `&` at `at` starts a well-formed reference. */
function checkReference(text: string, at: number): void {
  if (!REFERENCE.test(text.slice(at, at + 40))) throw malformed('Gateway response is not well-formed XML (a bare "&") — possibly cut off');
}

/** Index of the `>` ending the tag that starts at `lt`, outside quoted attribute values; -1 when there is none before `to`. */
function tagEnd(body: string, lt: number, to: number): number {
  const gt = body.indexOf('>', lt + 1);
  if (gt < 0 || gt >= to) return -1;
  if (body.charCodeAt(lt + 1) === 47 /* / */) return gt; // an end tag has no attributes
  const inner = body.slice(lt + 1, gt);
  if (!inner.includes('"') && !inner.includes("'")) return gt;
  // Attribute values may hold '>': walk past each quoted value.
  for (let at = lt + 1; at < to; at++) {
    const c = body.charCodeAt(at);
    if (c === 62 /* > */) return at;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = body.indexOf(c === 34 ? '"' : "'", at + 1);
      if (close < 0 || close >= to) return -1;
      at = close;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Walks body[from, to) as XML, checking it is well-formed, and tells the visitor what it sees.
 * `whole` = the range is the entire document (one root, nothing but markup outside it).
 */
function walk(body: string, from: number, to: number, whole: boolean, v: Visitor): void {
  const stack: string[] = [];
  const names = new Map<string, string>(); // tag names already found valid → the name as read
  let roots = 0;
  let at = from;
  // The next '&' at or after `at`: every one is looked at once, however the body is cut into texts.
  let amp = body.indexOf('&', from);
  const nextAmp = (after: number): number => {
    const i = body.indexOf('&', after);
    return i < 0 || i >= to ? Infinity : i;
  };
  if (amp < 0 || amp >= to) amp = Infinity;
  while (at < to) {
    const lt = body.indexOf('<', at);
    const textEnd = lt < 0 || lt >= to ? to : lt;
    if (textEnd > at) {
      if (stack.length === 0 && whole && body.slice(at, textEnd).trim() !== '') throw malformed('Gateway response has text outside its root element');
      while (amp < at) amp = nextAmp(amp + 1);
      while (amp < textEnd) {
        checkReference(body, amp);
        amp = nextAmp(amp + 1);
      }
      v.text(at, textEnd, stack.length);
    }
    if (textEnd === to) break;
    const next = body.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (body.startsWith('<!--', lt)) {
        const end = body.indexOf('-->', lt + 4);
        if (end < 0 || end + 3 > to) throw malformed('Gateway response is not well-formed XML (an unclosed comment) — possibly cut off');
        at = end + 3;
        continue;
      }
      if (body.startsWith('<![CDATA[', lt)) {
        const end = body.indexOf(']]>', lt + 9);
        if (end < 0 || end + 3 > to) throw malformed('Gateway response is not well-formed XML (an unclosed CDATA section) — possibly cut off');
        if (stack.length === 0) throw malformed('Gateway response has text outside its root element');
        v.text(lt + 9, end, stack.length);
        at = end + 3;
        continue;
      }
      throw malformed('Refused a gateway response containing a DOCTYPE/ENTITY declaration; entities are never expanded', 'doctype');
    }
    if (next === 63 /* ? */) {
      const end = body.indexOf('?>', lt + 2);
      if (end < 0 || end + 2 > to) throw malformed('Gateway response is not well-formed XML (an unclosed processing instruction) — possibly cut off');
      at = end + 2;
      continue;
    }
    if (stack.length > 0 && next !== 47 /* / */) {
      FIELD.lastIndex = lt;
      const field = FIELD.exec(body);
      if (field !== null && FIELD.lastIndex <= to) {
        const raw = field[1]!;
        let name = names.get(raw);
        if (name === undefined) {
          name = safeName(raw);
          names.set(raw, name);
        }
        if (stack.length + 1 > MAX_XML_DEPTH) throw malformed(`Gateway response nests elements deeper than ${MAX_XML_DEPTH} levels; refused`, 'too-deep');
        const end = FIELD.lastIndex;
        const openEnd = lt + raw.length + 2;
        if (body.charCodeAt(openEnd - 1) === 47 /* / */) {
          v.open(name, lt, openEnd + 1, '', true, stack.length);
          v.close(name, openEnd + 1, openEnd + 1, stack.length);
        } else {
          const closeStart = end - raw.length - 3;
          v.open(name, lt, openEnd, '', false, stack.length);
          if (closeStart > openEnd) v.text(openEnd, closeStart, stack.length + 1);
          v.close(name, closeStart, end, stack.length);
        }
        at = end;
        continue;
      }
    }
    const gt = tagEnd(body, lt, to);
    if (gt < 0) throw malformed('Gateway response is not well-formed XML (an unclosed tag) — possibly cut off');
    if (next === 47 /* / */) {
      const open = stack.pop();
      const nameEnd = lt + 2 + (open?.length ?? 0);
      if (open === undefined || !body.startsWith(open, lt + 2) || (nameEnd < gt && body.slice(nameEnd, gt).trim() !== '')) {
        const name = body.slice(lt + 2, gt).trim();
        throw malformed(`Gateway response is not well-formed XML (</${name.slice(0, 40)}> closes ${open ? `<${open.slice(0, 40)}>` : 'nothing'}) — possibly cut off`);
      }
      v.close(names.get(open) ?? open, lt, gt + 1, stack.length);
    } else {
      const selfClosing = body.charCodeAt(gt - 1) === 47;
      const innerEnd = selfClosing ? gt - 1 : gt;
      let nameEnd = lt + 1;
      while (nameEnd < innerEnd && !isSpace(body.charCodeAt(nameEnd))) nameEnd++;
      const raw = body.slice(lt + 1, nameEnd);
      let name = names.get(raw);
      if (name === undefined) {
        if (!NAME.test(raw)) throw malformed(`Gateway response is not well-formed XML (a tag named "${raw.slice(0, 40)}")`);
        name = safeName(raw);
        names.set(raw, name);
      }
      const attrs = nameEnd < innerEnd ? body.slice(nameEnd, innerEnd) : '';
      if (attrs !== '') {
        if (!ATTRIBUTES.test(attrs)) throw malformed(`Gateway response is not well-formed XML (the attributes of <${name.slice(0, 40)}>)`);
        if (REFUSED_ATTRIBUTE.test(attrs)) throw malformed(`Gateway response could not be parsed: an attribute name of <${name.slice(0, 40)}> is refused`);
        for (let i = attrs.indexOf('&'); i >= 0; i = attrs.indexOf('&', i + 1)) checkReference(attrs, i);
      }
      if (stack.length === 0) {
        roots += 1;
        if (whole && roots > 1) throw malformed('Gateway response has more than one root element');
      }
      if (stack.length + 1 > MAX_XML_DEPTH) throw malformed(`Gateway response nests elements deeper than ${MAX_XML_DEPTH} levels; refused`, 'too-deep');
      v.open(name, lt, gt + 1, attrs, selfClosing, stack.length);
      if (!selfClosing) stack.push(raw);
      else v.close(name, gt + 1, gt + 1, stack.length);
    }
    at = gt + 1;
  }
  if (stack.length > 0) throw malformed(`Gateway response is not well-formed XML (<${stack[stack.length - 1]!.slice(0, 40)}> is never closed) — possibly cut off`);
  if (whole && roots === 0) throw malformed('Gateway response has no root element');
}

/**
 * Checks the body is well-formed and cuts out the records of each result's `<data>` (in the first
 * `<operation>`, the one the response is read from), keyed by the result's controlid.
 */
export function splitRecords(body: string): SplitBody {
  const spans = new Map<string, RecordSpan>();
  const cuts: RecordSpan[] = [];
  // Where the walk is: inside response > (first) operation > result, and what that result holds.
  let operations = 0;
  let inResponse = false;
  let inOperation = false;
  let result: { controlId?: string; span?: RecordSpan; open?: boolean } | undefined;
  let controlId: string[] | undefined;
  walk(body, 0, body.length, true, {
    open(name, _start, tagEnd, _attrs, selfClosing, depth) {
      if (depth === 0) inResponse = name === 'response';
      else if (depth === 1) inOperation = inResponse && name === 'operation' && ++operations === 1;
      else if (depth === 2) result = inOperation && name === 'result' ? {} : undefined;
      else if (depth === 3 && result) {
        if (name === 'data' && !result.span && !selfClosing) result = { ...result, span: { start: tagEnd, end: tagEnd }, open: true };
        if (name === 'controlid' && result.controlId === undefined) controlId = [];
      }
    },
    close(name, tagStart, _end, depth) {
      if (depth !== 3 || !result) {
        if (depth === 2 && result) {
          // A result without a controlid is read as controlid '' (as the usual parser does).
          if (result.span && !result.open) spans.set(result.controlId ?? '', result.span);
          result = undefined;
        }
        return;
      }
      if (name === 'data' && result.open && result.span) {
        result.span.end = tagStart;
        result.open = false;
        cuts.push(result.span);
      }
      if (name === 'controlid' && controlId) {
        result.controlId = decodeEntities(controlId.join('')).trim();
        controlId = undefined;
      }
    },
    text(from, to, depth) {
      if (controlId && depth === 4) controlId.push(body.slice(from, to));
    },
  });
  let skeleton = '';
  let at = 0;
  for (const cut of cuts) {
    skeleton += body.slice(at, cut.start);
    at = cut.end;
  }
  skeleton += body.slice(at);
  return { skeleton, spans };
}

/** A record element's start tag without attributes, and a field of it read whole (references allowed: the body was checked). */
const RECORD_START = /<([A-Za-z_][\w.\-]*)>/y;
const FIELD_VALUE = /<([A-Za-z_][\w.\-]*)(?:\/>|>([^<]*)<\/\1>)/y;

/**
 * The records within `span` (children of a `<data>` element), one at a time, in document order.
 * Only for a body splitRecords accepted: records are read from the place it checked.
 */
export function scanRecords(body: string, span: RecordSpan, onRecord: (record: XmlRecord) => void): void {
  // Flat records (a start tag without attributes, then distinct fields read whole) are read by a
  // few native matches each; from the first record of any other shape on, the general reader.
  const names = new Map<string, string>();
  const nameOf = (raw: string): string => {
    let name = names.get(raw);
    if (name === undefined) names.set(raw, (name = safeName(raw)));
    return name;
  };
  let at = span.start;
  for (;;) {
    const lt = body.indexOf('<', at);
    if (lt < 0 || lt >= span.end) return;
    RECORD_START.lastIndex = lt;
    const start = RECORD_START.exec(body);
    if (start === null) break;
    const close = `</${start[1]!}>`;
    const record: XmlRecord = { $element: nameOf(start[1]!) };
    let fields = 0;
    let pos = RECORD_START.lastIndex;
    let flat = true;
    for (;;) {
      const next = body.indexOf('<', pos);
      if (next < 0 || next >= span.end) {
        flat = false;
        break;
      }
      if (body.startsWith(close, next)) {
        pos = next + close.length;
        break;
      }
      FIELD_VALUE.lastIndex = next;
      const field = FIELD_VALUE.exec(body);
      if (field === null || FIELD_VALUE.lastIndex > span.end) {
        flat = false;
        break;
      }
      const name = nameOf(field[1]!);
      if (name === '$element' || Object.prototype.hasOwnProperty.call(record, name)) {
        flat = false;
        break;
      }
      const raw = field[2] ?? '';
      record[name] = raw.includes('&') ? decodeEntities(raw) : raw;
      fields += 1;
      pos = FIELD_VALUE.lastIndex;
    }
    if (!flat || fields === 0) break;
    onRecord(record);
    at = pos;
  }
  scanRecordsInGeneral(body, { start: at, end: span.end }, onRecord);
}

/** scanRecords for records of any shape, through the general walk. */
function scanRecordsInGeneral(body: string, span: RecordSpan, onRecord: (record: XmlRecord) => void): void {
  // Most records are flat (distinct fields holding text): built directly. Any other shape is
  // built through the usual element tree, so both give exactly what the usual parser gives.
  let record: XmlRecord = {};
  let recordStart = 0;
  let flat = true;
  let fields = 0;
  let field = '';
  let text = '';
  walk(body, span.start, span.end, false, {
    open(name, tagStart, _end, attrs, _selfClosing, depth) {
      if (depth === 0) {
        record = { $element: name };
        recordStart = tagStart;
        flat = attrs === '';
        fields = 0;
      } else if (depth === 1) {
        if (attrs !== '' || name === '$element' || Object.prototype.hasOwnProperty.call(record, name)) flat = false;
        field = name;
        text = '';
      } else {
        flat = false;
      }
    },
    close(_name, _start, tagEnd, depth) {
      if (depth === 1 && flat) {
        record[field] = decodeEntities(text);
        fields += 1;
      } else if (depth === 0) {
        onRecord(flat && fields > 0 ? record : treeRecord(body, recordStart, tagEnd));
      }
    },
    text(from, to, depth) {
      if (depth === 2 && flat) text += body.slice(from, to);
    },
  });
}

/** One record (body[from, to) is its element) through the usual element tree. */
function treeRecord(body: string, from: number, to: number): XmlRecord {
  const open: { element: Element; text: string[] }[] = [];
  let record: XmlRecord = {};
  walk(body, from, to, false, {
    open(name, _start, _end, attrs) {
      open.push({ element: { name, attrs: attrs === '' ? {} : attributesOf(attrs), children: [], text: '' }, text: [] });
    },
    close() {
      const done = open.pop()!;
      done.element.text = decodeEntities(done.text.join(''));
      const parent = open[open.length - 1];
      if (parent) parent.element.children.push(done.element);
      else record = recordOf(done.element);
    },
    text(from, to) {
      open[open.length - 1]?.text.push(body.slice(from, to));
    },
  });
  return record;
}

function attributesOf(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(ATTRIBUTE)) {
    Object.defineProperty(attrs, safeName(m[1]!), { value: decodeEntities(m[2] ?? m[3] ?? ''), enumerable: true, writable: true, configurable: true });
  }
  return attrs;
}
