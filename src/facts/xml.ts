/**
 * Tolerant readers for parsed response XML. The gateway's casing and nesting vary between
 * functions (`financialSetup` vs `financialsetup`, one `<Field>` vs many), so facts read values
 * through these instead of assuming one shape.
 */
import type { XmlRecord, XmlValue } from '../intacct/functions.js';

/** Text of a value: a string as is, an element's own text, otherwise undefined. */
export function textOf(value: XmlValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 1 ? textOf(value[0]) : undefined;
  for (const key of ['#text', '$text', '_text', '_']) {
    const t = value[key];
    if (typeof t === 'string') return t;
  }
  // An element with no children and no text (e.g. `<CURRENCY/>`) is an empty string.
  return Object.keys(value).every((k) => k.startsWith('$') || k.startsWith('@')) ? '' : undefined;
}

/** Child value by name, case-insensitively (exact match first). */
export function child(rec: XmlRecord, name: string): XmlValue | undefined {
  if (name in rec) return rec[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(rec)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function childText(rec: XmlRecord, name: string): string | undefined {
  return textOf(child(rec, name));
}

/** The element name the client recorded for a `<data>` child. */
export function elementName(rec: XmlRecord): string | undefined {
  const n = rec['$element'];
  return typeof n === 'string' ? n : undefined;
}

/** Repeated or single element values as a list. */
export function asList(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every record at any depth under `value` for which `match` holds (depth-first, document order). */
export function findRecords(value: XmlValue | undefined, match: (rec: XmlRecord) => boolean): XmlRecord[] {
  const out: XmlRecord[] = [];
  const walk = (v: XmlValue | undefined): void => {
    if (v === undefined || typeof v === 'string') return;
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (match(v)) {
      out.push(v);
      return;
    }
    for (const [k, c] of Object.entries(v)) if (!k.startsWith('@') && !k.startsWith('$')) walk(c);
  };
  walk(value);
  return out;
}

/** Booleans as Intacct writes them: true/false, T/F, Y/N, yes/no, 1/0. Undefined when not a flag. */
export function parseFlag(value: string | undefined | null): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim().toLowerCase();
  if (['true', 't', 'y', 'yes', '1', 'on', 'enabled'].includes(v)) return true;
  if (['false', 'f', 'n', 'no', '0', 'off', 'disabled', ''].includes(v)) return false;
  return undefined;
}
