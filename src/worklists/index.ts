/**
 * Worklists (`audit --worklists`): after evaluation, every data check that found records pages
 * through the queries it sent, and each gets a CSV file of every affected record for the people
 * who fix them, plus `index.csv`. The phase reads through the audit's own client (same sessions,
 * read-only allowlist, concurrency and retries), writes everything into a staging folder inside
 * the report folder, and the files are renamed into `worklists/` only when the reports are
 * written (commit), so an interrupted run leaves no partial worklist. The check's status and
 * count never depend on it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntacctClient } from '../intacct/client.js';
import type { Redactor } from '../assemble/redact.js';
import type { EvaluatedCheck } from '../evaluate/evaluate.js';
import type { FactStore } from '../gather/store.js';
import type { RunContext } from '../model/check.js';
import { CHECK_ID_PATTERN } from '../plan/registry.js';
import { syncFolder } from '../util/files.js';
import { throwIfAborted } from '../util/errors.js';
import type { AuditResult, Worklist } from '../model/result.js';
import { BOM, cellText, csvText } from './csv.js';
import { fetchPages, plannedPages, type FetchProgress, type PageSource } from './fetch.js';
import { CELLS_PER_REQUEST, modeOf } from './pages.js';
import { planWorklists, type ListPlan } from './plan.js';
import { Spool } from './spool.js';
import { scrubbedRows, writeList, type ListOutput, type WrittenList } from './write.js';
import { formatCount } from '../util/text.js';

export { planWorklists, type ListPlan } from './plan.js';

export interface WorklistOptions {
  /** The report folder: the lists go to DIR/worklists/ (the library's runAudit puts them there; runAuditWithFacts leaves that to the caller). */
  dir: string;
}

/**
 * The phase after evaluation: the worklists of the evaluated checks read and staged, and the
 * result naming them (its run's end, duration and counters now include the phase).
 */
export async function addWorklists(
  result: AuditResult,
  input: Omit<WorklistsInput, 'lists'> & { evaluated: EvaluatedCheck[]; store: FactStore; ctx: RunContext },
): Promise<{ result: AuditResult; staged: StagedWorklists }> {
  const { evaluated, store, ctx, ...rest } = input;
  const staged = await readWorklists({ ...rest, lists: planWorklists(evaluated, result.checks, store, ctx) });
  const finishedAt = new Date();
  const run = {
    ...result.run,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - new Date(result.run.startedAt).getTime(),
    stats: { ...input.client.stats },
  };
  return { result: withWorklists({ ...result, run }, staged), staged };
}

/** The folder, next to the reports, and its index file. */
export const WORKLISTS_FOLDER = 'worklists';
export const INDEX_FILE = 'index.csv';

export type WorklistProgress =
  | { type: 'worklists'; phase: 'start'; lists: number; pages: number; rows: number }
  | FetchProgress
  | { type: 'worklists'; phase: 'done'; lists: number; rows: number; incomplete: number };

export interface WorklistsInput {
  lists: ListPlan[];
  client: IntacctClient;
  /** The report folder: the staging folder is made in it, and `worklists/` when committed. */
  dir: string;
  /** The audit's redactor (with --redact): the worklists get the report's pseudonyms. */
  redactor?: Redactor;
  signal?: AbortSignal;
  onProgress?: (e: WorklistProgress) => void;
}

