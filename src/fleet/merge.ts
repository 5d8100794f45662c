/**
 * `fleet merge DIR…`: the shards' output folders into one, as one run would have written it — the
 * company folders copied next to one index built from the shards' rows by the same rules. The
 * folders must come from the same manifest split the same way; a company no shard audited (a CI
 * job that never finished) is a row of its own: could not audit.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { writeFileAtomic } from '../util/files.js';
import { INPUT_LIMITS, InputFileError, readInputFile } from '../util/input.js';
import { displayPath } from '../cli/output.js';
import { INDEX_FILES, readFleetIndex } from './index-file.js';
import { buildIndex, failedRow, type FleetIndex, type FleetRow } from './index-model.js';
import { shardOf } from './shard.js';

export interface MergeInput {
  dir: string;
  index: FleetIndex;
}

export function readShards(dirs: readonly string[], cwd: string): MergeInput[] {
  const inputs = dirs.map((d) => {
    const dir = resolve(cwd, d);
    return { dir, index: readFleetIndex(join(dir, INDEX_FILES.json), `${displayPath(join(dir, INDEX_FILES.json), cwd)}`) };
  });
  const first = inputs[0]!;
  const shown = (i: MergeInput) => displayPath(i.dir, cwd);
  for (const i of inputs.slice(1)) {
    if (i.index.manifest.digest !== first.index.manifest.digest) {
      throw new UsageError(`${shown(i)} and ${shown(first)} are runs of different manifests (other companies): merge the shards of one manifest.`);
    }
    if ((i.index.run.shard?.total ?? 1) !== (first.index.run.shard?.total ?? 1)) {
      throw new UsageError(`${shown(i)} and ${shown(first)} split the manifest differently (--shard …/${i.index.run.shard?.total ?? 1} and …/${first.index.run.shard?.total ?? 1}): merge the shards of one split.`);
    }
  }
  const byName = new Map<string, MergeInput>();
  for (const i of inputs) {
    for (const row of i.index.companies) {
      const other = byName.get(row.name);
      if (other && other.dir !== i.dir) throw new UsageError(`${row.name} is in both ${shown(other)} and ${shown(i)}: give each shard's folder once.`);
      byName.set(row.name, i);
    }
  }
  return inputs;
}

/** The merged index, and which company folder to copy from where. */
export function mergeIndexes(inputs: readonly MergeInput[], tool: FleetIndex['tool']): { index: FleetIndex; sources: { name: string; dir: string }[] } {
  const first = inputs[0]!.index;
  const total = first.run.shard?.total ?? 1;
  const unique = [...new Map(inputs.map((i) => [i.dir, i])).values()];
  const rows: FleetRow[] = unique.flatMap((i) => i.index.companies);
  const seen = new Set(rows.map((r) => r.name));
  const shards = [...new Set(unique.map((i) => i.index.run.shard?.index ?? 1))].sort((a, b) => a - b);
  for (const name of first.manifest.names) {
    if (seen.has(name)) continue;
    const shard = shardOf(name, total);
    const why = shards.includes(shard) ? 'its shard did not audit it' : `shard ${shard}/${total} is not among the merged folders (did its job finish?)`;
    rows.push(failedRow({ name, reason: `not audited: ${why}`, durationMs: 0 }));
  }
  const started = unique.map((i) => i.index.run.startedAt).sort()[0]!;
  const finished = unique.map((i) => i.index.run.finishedAt).sort().at(-1)!;
  const index = buildIndex({
    tool,
    manifest: first.manifest,
    run: {
      startedAt: started,
      finishedAt: finished,
      // The shards ran side by side: the slowest one is the run's wall time.
      durationMs: Math.max(...unique.map((i) => i.index.run.durationMs)),
      merged: { shards, total },
    },
    rows,
  });
  const sources = unique.flatMap((i) => i.index.companies.map((r) => ({ name: r.name, dir: i.dir })));
  return { index, sources };
}

/** Copies each company's folder (its report files, each atomically) into `out`, unless it is there already. */
export async function copyCompanyFolders(sources: readonly { name: string; dir: string }[], out: string, cwd: string): Promise<void> {
  for (const { name, dir } of sources) {
    const from = join(dir, name);
    const to = join(out, name);
    if (resolve(from) === resolve(to)) continue;
    const st = statSync(from, { throwIfNoEntry: false });
    if (!st?.isDirectory()) continue;
    mkdirSync(to, { recursive: true });
    for (const file of readdirSync(from)) {
      if (file.startsWith('.')) continue; // a temporary file of an interrupted write is not a report
      if (!statSync(join(from, file)).isFile()) continue;
      let bytes: Buffer;
      try {
        // Bounded like every input file (a report is a few MB): a huge or swapped file is one line.
        bytes = readInputFile(join(from, file), INPUT_LIMITS.data);
      } catch (err) {
        if (!(err instanceof InputFileError)) throw err;
        throw new UsageError(`${displayPath(join(from, file), cwd)}: ${err.detail}.`);
      }
      await writeFileAtomic(join(to, file), bytes);
    }
  }
}
