/**
 * Where the package lives on disk (for schemas/, checks/settings-catalog.json) and its version.
 * Works from the TypeScript sources (src/cli) and the build (dist/src/cli) alike by walking up to
 * the package.json named intacct-preflight.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function locate(): { root: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'intacct-preflight') return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('intacct-preflight: cannot find its own package.json');
    dir = parent;
  }
}

export function packageRoot(): string {
  return locate().root;
}

export function packageVersion(): string {
  return locate().version;
}

export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
