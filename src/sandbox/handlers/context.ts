/**
 * What every function handler shares: its call context, its result, failing with gateway errors,
 * and the few argument and record forms the read functions have in common.
 */
import type { Company } from '../company.js';
import { Errors, FunctionFailure, type GatewayError } from '../errors.js';
import type { ResultSets } from '../query/result-sets.js';
import type { ObjectState } from '../table.js';
import type { XmlWriter, XNode } from '../xml.js';

export interface CallContext {
  company: Company;
  /** Entity of the session, null at top level. */
  entity: string | null;
  results: ResultSets;
}

export interface Outcome {
  xml: string;
  /** Rows of the object the function examined (a full scan: there are no indexes). */
  rows: number;
}

/**
 * Turns a parsed `<function>` child into the XML of its `<result>` (the part after
 * status/function/controlid). Fails by throwing FunctionFailure; never changes the company.
 */
export type Handler = (node: XNode, ctx: CallContext, fn: string) => Outcome;

export function fail(...errors: GatewayError[]): never {
  throw new FunctionFailure(errors);
}

/** The object a function reads, checked for existence, permission and feature. */
export function requireObject(ctx: CallContext, fn: string, name: string | undefined): ObjectState {
  if (name === undefined || name.trim() === '') fail(Errors.invalidArgument(`${fn}: the object element is required`));
  const obj = ctx.company.object(name);
  if (!obj) fail(Errors.unknownObject(name.trim()));
  if (ctx.company.denied.has(obj.name)) fail(Errors.permission(fn, obj.name));
  if (ctx.company.disabled.has(obj.name)) fail(Errors.disabled(obj.name));
  return obj;
}

/** A whole-number argument in [min, max]; absent or blank gives the default. */
export function integerArg(fn: string, name: string, text: string | undefined, min: number, max: number, dflt: number): number {
  if (text === undefined || text.trim() === '') return dflt;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < min || n > max) fail(Errors.invalidArgument(`${fn}: ${name} must be a whole number from ${min} to ${max}, got '${text}'`));
  return n;
}

export function booleanArg(text: string | undefined): boolean {
  return (text ?? '').trim().toLowerCase() === 'true';
}

/** The sandbox answers in XML only; `element` names the option as the function spells it. */
export function requireXmlFormat(fn: string, element: string, text: string | undefined): void {
  const format = (text ?? 'xml').trim().toLowerCase();
  if (format !== 'xml' && format !== '') fail(Errors.invalidArgument(`${fn}: ${element} '${format}' is not supported by the sandbox (use xml)`));
}

export function writeRecord(w: XmlWriter, element: string, obj: ObjectState, row: number, fields: string[]): void {
  w.open(element);
  for (const f of fields) w.leaf(f, obj.column(f).text(row));
  w.close(element);
}

export function bool(b: boolean): string {
  return b ? 'true' : 'false';
}
