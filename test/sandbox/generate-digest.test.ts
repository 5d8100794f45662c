/**
 * A generated company is the same, value for value, for the same seed and size: a user's bench
 * figures and a test's expectations depend on it. The digest covers every column's text, numeric
 * view and dictionary of every generated table, plus the copied configuration, so any change to
 * the generator's draws, formatting or proportions changes it. A deliberate change to the
 * generator updates these digests (and says why in its commit). The base is the test fixture, so
 * an edit of a shipped company does not move them.
 */
import { createHash } from 'node:crypto';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import { smallCompany } from './helpers.js';

function digest(company: CompanyFixture): string {
  const h = createHash('sha256');
  const { objects, ...config } = company;
  h.update(JSON.stringify(config));
  for (const name of Object.keys(objects).sort()) {
    const obj = objects[name]!;
    h.update(`\u0000object ${name} ${JSON.stringify(obj.fields ?? null)}`);
    if (!obj.table) {
      h.update(JSON.stringify(obj.records));
      continue;
    }
    const { size, columns } = obj.table;
    h.update(`size ${size} ${JSON.stringify(Object.keys(columns))}`); // column order is the order of a record's keys
    for (const id of Object.keys(columns).sort()) {
      const col = columns[id]!;
      h.update(`\u0000column ${id} ${col.number ? 'n' : ''}${col.dictionary ? `d${JSON.stringify(col.dictionary.values)}` : ''}`);
      const parts: string[] = [];
      for (let i = 0; i < size; i++) {
        parts.push(`${col.text(i)}|${col.number ? col.number(i) : ''}|${col.dictionary ? col.dictionary.code(i) : ''}`);
      }
      h.update(parts.join('\n'));
    }
  }
  return h.digest('hex');
}

describe('generated companies are pinned by seed and size', () => {
  test.each([
    ['1,000 invoices, seed 42', () => generateCompany({ invoices: 1000, seed: 42, base: smallCompany() }), 'e62dd68dd7d82690fd117502d1a0c11ca795f4efc949abb3156f82cb3042ff56'],
    ['2,000 invoices, seed 11', () => generateCompany({ invoices: 2000, seed: 11, base: smallCompany() }), 'e6629396271a72ee3128032a4f843a1c5eabe2281164142236d48b9da342ab8e'],
    ['7 invoices, seed 3 (tables smaller than a sample)', () => generateCompany({ invoices: 7, seed: 3, base: smallCompany() }), 'fb517d8190ae24adad6dbb3702730924488dd276e43cda087d9ae864e8f883fb'],
    ['12,345 invoices, seed -5', () => generateCompany({ invoices: 12_345, seed: -5, base: smallCompany() }), '816b9465d8ed4e05ea0d762829680567494edc7d844c7a73096785be3d155598'],
  ])('%s', (_label, make, expected) => {
    expect(digest(make())).toBe(expected);
  });
});
