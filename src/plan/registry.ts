/**
 * Where checks come from: the built-in registry (checks/index.ts) and user check folders. A user
 * check is an ES module with the same interface as a built-in one; it is validated when loaded so
 * a broken module fails with its file name and what is wrong, before anything is read.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { checks as builtinRegistry } from '../../checks/index.js';
import { errorLine, UserCheckError } from '../util/errors.js';
import { describeKind } from '../util/input.js';
import type { Check } from '../model/check.js';
import { isolatedCheckOf } from '../model/isolated.js';
import { isolatedCheck } from '../evaluate/isolated-checks.js';
import { holdHost } from '../evaluate/user-pool.js';

import { importUserCheck } from './user-module.js';

export { CHECK_ID_PATTERN, checkShapeProblem } from './check-shape.js';

const origins = new WeakMap<Check, string>();

/** `builtin`, or the folder a user check was loaded from. */
export function originOf(check: Check): string {
  return origins.get(check) ?? isolatedCheckOf(check)?.folder ?? 'builtin';
}

export function builtinChecks(): Check[] {
  return [...(builtinRegistry as unknown as Check[])];
}

/**
 * Imports every `.js` / `.mjs` file of `dir` (not sub-folders; files starting with `_` or `.` are
 * helpers and skipped). `.js` files are ES modules only when the folder's package.json says
 * `"type": "module"`; use `.mjs` otherwise. Ids must not clash with `existing` or each other.
 */
export async function loadUserChecks(dir: string, existing: Check[] = builtinChecks()): Promise<Check[]> {
  const { folder, files } = checkModules(dir);
  const taken = takenIds(existing);
  const loaded: Check[] = [];
  for (const file of files) {
    const check = await importCheck(file);
    claimId(taken, check.meta.id, folder, file);
    origins.set(check, folder);
    loaded.push(check);
  }
  return loaded;
}

/**
 * The user checks of `dirs` as the audit runs them: loaded in a worker thread the engine can
 * stop (evaluate/user-host.ts), each module within the time limit, with the same rules and
 * messages as loadUserChecks. No folder, no worker. `close` ends the worker when the run is done.
 */
export async function loadIsolatedChecks(
  dirs: string[],
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ checks: Check[]; close(): Promise<void> }> {
  const all = builtinChecks();
  if (dirs.length === 0) return { checks: all, close: async () => undefined };
  const folders = dirs.map(checkModules);
  const files = folders.flatMap((f) => f.files);
  const { host, loaded, release } = holdHost(JSON.stringify([opts.timeoutMs, ...files.map((f) => [f, statSync(f).mtimeMs])]), opts.timeoutMs);
  try {
    const taken = takenIds(all);
    for (const { folder, files } of folders) {
      for (const file of files) {
        let module = loaded.get(file);
        if (!module) {
          const syntax = await syntaxProblem(file);
          if (syntax) throw new UserCheckError(file, `could not be loaded: ${syntax}`);
          module = await host.load(file, opts.signal);
          loaded.set(file, module);
        }
        claimId(taken, module.meta.id, folder, file);
        all.push(isolatedCheck(host, file, folder, module.meta));
      }
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { checks: all, close: release };
}

/** The module files of a check folder, in name order (see loadUserChecks). */
function checkModules(dir: string): { folder: string; files: string[] } {
  const folder = resolve(dir);
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new UserCheckError(folder, 'is not a folder (--checks-dir expects a folder of check modules)');
    names = readdirSync(folder);
  } catch (e) {
    if (e instanceof UserCheckError) throw e;
    throw new UserCheckError(folder, `cannot read the check folder (${(e as NodeJS.ErrnoException).code ?? errorLine(e)})`);
  }
  const files = names
    .filter((n) => ['.js', '.mjs'].includes(extname(n)) && !n.startsWith('_') && !n.startsWith('.'))
    .sort()
    .map((n) => join(folder, n))
    .filter(isModuleFile);
  if (files.length === 0) throw new UserCheckError(folder, 'contains no check modules (.js or .mjs files)');
  return { folder, files };
}

function takenIds(existing: Check[]): Map<string, string> {
  return new Map(existing.map((c) => [c.meta.id, originOf(c)] as const));
}

/** Ids must not clash with a built-in check or another user check. */
function claimId(taken: Map<string, string>, id: string, folder: string, file: string): void {
  const clash = taken.get(id);
  if (clash !== undefined) {
    const other = clash === 'builtin' ? 'a built-in check' : `another user check in ${clash}`;
    throw new UserCheckError(file, `check id "${id}" is already used by ${other}; give this check its own id`);
  }
  taken.set(id, `${folder} (${basename(file)})`);
}

/**
 * Whether a candidate is a module file to load: sub-folders are skipped; a symbolic link that loops
 * or leads nowhere, a FIFO or a device is refused (importing a FIFO would wait forever).
 */
function isModuleFile(file: string): boolean {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ELOOP' ? 'a symbolic link that loops' : code === 'ENOENT' ? 'a symbolic link to a file that does not exist' : `not readable (${code ?? errorLine(e)})`;
    throw new UserCheckError(file, `is ${why}; remove it or point it at a check module`);
  }
  if (st.isDirectory()) return false;
  if (!st.isFile()) throw new UserCheckError(file, `is ${describeKind(st)}, not a regular file; a check module must be a file`);
  return true;
}

/** Loads several folders in order; ids must be unique across all of them and the built-ins. */
export async function loadAllChecks(dirs: string[] = []): Promise<Check[]> {
  const all = builtinChecks();
  for (const dir of dirs) all.push(...(await loadUserChecks(dir, all)));
  return all;
}

async function importCheck(file: string): Promise<Check> {
  // Syntax first, in a child process: it names the line, and a module that does not parse never
  // reaches the loader (some hosts, such as jest's VM modules, cannot recover from one).
  const syntax = await syntaxProblem(file);
  if (syntax) throw new UserCheckError(file, `could not be loaded: ${syntax}`);
  const loaded = await importUserCheck(file);
  if ('problem' in loaded) throw new UserCheckError(file, loaded.problem);
  return loaded.check;
}

/** Files that parsed, by path → modification time: a folder loaded again is not re-checked. */
const parsed = new Map<string, number>();

async function syntaxProblem(file: string): Promise<string | undefined> {
  const mtime = statSync(file).mtimeMs;
  if (parsed.get(file) === mtime) return undefined;
  // Loaded here: only a run with user checks needs it, and it costs every other run ~5 ms.
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((resolvePromise) => {
    execFile(process.execPath, ['--check', file], { timeout: 15000 }, (error, _stdout, stderr) => {
      if (!error) {
        parsed.set(file, mtime);
        return resolvePromise(undefined);
      }
      const lines = String(stderr).split('\n').map((l) => l.trim());
      const where = lines.find((l) => l.startsWith(file) || /:\d+$/.test(l));
      const what = lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? 'it does not parse';
      const line = where && /:(\d+)$/.exec(where)?.[1];
      resolvePromise(`${what}${line ? ` (line ${line})` : ''}`);
    });
  });
}

