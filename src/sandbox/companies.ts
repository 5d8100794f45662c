/**
 * Fixture companies: load one by name (src/sandbox/companies/<name>.json, shipped with the
 * package) or by file path, validating its shape so a hand-edited file fails with one line that
 * names the file and the offending key rather than with a confusing answer from the sandbox.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { packagePath } from '../package.js';
import { join, resolve } from 'node:path';
import type { CompanyFixture } from './fixture.js';
import { isStandardObject, standardFieldIds } from './objects.js';

/** A fixture file that cannot be used; the message is one line naming the file and what to fix. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

/** Folder of the shipped fixture companies. */
export function companiesDir(): string {
  return packagePath('src', 'sandbox', 'companies');
}

function shippedNames(): string[] {
  const dir = companiesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A name such as 'demo' or a path to a JSON file (anything with a slash or ending in .json). */
export function loadCompany(nameOrPath: string): CompanyFixture {
  const isPath = /[\\/]/.test(nameOrPath) || nameOrPath.toLowerCase().endsWith('.json');
  let file: string;
  if (isPath) {
    file = resolve(nameOrPath);
    if (!existsSync(file)) throw new FixtureError(`company file ${nameOrPath} does not exist`);
  } else {
    if (!/^[A-Za-z0-9_-]+$/.test(nameOrPath)) throw new FixtureError(`invalid company name '${nameOrPath}': use a name such as 'demo' or a path to a .json file`);
    file = join(companiesDir(), `${nameOrPath}.json`);
    if (!existsSync(file)) {
      const names = shippedNames();
      throw new FixtureError(`unknown company '${nameOrPath}'; available: ${names.length > 0 ? names.join(', ') : '(none shipped)'}, or give a path to a .json file`);
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new FixtureError(`cannot read company file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`company file ${file} is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  return validateCompany(data, file);
}

/** The shipped companies with their descriptions, sorted by name. Unreadable files are listed with the reason. */
export function listCompanies(): { name: string; description: string }[] {
  return shippedNames().map((name) => {
    try {
      return { name, description: loadCompany(name).description };
    } catch (e) {
      return { name, description: `(invalid: ${(e as Error).message})` };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Shape validation

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new FixtureError(`${this.file}: ${path} ${problem}`);
  }
  obj(v: unknown, path: string): Obj {
    if (!isObj(v)) this.fail(path, 'must be an object');
    return v;
  }
  keys(o: Obj, path: string, allowed: string[], required: string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(`${path}${path ? '.' : ''}${k}`, `is not a known key (expected one of: ${allowed.join(', ')})`);
    for (const k of required) if (!(k in o)) this.fail(`${path}${path ? '.' : ''}${k}`, 'is missing');
  }
  str(v: unknown, path: string, nonEmpty = false): string {
    if (typeof v !== 'string') this.fail(path, 'must be a string');
    if (nonEmpty && v.trim() === '') this.fail(path, 'must not be empty');
    return v;
  }
  optStr(v: unknown, path: string): void {
    if (v !== undefined) this.str(v, path);
  }
  bool(v: unknown, path: string): void {
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
  }
  optBool(v: unknown, path: string): void {
    if (v !== undefined) this.bool(v, path);
  }
  strArray(v: unknown, path: string): string[] {
    if (!Array.isArray(v)) this.fail(path, 'must be an array of strings');
    v.forEach((x, i) => this.str(x, `${path}[${i}]`));
    return v as string[];
  }
  strMap(v: unknown, path: string): void {
    const o = this.obj(v, path);
    for (const [k, x] of Object.entries(o)) if (typeof x !== 'string') this.fail(`${path}.${k}`, 'must be a string (write every preference value as text, e.g. "true")');
  }
}

const TOP_KEYS = ['$schema', 'description', 'company', 'credentials', 'applications', 'financialSetup', 'entities', 'preferences', 'entityPreferences', 'objects', 'deniedObjects', 'disabledObjects', 'sessionTimeoutSeconds'];
const FIELD_KEYS = ['ID', 'LABEL', 'DATATYPE', 'REQUIRED', 'READONLY', 'ISCUSTOM', 'VALIDVALUES'];

/** Checks a parsed fixture and returns it typed; throws FixtureError naming `source` and the bad key. */
export function validateCompany(data: unknown, source: string): CompanyFixture {
  const c: Checker = new Checker(source);
  const top = c.obj(data, '(top level)');
  c.keys(top, '', TOP_KEYS, ['description', 'company', 'credentials', 'applications', 'financialSetup', 'entities', 'preferences', 'objects']);
  c.str(top.description, 'description');

  const company = c.obj(top.company, 'company');
  c.keys(company, 'company', ['id', 'name'], ['id', 'name']);
  c.str(company.id, 'company.id', true);
  c.str(company.name, 'company.name');

  const cred = c.obj(top.credentials, 'credentials');
  c.keys(cred, 'credentials', ['senderId', 'senderPassword', 'userId', 'userPassword', 'authorisedSenders'], ['senderId', 'senderPassword', 'userId', 'userPassword']);
  for (const k of ['senderId', 'senderPassword', 'userId', 'userPassword']) c.str(cred[k], `credentials.${k}`, true);
  if (cred.authorisedSenders !== undefined) c.strArray(cred.authorisedSenders, 'credentials.authorisedSenders');

  c.strArray(top.applications, 'applications');

  const fs = c.obj(top.financialSetup, 'financialSetup');
  c.keys(fs, 'financialSetup', ['baseCurrency', 'defaultBook', 'firstFiscalMonth', 'multiCurrency', 'multiBaseCurrency', 'multiBook', 'multiEntityShared'], ['baseCurrency', 'multiCurrency', 'multiBaseCurrency']);
  c.str(fs.baseCurrency, 'financialSetup.baseCurrency');
  c.optStr(fs.defaultBook, 'financialSetup.defaultBook');
  c.optStr(fs.firstFiscalMonth, 'financialSetup.firstFiscalMonth');
  c.bool(fs.multiCurrency, 'financialSetup.multiCurrency');
  c.bool(fs.multiBaseCurrency, 'financialSetup.multiBaseCurrency');
  c.optBool(fs.multiBook, 'financialSetup.multiBook');
  c.optBool(fs.multiEntityShared, 'financialSetup.multiEntityShared');

  if (!Array.isArray(top.entities)) c.fail('entities', 'must be an array ([] for a single-entity company)');
  const entityIds = new Set<string>();
  top.entities.forEach((e, i) => {
    const p = `entities[${i}]`;
    const ent = c.obj(e, p);
    c.keys(ent, p, ['id', 'name', 'recordno', 'currency', 'private'], ['id', 'name', 'recordno', 'currency']);
    const id = c.str(ent.id, `${p}.id`, true);
    if (entityIds.has(id)) c.fail(`${p}.id`, `repeats entity id '${id}'`);
    entityIds.add(id);
    c.str(ent.name, `${p}.name`);
    c.str(ent.recordno, `${p}.recordno`);
    c.str(ent.currency, `${p}.currency`);
    c.optBool(ent.private, `${p}.private`);
  });

  const prefs = c.obj(top.preferences, 'preferences');
  for (const [app, values] of Object.entries(prefs)) c.strMap(values, `preferences.${app}`);
  if (top.entityPreferences !== undefined) {
    const ep = c.obj(top.entityPreferences, 'entityPreferences');
    for (const [entity, apps] of Object.entries(ep)) {
      if (!entityIds.has(entity)) c.fail(`entityPreferences.${entity}`, `names an entity that is not in entities (${[...entityIds].join(', ') || 'none'})`);
      for (const [app, values] of Object.entries(c.obj(apps, `entityPreferences.${entity}`))) c.strMap(values, `entityPreferences.${entity}.${app}`);
    }
  }

  const objects = c.obj(top.objects, 'objects');
  for (const [name, o] of Object.entries(objects)) {
    const p = `objects.${name}`;
    if (name !== name.toUpperCase()) c.fail(p, 'must be written in upper case (e.g. ARINVOICE)');
    const obj = c.obj(o, p);
    c.keys(obj, p, ['fields', 'records'], ['records']);
    const known = new Set(standardFieldIds(name));
    if (obj.fields !== undefined) {
      if (!Array.isArray(obj.fields)) c.fail(`${p}.fields`, 'must be an array');
      obj.fields.forEach((f, i) => {
        const fp = `${p}.fields[${i}]`;
        const field = c.obj(f, fp);
        c.keys(field, fp, FIELD_KEYS, ['ID']);
        known.add(c.str(field.ID, `${fp}.ID`, true).toUpperCase());
        c.optStr(field.LABEL, `${fp}.LABEL`);
        c.optStr(field.DATATYPE, `${fp}.DATATYPE`);
        for (const b of ['REQUIRED', 'READONLY', 'ISCUSTOM']) c.optBool(field[b], `${fp}.${b}`);
        if (field.VALIDVALUES !== undefined) c.strArray(field.VALIDVALUES, `${fp}.VALIDVALUES`);
      });
    }
    if (!Array.isArray(obj.records)) c.fail(`${p}.records`, 'must be an array of records');
    const checkKeys = isStandardObject(name);
    obj.records.forEach((r, i) => {
      const rp = `${p}.records[${i}]`;
      const rec = c.obj(r, rp);
      for (const [k, v] of Object.entries(rec)) {
        if (checkKeys && !known.has(k.toUpperCase())) c.fail(`${rp}.${k}`, `is not a field of ${name} (declare custom fields in ${p}.fields)`);
        if (v !== null && typeof v !== 'string') c.fail(`${rp}.${k}`, `must be a string or null (write numbers and dates as text, e.g. "12.50", "01/31/2024")`);
      }
    });
  }
  if (top.deniedObjects !== undefined) c.strArray(top.deniedObjects, 'deniedObjects');
  if (top.disabledObjects !== undefined) c.strArray(top.disabledObjects, 'disabledObjects');
  if (top.sessionTimeoutSeconds !== undefined && (typeof top.sessionTimeoutSeconds !== 'number' || !Number.isInteger(top.sessionTimeoutSeconds) || top.sessionTimeoutSeconds < 1)) {
    c.fail('sessionTimeoutSeconds', 'must be a whole number of seconds ≥ 1');
  }
  return data as CompanyFixture;
}
