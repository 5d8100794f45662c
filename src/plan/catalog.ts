/**
 * The settings catalog: which `get_companyprefs` application and preference names each setting a
 * check reads lives under. Shipped as checks/settings-catalog.json (unverified names are marked),
 * and overridable from the config file once a consultant has confirmed the names in a company.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../package.js';
import { CatalogError } from '../util/errors.js';
import type { SettingEntry, SettingsCatalog } from '../model/check.js';

export const CATALOG_FILE = 'checks/settings-catalog.json';

/** Overrides from the config file: a partial entry changes only the fields it names. */
export type CatalogOverrides = Record<string, Partial<SettingEntry> | undefined>;

/** The shipped catalog merged with overrides, validated. */
export function loadSettingsCatalog(overrides: CatalogOverrides = {}, file = packagePath(CATALOG_FILE)): SettingsCatalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new CatalogError(`Cannot read the settings catalog ${file}: ${why}.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CatalogError(`${file}: expected an object of settings.`);
  const base: SettingsCatalog = {};
  for (const [name, entry] of Object.entries(raw)) {
    if (name.startsWith('$')) continue; // $schema, $comment
    base[name] = validateEntry(name, entry, file);
  }
  return mergeCatalog(base, overrides);
}

export function mergeCatalog(base: SettingsCatalog, overrides: CatalogOverrides = {}): SettingsCatalog {
  const merged: SettingsCatalog = { ...base };
  for (const [name, patch] of Object.entries(overrides)) {
    if (patch === undefined) continue;
    if (typeof patch !== 'object' || patch === null) throw new CatalogError(`catalog.${name}: expected an object.`);
    merged[name] = validateEntry(name, { ...base[name], ...patch }, 'config catalog');
  }
  return merged;
}

function validateEntry(name: string, entry: unknown, where: string): SettingEntry {
  const fail = (what: string): never => {
    throw new CatalogError(`${where}: setting "${name}" ${what}.`);
  };
  if (typeof entry !== 'object' || entry === null) return fail('must be an object');
  const e = entry as Partial<SettingEntry>;
  if (typeof e.application !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(e.application)) return fail('needs "application" (e.g. "AR")');
  if (!Array.isArray(e.candidates) || e.candidates.length === 0 || e.candidates.some((c) => typeof c !== 'string' || c.trim() === '')) {
    return fail('needs "candidates": a non-empty list of preference names');
  }
  if (typeof e.verified !== 'boolean') return fail('needs "verified": true or false');
  if (typeof e.label !== 'string' || e.label.trim() === '') return fail('needs "label": the setting as Intacct shows it');
  if (e.kind !== 'flag' && e.kind !== 'non-empty') return fail('needs "kind": "flag" or "non-empty"');
  const out: SettingEntry = {
    application: e.application.toUpperCase(),
    candidates: [...e.candidates],
    verified: e.verified,
    label: e.label,
    kind: e.kind,
  };
  if (typeof e.source === 'string') out.source = e.source;
  return out;
}
