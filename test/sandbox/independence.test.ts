/**
 * The sandbox is written independently of the client, so a misreading of the protocol in one is
 * not mirrored in the other: nothing under src/sandbox/ imports the client, the audit pipeline or
 * the checks. Its only way out of its folder is the package-path helper (to find the shipped
 * companies); outside packages are Node's own and its XML parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sandbox = join(root, 'src', 'sandbox');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every module a file imports or re-exports (static and dynamic), as written. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

test('src/sandbox imports only itself, src/package.ts, node: modules and fast-xml-parser', () => {
  const files = sources(sandbox);
  expect(files.length).toBeGreaterThan(20);
  const outside: string[] = [];
  for (const file of files) {
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec));
        if (!target.startsWith(join('src', 'sandbox') + '/') && target !== join('src', 'package.js')) outside.push(`${relative(root, file)} → ${spec}`);
      } else if (!spec.startsWith('node:') && spec !== 'fast-xml-parser') {
        outside.push(`${relative(root, file)} → ${spec}`);
      }
    }
  }
  expect(outside).toEqual([]);
});
