/** Object-level facts: field definitions (`lookup`) and whether the user may read an object at all. */
import type { FactDef } from '../model/check.js';
import { gatedBySubscription } from './subscriptions.js';
import { childText, findRecords, parseFlag } from './xml.js';

export interface ObjectField {
  id: string;
  label: string;
  dataType: string;
  required: boolean;
  readOnly: boolean;
  isCustom: boolean;
  validValues?: string[];
}

export interface ObjectDefinition {
  object: string;
  fields: ObjectField[];
}

/** `lookup OBJECT`: each queryable field with its REQUIRED / ISCUSTOM flags. */
export function objectLookup(object: string): FactDef<ObjectDefinition> {
  const name = object.toUpperCase();
  return {
    key: `lookup:${name}`,
    request: () => ({ function: 'lookup', object: name }),
    interpret: (data) => {
      // Fields sit under Type/Fields/Field; Relationships carry OBJECTPATH, never an ID + DATATYPE pair.
      const fields = findRecords(
        data.records,
        (r) => childText(r, 'ID') !== undefined && (childText(r, 'DATATYPE') !== undefined || childText(r, 'LABEL') !== undefined),
      ).map((r) => {
        const field: ObjectField = {
          id: childText(r, 'ID')!.trim(),
          label: childText(r, 'LABEL')?.trim() ?? '',
          dataType: childText(r, 'DATATYPE')?.trim() ?? '',
          required: parseFlag(childText(r, 'REQUIRED')) ?? false,
          readOnly: parseFlag(childText(r, 'READONLY')) ?? false,
          isCustom: parseFlag(childText(r, 'ISCUSTOM')) ?? false,
        };
        const values = collectValidValues(r);
        if (values.length) field.validValues = values;
        return field;
      });
      if (fields.length === 0) throw new Error(`lookup ${name} returned no field definitions`);
      return { object: name, fields };
    },
  };
}

/** VALIDVALUES/VALIDVALUE text entries of a field record. */
function collectValidValues(rec: Parameters<typeof childText>[0]): string[] {
  const container = Object.entries(rec).find(([k]) => k.toUpperCase() === 'VALIDVALUES')?.[1];
  if (container === undefined || typeof container === 'string') return [];
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.trim()) out.push(v.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) if (!k.startsWith('@') && !k.startsWith('$')) walk(c);
  };
  walk(container);
  return out;
}

export interface ObjectProbe {
  object: string;
  readable: true;
}

/**
 * Can this user read OBJECT? One `query` of RECORDNO with page size 1: cheap whatever the
 * company's size. A permission denial comes back as the fact's error (kind `permission`).
 */
export function objectProbe(object: string): FactDef<ObjectProbe> {
  const name = object.toUpperCase();
  // A query of records: not sent for an object of an application the company does not subscribe to.
  return gatedBySubscription(name, {
    key: `probe:${name}`,
    request: () => ({ function: 'query', object: name, select: ['RECORDNO'], pageSize: 1 }),
    interpret: () => ({ object: name, readable: true }),
  });
}
