/**
 * What makes a module's default export a check: its metadata and its two functions. Kept apart
 * from the registry so the isolated worker that loads user checks can judge them without loading
 * the built-in checks.
 */
import { SEVERITIES, type Check } from '../model/check.js';

/** Check ids: lower-case words joined by dots and hyphens, at least two parts (`area.subject`). */
export const CHECK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

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
