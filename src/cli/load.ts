/**
 * How bin.js loads the command line. The build bundles src/cli/entry.ts and all it loads (some 300
 * modules of ours and of our dependencies) into one file, dist/src/cli/cli.bundle.cjs, and saves
 * V8's code cache of a demo audit beside it (cli.bundle.cache): loading one file from its cache
 * spares an audit most of the module loading and compiling it would do at every start. Without a
 * bundle (the TypeScript sources, or tsc output alone) the modules load as they are; a cache that V8
 * refuses (another Node version or other flags) only costs the compile it would have saved.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type * as Entry from './entry.js';

export type CommandLine = typeof Entry;

export interface LoadedCommandLine {
  cli: CommandLine;
  /** Whether it came from the bundle, and whether V8 took its code cache. */
  bundled: boolean;
  cacheUsed: boolean;
  /** Writes V8's code cache of the bundle as it is now (the build calls it after a demo audit). */
  saveCodeCache(): void;
}

export const BUNDLE_FILE = 'cli.bundle.cjs';
export const CACHE_FILE = 'cli.bundle.cache';

export async function loadCommandLine(dir: string = dirname(fileURLToPath(import.meta.url))): Promise<LoadedCommandLine> {
  const file = join(dir, BUNDLE_FILE);
  const cacheFile = join(dir, CACHE_FILE);
  if (!existsSync(file)) {
    return { cli: await import('./entry.js'), bundled: false, cacheUsed: false, saveCodeCache: () => undefined };
  }
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // Wrapped as Node wraps a CommonJS module, plus what scripts/bundle.mjs made each module use:
  // its import.meta.url (from its path in dist/) and, for import() of a computed name (a user
  // check), this module's import(), which V8 would refuse inside a script from a code cache.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __preflightModuleUrl, __preflightImport) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as CommandLine };
  const moduleUrl = (relative: string) => pathToFileURL(join(dir, relative)).href;
  const importModule = (specifier: string): Promise<unknown> => import(specifier);
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dir, moduleUrl, importModule);
  return {
    cli: module.exports,
    bundled: true,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    saveCodeCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}
