/**
 * report.json: the complete result, pretty-printed with a fixed key order (the schema's), so the
 * same result always gives the same bytes — `render` of a saved file reproduces what `audit` wrote,
 * and two reports diff cleanly line by line.
 */
import type { AuditResult } from '../model/result.js';
import { REPORT_SCHEMA_URL, reportSchema } from './schema.js';

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode };

export function renderJson(result: AuditResult): string {
  const { $schema: _ignored, ...rest } = result;
  const ordered = orderLikeSchema(rest, reportSchema() as SchemaNode, reportSchema() as SchemaNode);
  return JSON.stringify({ $schema: REPORT_SCHEMA_URL, ...(ordered as object) }, null, 2) + '\n';
}

/**
 * Copies `value` with object keys in the order the schema lists them; keys the schema does not list
 * (free-form maps such as sample records) keep their own order, which is the column order.
 */
function orderLikeSchema(value: unknown, node: SchemaNode | undefined, root: SchemaNode): unknown {
  const resolved = resolve(node, root);
  if (Array.isArray(value)) return value.map((item) => orderLikeSchema(item, resolved?.items, root));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const known = resolved?.properties ?? {};
  for (const key of Object.keys(known)) {
    if (key in source && source[key] !== undefined) out[key] = orderLikeSchema(source[key], known[key], root);
  }
  for (const key of Object.keys(source)) {
    if (!(key in out) && source[key] !== undefined) out[key] = orderLikeSchema(source[key], undefined, root);
  }
  return out;
}

function resolve(node: SchemaNode | undefined, root: SchemaNode): SchemaNode | undefined {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], root) as SchemaNode;
  }
  return current;
}
