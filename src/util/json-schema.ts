/**
 * The one ajv set-up: draft 2020-12 with ajv-formats, for the schemas we publish (report, snapshot:
 * strict, every error collected), the config file and the checks' option schemas; and ajv's errors
 * turned into `path: message` lines a person can act on.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

// ajv is loaded only when a schema is compiled (a config file, check options, a saved report or
// snapshot): an audit that needs none of them starts without it, ~150 ms sooner.
const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with `exports.default` (the plugin); no formats given adds them all.
type FormatsPlugin = (ajv: Ajv2020, formats?: string[]) => unknown;

export interface AjvOptions {
  strict: boolean;
  allErrors: boolean;
  /** Errors carry their schema (e.g. the known property names). */
  verbose?: boolean;
  allowUnionTypes?: boolean;
  /** Keeps each validator's source, for ajv's standalone code (schemaModuleSource). */
  code?: { source: boolean };
}

/** A draft 2020-12 ajv with the given string formats: a list, every format ajv-formats knows, or none. */
export function createAjv(options: AjvOptions, formats: string[] | 'all' | 'none'): Ajv2020 {
  const Ajv = (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
  const ajv = new Ajv(options);
  const plugin = require('ajv-formats') as FormatsPlugin & { default?: FormatsPlugin };
  const addFormats = plugin.default ?? plugin;
  if (formats === 'all') addFormats(ajv);
  else if (formats !== 'none') addFormats(ajv, formats);
  return ajv;
}

/** Compiles one of our published schemas; callers keep the function, since compiling is the slow part. */
export function compileSchema(
  schema: Record<string, unknown>,
  formats: string[],
  options: { allowUnionTypes?: boolean; verbose?: boolean } = {},
): ValidateFunction {
  return createAjv({ allErrors: true, strict: true, ...options }, formats).compile(schema);
}

/**
 * compileSchema's validator as the text of a CommonJS module (ajv's standalone code: the same
 * generated function, and `require`s of ajv's runtime and ajv-formats' formats), for the build to
 * save so that a run loads it instead of compiling the schema.
 */
export function schemaModuleSource(schema: Record<string, unknown>, formats: string[], options: { allowUnionTypes?: boolean; verbose?: boolean } = {}): string {
  const ajv = createAjv({ allErrors: true, strict: true, ...options, code: { source: true } }, formats);
  const standalone = require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, validate: ValidateFunction) => string };
  return standalone.default(ajv, ajv.compile(schema));
}

/** One ajv error as `path: message`, naming the property or the allowed values where ajv only hints at them. */
export function describeSchemaError(error: ErrorObject): string {
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
