/** Field names of a request resolved against an object's schema, failing as Intacct does for an unknown one. */
import { Errors, FunctionFailure } from '../errors.js';
import type { Column, ObjectState } from '../table.js';

/** The column of a field (any case, surrounding spaces ignored). */
export function fieldColumn(obj: ObjectState, field: string): Column {
  const id = field.trim().toUpperCase();
  if (!obj.byId.has(id)) throw new FunctionFailure([Errors.unknownField(obj.name, field.trim())]);
  return obj.column(id);
}

/** A comma-separated field list (readByQuery, read); empty or '*' means every field, in schema order. */
export function fieldList(obj: ObjectState, text: string | undefined): string[] {
  const t = (text ?? '').trim();
  if (t === '' || t === '*') return obj.fields.map((f) => f.ID);
  return t.split(',').map((f) => fieldColumn(obj, f).def.ID);
}
