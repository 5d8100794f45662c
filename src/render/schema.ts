/**
 * The report's JSON Schema (schemas/report.schema.json) and validation against it. Everything that
 * reads a saved report (render, diff, baselines) goes through `validateResult`, so a hand-edited or
 * truncated file is refused with the path of what is wrong instead of crashing a renderer.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { AuditResult } from '../model/result.js';
import { readAsset } from '../package.js';
import { compileSchema, describeSchemaError } from '../util/json-schema.js';

/** Where the schema is published; `report.json` points its `$schema` here so editors can validate it. */
export const REPORT_SCHEMA_URL = 'https://unpkg.com/intacct-preflight/schemas/report.schema.json';
/** The schemaVersion this build writes and reads. */
export const REPORT_SCHEMA_VERSION = 1;

let cachedSchema: Record<string, unknown> | undefined;
let cachedValidator: ValidateFunction | undefined;

export function reportSchema(): Record<string, unknown> {
  cachedSchema ??= JSON.parse(readAsset('schemas/report.schema.json')) as Record<string, unknown>;
  return cachedSchema;
}

function validator(): ValidateFunction {
  cachedValidator ??= compileSchema(reportSchema(), ['date', 'date-time', 'uri'], { allowUnionTypes: true });
  return cachedValidator;
}

export type ValidationOutcome = { ok: true; result: AuditResult } | { ok: false; errors: string[] };

/** Checks a parsed report against the schema; errors are `path: message` lines. */
export function validateResult(data: unknown): ValidationOutcome {
  const validate = validator();
  if (validate(data)) return { ok: true, result: data as AuditResult };
  const errors = (validate.errors ?? []).map(describeSchemaError);
  return { ok: false, errors: [...new Set(errors)] };
}

/**
 * Throws unless `result` is a valid report: what the audit writes is asserted before it is written,
 * so render, diff and --baseline never meet a report.json of ours they refuse.
 */
export function assertValidResult(result: AuditResult): void {
  const outcome = validateResult(JSON.parse(JSON.stringify(result)));
  if (outcome.ok) return;
  const shown = outcome.errors.slice(0, 3).join('; ');
  throw new Error(`the report is not valid against schemas/report.schema.json (${shown}); nothing was written`);
}
