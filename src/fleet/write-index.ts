/**
 * Writes the three index files of a fleet output folder. All three are rendered first and each is
 * written atomically, so a reader sees the previous index or the new one, never half of one.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../util/files.js';
import { renderFleetHtml } from '../render/fleet-html.js';
import { renderFleetMarkdown } from '../render/fleet-markdown.js';
import { fleetIndexProblems, INDEX_FILES, renderFleetJson } from './index-file.js';
import type { FleetIndex } from './index-model.js';

export async function writeIndex(index: FleetIndex, out: string): Promise<string[]> {
  const problems = fleetIndexProblems(index);
  // Our own output must match the schema we publish; a mismatch is a bug, not a user error.
  if (problems.length > 0) throw new Error(`the fleet index does not match schemas/fleet-index.schema.json: ${problems.slice(0, 3).join('; ')}`);
  const files = [
    { path: join(out, INDEX_FILES.json), text: renderFleetJson(index) },
    { path: join(out, INDEX_FILES.md), text: renderFleetMarkdown(index) },
    { path: join(out, INDEX_FILES.html), text: renderFleetHtml(index) },
  ];
  for (const f of files) await writeFileAtomic(f.path, f.text);
  return files.map((f) => f.path);
}
