/**
 * The worker thread that runs user check modules (user-host.ts starts it): it imports them, and
 * runs their `needs`, each fact's `request` and `interpret`, and `evaluate` when the engine asks,
 * one message at a time. The engine can stop it (a time limit, Ctrl+C), which it cannot do to code
 * on its own thread. Its stdout is the engine's stderr (see user-host.ts), so a `console.log` here
 * never mixes with a report written to stdout.
 */
import { parentPort } from 'node:worker_threads';
import type { Check, FactDef, FactNeed } from '../model/check.js';
import { importUserCheck } from '../plan/user-module.js';
import { describeFactDefProblem } from '../plan/facts.js';
import { errorLine } from '../util/errors.js';
import { deepFreeze, thrownText, toPlainJson } from '../util/plain-json.js';
import { normaliseOutcome } from './outcome.js';
import type { DeclaredFact, DeclaredNeed, DeclaredRecords, Declaration, LoadedModule, WorkerReply, WorkerRequest } from './user-protocol.js';

const port = parentPort;
if (!port) throw new Error('user-worker.js runs as a worker thread (started by the engine)');

// Whatever a module prints goes to the engine as a message, ahead of the answer it precedes, and
// the engine writes it to stderr: never into a report on stdout, and never lost when the worker ends.
const print = (chunk: unknown, encoding?: unknown, done?: unknown): boolean => {
  port.postMessage({ log: typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString() });
  const cb = typeof encoding === 'function' ? encoding : done;
  if (typeof cb === 'function') (cb as () => void)();
  return true;
};
process.stdout.write = print as typeof process.stdout.write;
process.stderr.write = print as typeof process.stderr.write;

const checks = new Map<string, Check>();
/** Every fact declared so far, by the number the engine knows it by. */
const facts = new Map<number, FactDef>();
const refs = new WeakMap<object, number>();

/** Thrown for a mistake that makes the module unusable (a usage error naming its file). */
class ModuleProblem extends Error {}

/** What each check was last evaluated with: its worklist's rows are built from the same facts. */
const evaluatedWith = new Map<string, { values: Record<string, unknown>; ctx: Parameters<Check['needs']>[0] }>();

type DataCheckCode = Check & {
  records(ctx: unknown): { name: string; row?: (rec: unknown) => unknown }[];
  row?: (row: unknown, facts: unknown, ctx: unknown) => unknown;
  action?: string | ((row: unknown, ctx: unknown) => string);
};

type RowRequest = Extract<WorkerRequest, { op: 'rows' | 'actions' }>;

/** A page of worklist records as rows of the check (its set's `row`, then the check's), or rows' actions, in order. */
function rowAnswer(msg: RowRequest): unknown {
  const check = checkOf(msg.check) as DataCheckCode;
  const inputs = evaluatedWith.get(`${msg.check} ${msg.inputs}`);
  if (!inputs) throw new Error(`check ${msg.check} was not evaluated in this run`);
  if (msg.op === 'actions') {
    const action = check.action;
    return msg.rows.map((row) => (typeof action === 'function' ? String(action(deepFreeze(row), inputs.ctx)) : (action ?? check.meta.remediation[0] ?? '')));
  }
  const set = check.records(inputs.ctx).find((s) => s.name === msg.set);
  if (!set) throw new Error(`check ${msg.check} has no record set ${msg.set}`);
  return msg.records.map((record) => {
    const own = set.row ? set.row(record) : record;
    return toPlainJson(check.row ? check.row(own, inputs.values, inputs.ctx) : own);
  });
}

port.on('message', (msg: WorkerRequest) => {
  void answer(msg).then((reply) => {
    try {
      port.postMessage(reply);
    } catch (e) {
      port.postMessage({ id: msg.id, ok: false, problem: `its answer cannot leave the worker: ${line(e)}` } satisfies WorkerReply);
    }
  });
});

async function answer(msg: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id: msg.id, ok: true, value: await handle(msg) };
  } catch (e) {
    return { id: msg.id, ok: false, problem: line(e) };
  }
}

async function handle(msg: WorkerRequest): Promise<unknown> {
  switch (msg.op) {
    case 'load':
      return load(msg.file);
    case 'declare':
      return declare(checkOf(msg.check), msg.ctx);
    case 'request': {
      const built = factOf(msg.ref).request(msg.ctx, lookupIn(msg.deps));
      return toPlainJson(built);
    }
    case 'interpret': {
      const value = factOf(msg.ref).interpret(deepFreeze(msg.data), msg.ctx, lookupIn(msg.deps));
      // A value the engine can hold: it is copied (structured clone) to the engine's thread.
      structuredClone(value);
      return value;
    }
    case 'evaluate': {
      const check = checkOf(msg.check);
      const values = deepFreeze(msg.values);
      // Kept for the rows of its worklist; only a data check's declarations have one.
      if (msg.inputs !== 'run') evaluatedWith.set(`${check.meta.id} ${msg.inputs}`, { values, ctx: deepFreeze(msg.ctx) });
      const raw = check.evaluate(values as never, msg.ctx);
      const normalised = normaliseOutcome(raw);
      return 'problem' in normalised ? { problem: `check ${check.meta.id} ${normalised.problem}` } : normalised;
    }
    case 'rows':
    case 'actions':
      return rowAnswer(msg);
  }
}

