/**
 * The default settings catalog (checks/settings-catalog.json). A data file, not code, so a
 * consultant can read it and a config file can override entries without a release.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingEntry, SettingsCatalog } from '../../src/engine/types.js';

/** Where the JSON sits both when running from sources (checks/lib) and from dist (dist/checks/lib). */
function catalogPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../settings-catalog.json'), resolve(here, '../../../checks/settings-catalog.json')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`settings catalog not found (looked in ${candidates.join(', ')})`);
  return found;
}

let cached: SettingsCatalog | undefined;

/** The built-in catalog; a fresh copy each call so callers may merge overrides into it. */
export function defaultSettingsCatalog(): SettingsCatalog {
  cached ??= parseCatalog(JSON.parse(readFileSync(catalogPath(), 'utf8')) as unknown, 'checks/settings-catalog.json');
  return structuredClone(cached);
}

/** Validates a catalog object (the file, or a config override); throws one line naming the bad entry. */
export function parseCatalog(data: unknown, origin: string): SettingsCatalog {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${origin}: expected an object of settings`);
  const out: SettingsCatalog = {};
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    const e = raw as Partial<SettingEntry> | null;
    const bad = (what: string): never => {
      throw new Error(`${origin}: setting "${key}" ${what}`);
    };
    if (typeof e !== 'object' || e === null) bad('must be an object');
    if (typeof e!.application !== 'string' || !e!.application) bad('needs "application" (e.g. "AR")');
    if (!Array.isArray(e!.candidates) || e!.candidates.length === 0 || !e!.candidates.every((c) => typeof c === 'string' && c))
      bad('needs "candidates": a non-empty list of preference names');
    if (typeof e!.verified !== 'boolean') bad('needs "verified": true or false');
    if (typeof e!.label !== 'string' || !e!.label) bad('needs "label" (the setting as shown in Intacct, with its menu path)');
    if (e!.kind !== 'flag' && e!.kind !== 'non-empty') bad('needs "kind": "flag" or "non-empty"');
    out[key] = {
      application: e!.application!.toUpperCase(),
      candidates: [...e!.candidates!],
      verified: e!.verified!,
      label: e!.label!,
      kind: e!.kind!,
      ...(typeof e!.source === 'string' ? { source: e!.source } : {}),
    };
  }
  return out;
}
