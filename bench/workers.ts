/**
 * Starting and talking to the benchmark's worker processes: each is a compiled script next to
 * this file, speaking the line protocol of protocol.ts on stdout. A worker's stderr is kept (last
 * lines only) so a failure can be explained in one line instead of a stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLines, type WorkerLine } from './protocol.js';

const here = dirname(fileURLToPath(import.meta.url));

export class WorkerError extends Error {}

export class Worker {
  readonly child: ChildProcess;
  private readonly queue: WorkerLine[] = [];
  private waiters: { type: string; resolve: (l: WorkerLine) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout }[] = [];
  private stderrTail: string[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<void>;
  /** Every line of these types is also handed here as it arrives (e.g. progress). */
  onLine?: (l: WorkerLine) => void;

  constructor(
    readonly name: string,
    script: string,
    args: string[],
    opts: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
  ) {
    this.child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(here, script), ...args], {
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    readLines(
      this.child,
      (l) => this.deliver(l),
      (noise) => this.keepStderr(noise),
    );
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => chunk.split('\n').forEach((l) => this.keepStderr(l)));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        for (const w of this.waiters) {
          if (w.timer) clearTimeout(w.timer);
          w.reject(new WorkerError(`${this.name} exited (${signal ?? `code ${code}`}) before answering${this.why()}`));
        }
        this.waiters = [];
        resolve();
      });
    });
  }

  /** Resolves with the next line of `type` (an `error` line from the worker rejects). */
  next<T extends WorkerLine['type']>(type: T, timeoutMs: number): Promise<Extract<WorkerLine, { type: T }>> {
    const idx = this.queue.findIndex((l) => l.type === type || l.type === 'error');
    if (idx >= 0) {
      const [line] = this.queue.splice(idx, 1);
      return line!.type === 'error' ? Promise.reject(new WorkerError(`${this.name}: ${line!.message}`)) : Promise.resolve(line as Extract<WorkerLine, { type: T }>);
    }
    if (this.exitInfo) return Promise.reject(new WorkerError(`${this.name} has exited${this.why()}`));
    return new Promise((resolve, reject) => {
      const waiter = { type, resolve: resolve as (l: WorkerLine) => void, reject, timer: undefined as NodeJS.Timeout | undefined };
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new WorkerError(`${this.name} gave no "${type}" answer within ${Math.round(timeoutMs / 1000)} s${this.why()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  send(command: object): void {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** Stops the worker (its pid only) and waits for it to go. */
  async stop(): Promise<void> {
    if (this.exitInfo) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(killer);
  }

  private deliver(line: WorkerLine): void {
    this.onLine?.(line);
    const w = this.waiters.find((x) => x.type === line.type || line.type === 'error');
    if (!w) {
      if (line.type !== 'naive-progress') this.queue.push(line);
      return;
    }
    this.waiters = this.waiters.filter((x) => x !== w);
    if (w.timer) clearTimeout(w.timer);
    if (line.type === 'error') w.reject(new WorkerError(`${this.name}: ${line.message}`));
    else w.resolve(line);
  }

  private keepStderr(text: string): void {
    if (!text.trim()) return;
    this.stderrTail.push(text.trimEnd());
    if (this.stderrTail.length > 20) this.stderrTail.shift();
  }

  private why(): string {
    const last = this.stderrTail.filter((l) => !/^\s+at /.test(l)).slice(-3).join(' | ');
    return last ? ` (stderr: ${last.slice(0, 400)})` : '';
  }
}
