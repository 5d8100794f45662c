/**
 * The report's JSON Schema (schemas/report.schema.json) and validation against it. Everything that
 * reads a saved report (render, diff, baselines) goes through `validateResult`, so a hand-edited or
 * truncated file is refused with the path of what is wrong instead of crashing a renderer.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { AuditResult } from './model.js';
import { readAsset } from '../package.js';

/** Where the schema is published; `report.json` points its `$schema` here so editors can validate it. */
export const REPORT_SCHEMA_URL = 'https://unpkg.com/intacct-preflight/schemas/report.schema.json';
/** The schemaVersion this build writes and reads. */
export const REPORT_SCHEMA_VERSION = 1;

// ajv-formats is CommonJS with `exports.default`: under NodeNext the default import is the module
// object, whose `default` is the plugin (the types describe it the other way round).
type FormatsPlugin = (ajv: Ajv2020, formats: string[]) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

let cachedSchema: Record<string, unknown> | undefined;
let cachedValidator: ValidateFunction | undefined;

export function reportSchema(): Record<string, unknown> {
  cachedSchema ??= JSON.parse(readAsset('schemas/report.schema.json')) as Record<string, unknown>;
  return cachedSchema;
}

function validator(): ValidateFunction {
  if (!cachedValidator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ['date', 'date-time', 'uri']);
    cachedValidator = ajv.compile(reportSchema());
  }
  return cachedValidator;
}

export type ValidationOutcome = { ok: true; result: AuditResult } | { ok: false; errors: string[] };

/** Checks a parsed report against the schema; errors are `path: message` lines. */
export function validateResult(data: unknown): ValidationOutcome {
  const validate = validator();
  if (validate(data)) return { ok: true, result: data as AuditResult };
  const errors = (validate.errors ?? []).map(describeError);
  return { ok: false, errors: [...new Set(errors)] };
}

function describeError(error: ErrorObject): string {
  const path = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${path}: unknown property "${String(params.additionalProperty)}"`;
    case 'required':
      return `${path}: missing required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${path}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${path}: must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}
