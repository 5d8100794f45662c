/**
 * `intacct-preflight fleet MANIFEST` and `fleet merge DIR…`: the command-line side of src/fleet —
 * options, the progress lines, the summary and the exit code. Everything that can be wrong with
 * the manifest, a config file or credentials is exit 4 before any company is contacted.
 */
import { resolve } from 'node:path';
import { loadManifest } from '../../fleet/manifest.js';
import { buildIndex, type FleetIndex, type FleetRow } from '../../fleet/index-model.js';
import { copyCompanyFolders, mergeIndexes, readShards } from '../../fleet/merge.js';
import { prepareCompanies } from '../../fleet/prepare.js';
import { auditFleet } from '../../fleet/run.js';
import { inShard, parseShard } from '../../fleet/shard.js';
import { writeIndex } from '../../fleet/write-index.js';
import { OUTCOME_LABEL, SHORT_VERDICT, headlineText } from '../../render/fleet-view.js';
import { formatDuration } from '../../render/labels.js';
import { packageVersion } from '../../package.js';
import type { Ctx } from '../context.js';
import { lastNumber, lastString } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { DEFAULT_FLEET_OUT, DEFAULT_JOBS } from '../options.js';
import { displayPath, prepareOutDir, removeIfEmpty } from '../output.js';
import type { RawArgs } from '../parser.js';

export const MAX_JOBS = 64;

function outFolder(args: RawArgs, cwd: string): string {
  const out = lastString(args.out);
  if (out !== undefined && (out.trim() === '' || out === '-')) throw new UsageError('--out needs a folder: the index and a folder per company go there.');
  return resolve(cwd, out ?? DEFAULT_FLEET_OUT);
}

export async function fleetCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const jobs = lastNumber(args.jobs) ?? DEFAULT_JOBS;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (companies audited at a time).`);
  const shardText = lastString(args.shard);
  const shard = shardText !== undefined ? parseShard(shardText) : undefined;
  const out = outFolder(args, io.cwd);
  const manifestFile = lastString(args.manifest) ?? '';
  if (manifestFile.trim() === '') throw new UsageError('fleet needs a manifest, e.g. intacct-preflight fleet portfolio.json');

  const manifest = await loadManifest(manifestFile, io.cwd);
  const selected = inShard(manifest.companies, shard);
  const prepared = await prepareCompanies(selected, args, out, ctx);
  const created = prepareOutDir(out, displayPath(out, io.cwd));

  const startedAt = new Date();
  const started = performance.now();
  const where = shard ? ` (shard ${shard.index}/${shard.total} of ${manifest.companies.length})` : '';
  if (!ctx.quiet) ctx.err(`Auditing ${prepared.length} ${prepared.length === 1 ? 'company' : 'companies'}${where}, ${Math.min(jobs, Math.max(1, prepared.length))} at a time…`);
  let rows: FleetRow[];
  try {
    rows = await auditFleet(prepared, { out, jobs, failOnNew: args.failOnNew === true, onRow: (row, done, total) => progressLine(row, done, total, ctx) }, ctx);
  } catch (err) {
    if (err instanceof InterruptedError) {
      removeIfEmpty(created, out);
      throw new InterruptedError('Interrupted: stopped; companies that finished kept their reports, the others kept their previous ones, and the index was not written.');
    }
    throw err;
  }
  const index = buildIndex({
    tool: { name: 'intacct-preflight', version: packageVersion() },
    manifest: { digest: manifest.digest, names: manifest.companies.map((c) => c.name) },
    run: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
      jobs,
      ...(shard ? { shard } : {}),
    },
    rows,
  });
  return finish(index, await writeIndex(index, out), ctx);
}

export async function fleetMergeCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const dirs = (Array.isArray(args.dirs) ? args.dirs : [args.dirs]).filter((d): d is string => typeof d === 'string' && d.trim() !== '');
  if (dirs.length === 0) throw new UsageError('fleet merge needs the output folders of the shards, e.g. intacct-preflight fleet merge shard-1 shard-2 --out fleet');
  const out = outFolder(args, io.cwd);
  const inputs = readShards(dirs, io.cwd);
  const { index, sources } = mergeIndexes(inputs, { name: 'intacct-preflight', version: packageVersion() });
  prepareOutDir(out, displayPath(out, io.cwd));
  await copyCompanyFolders(sources, out, io.cwd);
  return finish(index, await writeIndex(index, out), ctx);
}

function progressLine(row: FleetRow, done: number, total: number, ctx: Ctx): void {
  if (ctx.quiet) return;
  const verdict = row.verdict && row.outcome !== 'could-not-audit' ? `${SHORT_VERDICT[row.verdict]}, ` : '';
  ctx.err(`[${done}/${total}] ${row.name}: ${verdict}${OUTCOME_LABEL[row.outcome].toLowerCase()} — ${row.reason} (${formatDuration(row.durationMs)})`);
}

/** The summary, the one line an exit other than 0 and 1 owes, and the fleet's exit code. */
function finish(index: FleetIndex, written: string[], ctx: Ctx): number {
  const { io } = ctx;
  if (!ctx.quiet) {
    ctx.out(`Fleet: ${headlineText(index)}`);
    ctx.out(`Index: ${written.map((p) => displayPath(p, io.cwd)).join(', ')}`);
  }
  const failed = index.companies.filter((r) => r.outcome === 'could-not-audit');
  const incomplete = index.companies.filter((r) => r.outcome === 'incomplete');
  const names = (rows: FleetRow[]) => rows.slice(0, 5).map((r) => r.name).join(', ') + (rows.length > 5 ? ` and ${rows.length - 5} more` : '');
  if (index.exitCode === 3) ctx.err(`Error: could not audit ${failed.length === 1 ? `${failed[0]!.name}: ${failed[0]!.reason}` : `${failed.length} companies (${names(failed)}); see the index for each reason`}`);
  if (index.exitCode === 2) ctx.err(`Incomplete: ${incomplete.length === 1 ? `${incomplete[0]!.name}: ${incomplete[0]!.reason}` : `${incomplete.length} companies (${names(incomplete)}) need a check confirmed or could not read everything`}`);
  return index.exitCode;
}
