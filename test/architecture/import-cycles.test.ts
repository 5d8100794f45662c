/**
 * The layers stay layers: no module of src/, checks/ or bench/ imports one that imports it back
 * (directly or through others, type-only imports included), and the result contract imports
 * nothing of ours, so every part of the product can depend on it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { importCycles, importGraph } from './imports.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('import cycles', () => {
  const graph = importGraph(ROOT, ['src', 'checks', 'bench']);

  test('the graph covers the product (the engine phases, checks and bench are all read)', () => {
    expect(graph.get('src/audit/audit.ts')).toEqual(expect.arrayContaining(['src/plan/audit-plan.ts', 'src/gather/audit-facts.ts']));
    expect([...graph.keys()].filter((f) => f.startsWith('checks/')).length).toBeGreaterThan(20);
    expect([...graph.keys()].some((f) => f.startsWith('bench/'))).toBe(true);
  });

  test('none in src/, checks/ or bench/', () => {
    expect(importCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  test('a cycle through a type-only import is found (the detector can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-cycles-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src/a.ts'), "import type { B } from './b.js';\nexport type A = B[];\n");
      writeFileSync(join(dir, 'src/b.ts'), "import { c } from './c.js';\nexport type B = string;\nexport const b = c;\n");
      writeFileSync(join(dir, 'src/c.ts'), "export type { A } from './a.js';\nexport const c = 1;\n");
      writeFileSync(join(dir, 'src/d.ts'), "import { b } from './b.js';\nexport const d = b;\n");
      expect(importCycles(importGraph(dir, ['src']))).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the result contract is a leaf', () => {
  test('src/model/result.ts imports nothing at all', () => {
    const info = ts.preProcessFile(readFileSync(join(ROOT, 'src/model/result.ts'), 'utf8'), true, true);
    expect(info.importedFiles.map((f) => f.fileName)).toEqual([]);
  });
});
