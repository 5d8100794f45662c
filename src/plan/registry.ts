/**
 * Where checks come from: the built-in registry (checks/index.ts) and user check folders. A user
 * check is an ES module with the same interface as a built-in one; it is validated when loaded so
 * a broken module fails with its file name and what is wrong, before anything is read.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checks as builtinRegistry } from '../../checks/index.js';
import { errorLine, UserCheckError } from '../util/errors.js';
import { describeKind } from '../util/input.js';
import { SEVERITIES, type Check } from '../model/check.js';

/** Check ids: lower-case words joined by dots and hyphens, at least two parts (`area.subject`). */
export const CHECK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

const origins = new WeakMap<Check, string>();

/** `builtin`, or the folder a user check was loaded from. */
export function originOf(check: Check): string {
  return origins.get(check) ?? 'builtin';
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

  const taken = new Map(existing.map((c) => [c.meta.id, originOf(c)] as const));
  const loaded: Check[] = [];
  for (const file of files) {
    const check = await importCheck(file);
    const clash = taken.get(check.meta.id);
    if (clash !== undefined) {
      const other = clash === 'builtin' ? 'a built-in check' : `another user check in ${clash}`;
      throw new UserCheckError(file, `check id "${check.meta.id}" is already used by ${other}; give this check its own id`);
    }
    taken.set(check.meta.id, `${folder} (${basename(file)})`);
    origins.set(check, folder);
    loaded.push(check);
  }
  return loaded;
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
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const hint =
      e instanceof SyntaxError && /export|import/.test(e.message)
        ? ' (is it an ES module? name it .mjs, or add a package.json with "type": "module" to the folder)'
        : '';
    throw new UserCheckError(file, `could not be loaded: ${errorLine(e)}${hint}`);
  }
  const check = mod.default;
  if (check === undefined) throw new UserCheckError(file, 'has no default export (export default { meta, needs, evaluate })');
  const problem = checkShapeProblem(check);
  if (problem) throw new UserCheckError(file, problem);
  return check as Check;
}

/** Files that parsed, by path → modification time: a folder loaded again is not re-checked. */
const parsed = new Map<string, number>();

function syntaxProblem(file: string): Promise<string | undefined> {
  const mtime = statSync(file).mtimeMs;
  if (parsed.get(file) === mtime) return Promise.resolve(undefined);
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

/** What is wrong with a module's default export as a check, or undefined when it is one. */
export function checkShapeProblem(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return 'default export must be an object { meta, needs, evaluate }';
  const c = x as Partial<Check>;
  if (typeof c.meta !== 'object' || c.meta === null) return 'default export has no "meta" object';
  const m = c.meta as unknown as Record<string, unknown>;
  if (typeof m.id !== 'string' || !CHECK_ID_PATTERN.test(m.id)) {
    return `meta.id ${JSON.stringify(m.id)} must be lower-case words joined by dots and hyphens, e.g. "acme.customer-ids"`;
  }
  const id = m.id;
  for (const field of ['title', 'category', 'why'] as const) {
    if (typeof m[field] !== 'string' || (m[field] as string).trim() === '') return `check ${id}: meta.${field} must be a non-empty string`;
  }
  if (!SEVERITIES.includes(m.severity as never)) return `check ${id}: meta.severity must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(m.severity)})`;
  if (!Array.isArray(m.remediation) || m.remediation.some((s) => typeof s !== 'string')) return `check ${id}: meta.remediation must be a list of steps (strings)`;
  if (!Array.isArray(m.docs) || m.docs.some((d) => typeof d?.title !== 'string' || typeof d?.url !== 'string' || !isHttpsUrl(d.url))) {
    return `check ${id}: meta.docs must be a list of { title, url } with https: URLs (the reports make them links)`;
  }
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 0) return `check ${id}: meta.version must be a non-negative integer`;
  if (m.options !== undefined) {
    const o = m.options as { schema?: unknown; defaults?: unknown } | null;
    if (typeof o !== 'object' || o === null || typeof o.schema !== 'object' || o.schema === null || typeof o.defaults !== 'object' || o.defaults === null || Array.isArray(o.defaults)) {
      return `check ${id}: meta.options must be { schema: <JSON Schema object>, defaults: { … } }`;
    }
  }
  if (typeof c.needs !== 'function') return `check ${id}: needs(ctx) must be a function returning the facts it reads`;
  if (typeof c.evaluate !== 'function') return `check ${id}: evaluate(facts, ctx) must be a function`;
  return undefined;
}

/** Docs become links in the HTML report: a `javascript:` or `file:` URL there is a trap for the reader. */
function isHttpsUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
}