async function load(file: string): Promise<LoadedModule> {
  const loaded = await importUserCheck(file, line);
  if ('problem' in loaded) throw new ModuleProblem(loaded.problem);
  const c = loaded.check;
  let meta: LoadedModule['meta'];
  try {
    meta = toPlainJson(c.meta) as LoadedModule['meta'];
  } catch (e) {
    throw new ModuleProblem(`check ${c.meta.id}: meta must be plain data (${line(e)})`);
  }
  checks.set(meta.id, c);
  return { meta };
}

/**
 * The needs as data. A need that is not a fact, or has an onError the engine does not know, makes
 * the check an `error` (as for a built-in check); a dependency that is not a fact, or a cycle, is a
 * mistake in the module's code: the whole module is a usage error.
 */
function declare(check: Check, ctx: Parameters<Check['needs']>[0]): Declaration {
  const id = check.meta.id;
  let needs: unknown;
  try {
    needs = check.needs(ctx);
  } catch (e) {
    return { problem: `check crashed while declaring its facts: ${line(e)}` };
  }
  if (typeof needs !== 'object' || needs === null || Array.isArray(needs)) {
    return { problem: `check ${id} returned invalid needs: expected an object of { fact, onError } by name` };
  }
  const table: Record<number, DeclaredFact> = {};
  const declared: Record<string, DeclaredNeed> = {};
  for (const [name, need] of Object.entries(needs)) {
    const n = need as Partial<FactNeed> | null;
    const problem = describeFactDefProblem(n?.fact);
    if (problem) return { problem: `check ${id} declared an invalid need "${name}": ${problem}` };
    if (n!.onError !== undefined && !['error', 'manual', 'evaluate'].includes(n!.onError)) {
      return { problem: `check ${id} need "${name}" has onError "${String(n!.onError)}" (expected error, manual or evaluate)` };
    }
    const extra = toPlainJson({ onError: n!.onError, what: n!.what, onFailure: n!.onFailure }) as Omit<DeclaredNeed, 'fact'>;
    declared[name] = { fact: describe(n!.fact!, table, []), ...extra };
  }
  const records = recordsOf(check, ctx);
  return { needs: declared, facts: table, ...(records ? { records } : {}) };
}

/** A fact and what it depends on, into `table`; its number. */
function describe(def: FactDef, table: Record<number, DeclaredFact>, path: string[]): number {
  if (path.includes(def.key)) throw new ModuleProblem(`fact dependency cycle: ${[...path.slice(path.indexOf(def.key)), def.key].join(' → ')} (a fact cannot depend on itself, directly or not)`);
  let ref = refs.get(def);
  if (ref !== undefined && table[ref]) return ref;
  if (ref === undefined) {
    ref = facts.size + 1;
    refs.set(def, ref);
    facts.set(ref, def);
  }
  const entry: DeclaredFact = { key: def.key };
  if (typeof def.entityId === 'string') entry.entityId = def.entityId;
  if (typeof def.topLevel === 'boolean') entry.topLevel = def.topLevel;
  table[ref] = entry;
  if (def.dependsOn !== undefined) {
    entry.dependsOn = def.dependsOn.map((dep, i) => {
      const problem = describeFactDefProblem(dep);
      if (problem) throw new ModuleProblem(`fact "${def.key}" has an invalid dependsOn[${i}] (${dep === null ? 'null' : typeof dep === 'string' ? `the key ${JSON.stringify(dep)}` : typeof dep}): ${problem}; list the fact definitions it depends on`);
      return describe(dep, table, [...path, def.key]);
    });
  }
  return ref;
}

/** A data check's record sets as data, for its worklist (its rows and actions are asked of this worker). */
function recordsOf(check: Check, ctx: Parameters<Check['needs']>[0]): DeclaredRecords | undefined {
  const c = check as unknown as { records?: unknown; sample?: unknown; found?: unknown; action?: unknown };
  if (typeof c.records !== 'function' || typeof c.sample !== 'object' || c.sample === null || typeof c.found !== 'function') return undefined;
  try {
    const sets = (c.records as (x: unknown) => { row?: unknown }[])(ctx);
    const plain = sets.map(({ row: _row, ...rest }) => rest);
    return toPlainJson({ sets: plain, sample: c.sample }) as DeclaredRecords;
  } catch {
    return undefined; // its needs said the rest; a worklist it cannot describe is simply not written
  }
}

function lookupIn(deps: Record<string, unknown>) {
  const frozen = deepFreeze(deps);
  return (key: string) => frozen[key] as never;
}

function checkOf(id: string): Check {
  const c = checks.get(id);
  if (!c) throw new Error(`no user check ${id} in this worker`);
  return c;
}

function factOf(ref: number): FactDef {
  const f = facts.get(ref);
  if (!f) throw new Error(`no declared fact #${ref} in this worker`);
  return f;
}

/** What the module's code threw, on one line, even when it cannot be read. */
function line(e: unknown): string {
  try {
    return errorLine(e);
  } catch {
    return thrownText(e);
  }
}
