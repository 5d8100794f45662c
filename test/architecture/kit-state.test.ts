/**
 * The executable runs a bundle of the command line (scripts/bundle.mjs), with its own copy of the
 * check kit, while a user check imports the package's `intacct-preflight/kit` (dist/src/kit/). Two
 * copies behave as one only while the kit and all it imports keep no state of their own: no
 * module-level variable, collection, class or symbol that one copy could hold and the other not
 * (checks are told apart by their shape, never by identity).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importGraph } from './imports.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function closure(graph: Map<string, string[]>, start: string): string[] {
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of graph.get(f) ?? []) walk(g);
  };
  walk(start);
  return [...seen].sort();
}

test('the check kit and what it imports hold no module state', () => {
  const files = closure(importGraph(ROOT, ['src']), 'src/kit/index.ts');
  expect(files.length).toBeGreaterThan(10);
  const stateful = /^(?:export\s+)?(?:let\s|var\s|class\s|const\s+\w+\s*(?::[^=]+)?=\s*(?:new\s+(?:Map|Set|WeakMap|WeakSet)\b|Symbol\b|\[\s*\]|\{\s*\}))/m;
  const found = files.filter((f) => stateful.test(readFileSync(join(ROOT, f), 'utf8')));
  expect(found).toEqual([]);
});

/** Where in `value` something can still be changed (a path), or undefined when it is deeply frozen. */
function unfrozen(value: unknown, path: string, seen = new Set<object>()): string | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (typeof value === 'object' && !Object.isFrozen(value)) return path;
  for (const key of Object.keys(value)) {
    const found = unfrozen((value as Record<string, unknown>)[key], `${path}.${key}`, seen);
    if (found) return found;
  }
  return undefined;
}

test("every value the kit exports is deeply frozen: one user module cannot change another's filter or columns", async () => {
  const kit = (await import('../../src/kit/index.js')) as Record<string, unknown>;
  const found: string[] = [];
  const visit = (exports: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(exports)) {
      // A namespace (`facts`) cannot be written to; what it exports is checked like the kit's own.
      if (Object.prototype.toString.call(value) === '[object Module]') visit(value as Record<string, unknown>, `${prefix}${name}.`);
      else if (typeof value !== 'function') {
        const path = unfrozen(value, `${prefix}${name}`);
        if (path) found.push(path);
      }
    }
  };
  visit(kit, '');
  expect(Object.keys(kit).length).toBeGreaterThan(20);
  expect(found).toEqual([]);
});
