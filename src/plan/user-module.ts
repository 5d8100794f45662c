/**
 * Importing one user check module: its default export, checked for the shape of a check, or one
 * line saying what is wrong. Shared by the registry (in-process loading, for library callers) and
 * the user-check worker (the audit's isolated loading), so both say the same thing.
 */
import { pathToFileURL } from 'node:url';
import type { Check } from '../model/check.js';
import { errorLine } from '../util/errors.js';
import { checkShapeProblem } from './check-shape.js';

export type ImportedCheck = { check: Check } | { problem: string };

/** `describe` turns what the import threw into one line (the worker's copes with hostile values). */
export async function importUserCheck(file: string, describe: (e: unknown) => string = errorLine): Promise<ImportedCheck> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const hint =
      e instanceof SyntaxError && /export|import/.test(e.message)
        ? ' (is it an ES module? name it .mjs, or add a package.json with "type": "module" to the folder)'
        : '';
    return { problem: `could not be loaded: ${describe(e)}${hint}` };
  }
  const check = mod.default;
  if (check === undefined) return { problem: 'has no default export (export default { meta, needs, evaluate })' };
  const problem = checkShapeProblem(check);
  return problem ? { problem } : { check: check as Check };
}
