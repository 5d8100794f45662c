import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettingsCatalog } from '../../src/plan/catalog.js';
import { packageRoot } from '../../src/package.js';
import { CatalogError } from '../../src/util/errors.js';

describe('settings catalog', () => {
  it('finds the package root and loads the shipped catalog with validated entries', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
    const catalog = loadSettingsCatalog();
    const entries = Object.values(catalog);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.application).toMatch(/^[A-Z][A-Z0-9]*$/);
      expect(e.candidates.length).toBeGreaterThan(0);
      expect(['flag', 'non-empty']).toContain(e.kind);
    }
  });

  it('merges a partial override over a shipped entry, and adds a complete new one', () => {
    const [name, entry] = Object.entries(loadSettingsCatalog())[0]!;
    const merged = loadSettingsCatalog({
      [name]: { candidates: ['CONFIRMEDNAME'], verified: true },
      extra: { application: 'gl', candidates: ['X'], verified: false, label: 'GL > X', kind: 'flag' },
    });
    expect(merged[name]).toEqual({ ...entry, candidates: ['CONFIRMEDNAME'], verified: true });
    expect(merged.extra).toMatchObject({ application: 'GL', candidates: ['X'] });
  });

  it('rejects an override that leaves an entry incomplete, naming the setting', () => {
    expect(() => loadSettingsCatalog({ brandNew: { candidates: ['X'] } })).toThrow(CatalogError);
    expect(() => loadSettingsCatalog({ brandNew: { candidates: ['X'] } })).toThrow('config catalog: setting "brandNew" needs "application"');
    const [name] = Object.keys(loadSettingsCatalog());
    expect(() => loadSettingsCatalog({ [name!]: { candidates: [] } })).toThrow(`setting "${name}" needs "candidates"`);
  });

  it('says which file it could not read', () => {
    expect(() => loadSettingsCatalog({}, '/nonexistent/catalog.json')).toThrow('Cannot read the settings catalog /nonexistent/catalog.json: file not found.');
  });
});