/** Reads and writes every list into a staging folder; commit() puts them in place. */
export async function readWorklists(input: WorklistsInput): Promise<StagedWorklists> {
  const { lists, client } = input;
  await mkdir(input.dir, { recursive: true });
  const staging = join(input.dir, `.worklists-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(staging);
  try {
    const spool = await Spool.create(join(staging, 'spool'));
    const modes = lists.map((list) => list.sets.map(modeOf));
    const { pages, rows } = plannedPages(lists, modes);
    const { concurrency, maxFunctionsPerRequest } = client.limits;
    input.onProgress?.({ type: 'worklists', phase: 'start', lists: lists.length, pages, rows });
    const fetched = await fetchPages(lists, modes, {
      sessions: sessionsOf(client),
      concurrency,
      maxFunctionsPerRequest,
      maxCells: CELLS_PER_REQUEST,
      spool,
      ...(input.redactor ? { redactor: input.redactor } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });

    // No file carries a secret of the run, whatever a check's rows say (as the reports do not).
    const output: ListOutput = { ...(input.redactor ? { redactor: input.redactor } : {}), ...(input.signal ? { signal: input.signal } : {}), scrub: (t) => client.scrubSecrets(t) };
    const byCheck = new Map<string, Worklist>();
    const index: string[][] = [['file', 'check', 'title', 'severity', 'rows', 'count', 'complete', 'note'].map(cellText)];
    for (const [l, list] of lists.entries()) {
      const path = join(staging, list.file);
      // Between lists, an interrupt gets its turn (each list is written synchronously).
      throwIfAborted(input.signal);
      const written: WrittenList = list.problem ? await writeUnreadable(path, list, output) : await writeList(path, list, fetched[l]!, spool, output);
      await new Promise((resolve) => setImmediate(resolve));
      const worklist: Worklist = { file: `${WORKLISTS_FOLDER}/${list.file}`, rows: written.rows, complete: written.complete, ...(written.note ? { note: written.note } : {}) };
      byCheck.set(list.id, worklist);
      index.push([list.file, list.id, list.title, list.severity, String(written.rows), String(list.count), written.complete ? 'yes' : 'no', written.note ?? ''].map(cellText));
    }
    await writeWhole(join(staging, INDEX_FILE), BOM + csvText(scrubbedRows(index, output.scrub)));
    await rm(join(staging, 'spool'), { recursive: true, force: true });
    const total = [...byCheck.values()].reduce((n, w) => n + w.rows, 0);
    const incomplete = [...byCheck.values()].filter((w) => !w.complete).length;
    input.onProgress?.({ type: 'worklists', phase: 'done', lists: lists.length, rows: total, incomplete });
    return new StagedWorklists(staging, join(input.dir, WORKLISTS_FOLDER), [...lists.map((l) => l.file), INDEX_FILE], byCheck);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Entity sessions are opened once, on first use; the audit's own session serves the rest. */
function sessionsOf(client: IntacctClient): (entityId: string | undefined) => Promise<PageSource> {
  const opened = new Map<string, Promise<PageSource>>();
  return (entityId) => {
    if (entityId === undefined || entityId === client.entity) return Promise.resolve(client);
    let session = opened.get(entityId);
    if (!session) {
      session = client.forEntity(entityId);
      opened.set(entityId, session);
    }
    return session;
  };
}

/** The file of a list that could not be read at all: its header, and why. */
async function writeUnreadable(path: string, list: ListPlan, { redactor, scrub }: ListOutput): Promise<WrittenList> {
  const note = `0 of ${formatCount(list.count)} records; ${redactor ? redactor.redactText(list.problem!) : list.problem!}`;
  await writeWhole(path, BOM + csvText(scrubbedRows([list.layout.columns.map(cellText), [cellText(`INCOMPLETE: ${note}`)]], scrub)));
  return { rows: 0, complete: false, note };
}

async function writeWhole(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Worklists written and waiting in the staging folder. */
export class StagedWorklists {
  constructor(
    private readonly staging: string,
    /** Absolute path of the worklists folder they go to. */
    readonly folder: string,
    /** File names, the index last. */
    readonly files: readonly string[],
    /** Each check's worklist, as the result names it. */
    readonly byCheck: ReadonlyMap<string, Worklist>,
  ) {}

  /**
   * Renames each file into the worklists folder (each rename atomic), then removes the worklists
   * an earlier run left for checks that no longer have one, so the folder matches its index.
   */
  async commit(): Promise<string[]> {
    await mkdir(this.folder, { recursive: true });
    const paths: string[] = [];
    for (const file of this.files) {
      const path = join(this.folder, file);
      await rename(join(this.staging, file), path);
      paths.push(path);
    }
    const keep = new Set(this.files);
    for (const name of await readdir(this.folder)) {
      if (!keep.has(name) && name.endsWith('.csv') && CHECK_ID_PATTERN.test(name.slice(0, -4))) await rm(join(this.folder, name), { force: true });
    }
    syncFolder(this.folder);
    await this.discard();
    return paths;
  }

  /** Removes the staging folder and everything in it. */
  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/** The result naming each check's worklist and the folder. */
export function withWorklists(result: AuditResult, staged: StagedWorklists): AuditResult {
  const rows = [...staged.byCheck.values()].reduce((n, w) => n + w.rows, 0);
  return {
    ...result,
    checks: result.checks.map((c) => {
      const worklist = staged.byCheck.get(c.id);
      return worklist ? { ...c, worklist } : c;
    }),
    worklists: { folder: WORKLISTS_FOLDER, index: `${WORKLISTS_FOLDER}/${INDEX_FILE}`, files: staged.byCheck.size, rows },
  };
}
