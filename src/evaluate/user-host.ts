/**
 * The engine's side of the user check worker (user-worker.ts): starts it, asks it by message, and
 * stops it. Every ask has the time limit: a module whose loading or code does not answer in time
 * (an endless loop, a promise that never settles) ends the run with one line naming the module
 * (UserCheckError, exit 4), and an interrupted run stops it at once (AbortError, exit 130): the
 * engine's own thread is never blocked by a user's code, so Ctrl+C is always heard.
 *
 * One worker serves every user module of a run: it starts only when there is one, and a module's
 * values reach the others only as copies the engine made.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AbortError, UserCheckError } from '../util/errors.js';
import type { LoadedModule, WorkerReply, WorkerRequest } from './user-protocol.js';

/** How long a module may take to load, and each of its calls to answer, unless the run says otherwise. */
export const DEFAULT_USER_CHECK_TIMEOUT_MS = 10_000;

type Ask = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(e: unknown): void;
}

export class UserCheckHost {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  /** Settles when the last askInTurn has its answer. */
  private turn: Promise<void> = Promise.resolve();
  /** Why the worker is gone, once it is: every later ask fails with it. */
  private stopReason: unknown;

  constructor(readonly timeoutMs: number = DEFAULT_USER_CHECK_TIMEOUT_MS) {}

  load(file: string, signal?: AbortSignal): Promise<LoadedModule> {
    return this.ask({ op: 'load', file }, file, 'loading', signal).then((r) => {
      if (!r.ok) throw new UserCheckError(file, r.problem);
      return r.value as LoadedModule;
    });
  }

  /**
   * Sends one request and waits for its reply, at most the time limit. `doing` says what the
   * module was doing ("loading", "evaluating") for the message when it overran.
   */
  ask(request: Ask, file: string, doing: string, signal?: AbortSignal): Promise<WorkerReply> {
    if (this.stopReason) return Promise.reject(this.stopReason);
    if (signal?.aborted) return Promise.reject(new AbortError());
    const worker = this.start();
    const id = this.next++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const timer = setTimeout(() => {
        done();
        reject(this.stop(new UserCheckError(file, `did not finish ${doing} within ${this.limitText()}: an endless loop or a promise that never settles? It was stopped.`)));
      }, this.timeoutMs);
      const onAbort = () => {
        done();
        reject(this.stop(new AbortError()));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (reply) => {
          done();
          resolve(reply);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      try {
        worker.postMessage({ id, ...request } as WorkerRequest);
      } catch (e) {
        this.pending.get(id)?.reject(new UserCheckError(file, `could not be given its input: ${(e as Error).message}`));
      }
    });
  }

  /**
   * Asks after the previous `askInTurn` has its answer (the rows of worklist pages, read two
   * requests at a time): the time limit is then on this ask's own work, not on the wait for
   * another page's rows ahead of it in the worker.
   */
  askInTurn(request: Ask, file: string, doing: string, signal?: AbortSignal): Promise<WorkerReply> {
    const mine = this.turn.then(() => this.ask(request, file, doing, signal));
    this.turn = mine.then(
      () => undefined,
      () => undefined,
    );
    return mine;
  }

  private limitText(): string {
    const seconds = `${this.timeoutMs / 1000} s`;
    return this.timeoutMs === DEFAULT_USER_CHECK_TIMEOUT_MS ? seconds : `${seconds} (userCheckTimeout)`;
  }

  /** Whether the worker was stopped (time limit, interrupt, crash, close): it answers no more. */
  get stopped(): boolean {
    return this.stopReason !== undefined;
  }

  /** Ends the worker (if it ever started). */
  async close(): Promise<void> {
    this.stop(new Error('the user check worker was closed'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerFile(), { stdout: true, stderr: true, env: withoutSecrets(process.env) });
    // A module's console.log goes where progress goes, never into a report on stdout.
    worker.stdout.pipe(process.stderr, { end: false });
    worker.stderr.pipe(process.stderr, { end: false });
    // Only a pending ask (its timer) keeps a run alive; an idle worker never does.
    worker.unref();
    worker.on('message', (msg: WorkerReply | { log: string }) => {
      if ('log' in msg) process.stderr.write(msg.log);
      else this.pending.get(msg.id)?.resolve(msg);
    });
    worker.on('error', (e) => this.fail(new UserCheckError('a user check module', `crashed the worker that runs user checks: ${e.message}`)));
    worker.on('exit', (code) => this.fail(new UserCheckError('a user check module', `ended the worker that runs user checks (exit code ${code}; process.exit in a check?)`)));
    this.worker = worker;
    return worker;
  }

  /** Rejects every pending ask with `reason` (the worker is gone). */
  private fail(reason: unknown): void {
    this.stopReason ??= reason;
    this.worker = undefined;
    for (const p of [...this.pending.values()]) p.reject(this.stopReason);
  }

  private stop(reason: unknown): unknown {
    this.stopReason ??= reason;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      worker.removeAllListeners('error');
      worker.on('error', () => undefined);
      void worker.terminate();
    }
    for (const p of [...this.pending.values()]) p.reject(reason);
    return reason;
  }
}

/**
 * The worker's script. Run from the built files it sits beside this one; run from the TypeScript
 * sources (the tests), it is the built one (the test set-up builds dist/ first).
 */
function workerFile(): URL {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return new URL('./user-worker.js', here);
  const built = fileURLToPath(new URL('./user-worker.js', here)).replace(/([\\/])src([\\/]evaluate[\\/]user-worker\.js)$/, '$1dist$1src$2');
  if (!existsSync(built)) throw new Error(`the user check worker is not built (${built}): run npm run build`);
  return pathToFileURL(built);
}

/** Environment variables whose names say they hold a secret (INTACCT_USER_PASSWORD, ACME_INTACCT_SENDER_PASSWORD…). */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|SESSION/i;

/** The environment a user module sees: the run's, less its secrets (no check needs a password). */
export function withoutSecrets(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !SECRET_NAME.test(name)) out[name] = value;
  return out;
}
