/**
 * Per-check options from the config file (`checkOptions`), the way lint rules take options: a
 * check declares a JSON Schema and defaults (CheckMeta.options), the config gives values, and
 * every mistake is a usage error before any network — an unknown id, options for a check that
 * takes none, a value of the wrong shape. Options change what a check reads, so the verdict
 * rests on them: a check's evidence says which were in force when they are not the defaults.
 */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../util/json-schema.js';
import { UsageError } from '../util/errors.js';
import { unknownCheckError } from './check-ids.js';
import { located } from './policy.js';
import type { Check, CheckOptions, Evidence } from '../model/check.js';

export type CheckOptionsConfig = Record<string, Record<string, unknown>>;

/**
 * Options in force by check id, for every check that declares options (defaults merged with the
 * config's). Checks without options are absent: they get `{}`.
 */
export function resolveCheckOptions(checks: Check[], given: CheckOptionsConfig = {}, source?: string): Map<string, CheckOptions> {
  const ids = checks.map((c) => c.meta.id);
  const byId = new Map(checks.map((c) => [c.meta.id, c] as const));
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new UsageError(`${located(source, 'checkOptions')} must be an object: check id → options object.`);
  }
  for (const [id, options] of Object.entries(given)) {
    const check = byId.get(id);
    const at = located(source, `checkOptions.${id}`);
    if (!check) throw unknownCheckError(id, ids, at);
    if (!check.meta.options) throw new UsageError(`${at}: the check ${id} takes no options; remove its entry.`);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new UsageError(`${at} must be an object of options (got ${describe(options)}).`);
    }
    const validate = validatorFor(check);
    if (!validate(options)) throw new UsageError(`${at}: ${explain(validate.errors?.[0], options)}.`);
  }
  const resolved = new Map<string, CheckOptions>();
  for (const check of checks) {
    if (!check.meta.options) continue;
    resolved.set(check.meta.id, Object.freeze({ ...structuredClone(check.meta.options.defaults), ...structuredClone(given[check.meta.id] ?? {}) }));
  }
  return resolved;
}

/** The options a check runs with: those resolved for it, else its defaults, else `{}`. */
export function optionsOf(check: Check, resolved?: ReadonlyMap<string, CheckOptions>): CheckOptions {
  return resolved?.get(check.meta.id) ?? Object.freeze({ ...(check.meta.options?.defaults ?? {}) });
}

/** Only the options that differ from the check's defaults: what a config changed. */
export function changedOptions(check: Check, options: CheckOptions): Record<string, unknown> {
  const defaults = check.meta.options?.defaults ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (JSON.stringify(v) !== JSON.stringify(defaults[k])) out[k] = v;
  }
  return out;
}

/** Evidence saying which non-default options a verdict rests on; undefined at the defaults. */
export function optionsEvidence(check: Check, options: CheckOptions): Evidence | undefined {
  const changed = changedOptions(check, options);
  if (Object.keys(changed).length === 0) return undefined;
  return { source: 'config', field: 'checkOptions', observed: JSON.stringify(options), note: `options: ${JSON.stringify(changed)}` };
}

// ---------------------------------------------------------------------------------------------

const validators = new WeakMap<object, ValidateFunction>();
let ajv: Ajv2020 | undefined;

function validatorFor(check: Check): ValidateFunction {
  const schema = check.meta.options!.schema;
  let v = validators.get(schema);
  if (!v) {
    // Not strict: a user check's schema may use keywords ajv's strict mode frowns on.
    ajv ??= createAjv({ allErrors: false, strict: false, verbose: true }, 'none'); // verbose: errors carry their schema (known option names)
    try {
      v = ajv.compile(schema);
    } catch (e) {
      throw new UsageError(`check ${check.meta.id} declares an options schema that is not valid JSON Schema: ${(e as Error).message}`);
    }
    validators.set(schema, v);
  }
  return v;
}

/** One ajv error as a consultant reads it: where (`excludeJournals[0]`), what was expected, what was given. */
function explain(err: ErrorObject | undefined, options: unknown): string {
  if (!err) return 'invalid options';
  const path = toPath(err.instancePath);
  const got = valueAt(options, err.instancePath);
  switch (err.keyword) {
    case 'additionalProperties': {
      const name = String((err.params as { additionalProperty: string }).additionalProperty);
      const where = path ? `${path}.${name}` : name;
      const known = Object.keys(((err.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      return `unknown option "${where}"${known.length ? `; expected one of ${known.join(', ')}` : ''}`;
    }
    case 'required':
      return `option "${[path, (err.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.')}" is required`;
    case 'enum':
      return `${path || 'options'} must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')} (got ${describe(got)})`;
    default:
      return `${path || 'options'} ${err.message ?? 'is invalid'} (got ${describe(got)})`;
  }
}

/** `/excludeJournals/0` → `excludeJournals[0]`. */
function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const p of pointer.split('/').slice(1)) v = (v as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
