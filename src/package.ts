/**
 * Where intacct-preflight lives on disk and its version. Files shipped beside the code
 * (templates/, schemas/, checks/settings-catalog.json, the sandbox companies) are found from the
 * package root, which is located by walking up to our own package.json: the same modules run from
 * the TypeScript sources (tests) and from dist/src/ (the build and the installed package).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function locate(): { root: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'intacct-preflight') return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
      } catch {
        // an unreadable package.json on the way up is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('intacct-preflight: cannot find its own package folder (package.json)');
    dir = parent;
  }
}

export function packageRoot(): string {
  return locate().root;
}

export function packageVersion(): string {
  return locate().version;
}

/** Absolute path of a file shipped with the package, e.g. `packagePath('schemas', 'report.schema.json')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/** Reads a text file shipped with the package, e.g. `templates/report.hbs`. */
export function readAsset(relativePath: string): string {
  return readFileSync(join(packageRoot(), relativePath), 'utf8');
}
