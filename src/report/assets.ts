/**
 * Locates files shipped next to the code (templates/, schemas/). The same module runs from the
 * TypeScript sources (tests) and from dist/src/report (the installed package), so the package root
 * is found by walking up to our own package.json rather than by a fixed relative path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
        if (pkg.name === 'intacct-preflight') return (cachedRoot = dir);
      } catch {
        // an unreadable package.json on the way up is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('intacct-preflight: cannot find the package folder (templates/ and schemas/)');
    dir = parent;
  }
}

/** Reads a file shipped with the package, e.g. `templates/report.hbs`. */
export function readAsset(relativePath: string): string {
  return readFileSync(join(packageRoot(), relativePath), 'utf8');
}
