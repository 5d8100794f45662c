/**
 * Runs the real command line in-process with captured streams, its own environment (no
 * INTACCT_* from the machine, HOME in a temp folder) and working folder.
 */
import { afterAll } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { runCli, type CliIo } from '../../src/cli/main.js';

export interface RunOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  chunks: string[] = [];
  isTTY?: boolean;
  columns?: number;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(String(chunk));
    cb();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Characters typed on a fake terminal stdin (makes stdin a TTY). */
  typed?: string;
  signal?: AbortSignal;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
}

export function tempDir(prefix = 'preflight-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A maker of temporary folders that are removed after the calling file's tests (call it at the file's top level). */
export function tempDirsRemovedAfterAll(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
}

/** An environment with no credentials from the machine running the tests. */
export function cleanEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: home, PATH: process.env.PATH ?? '', NO_COLOR: '1', ...extra };
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<RunOutcome> {
  const stdout = new Capture();
  const stderr = new Capture();
  if (opts.stdoutTTY) stdout.isTTY = true;
  if (opts.stderrTTY) {
    stderr.isTTY = true;
    stderr.columns = 100;
  }
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (m: boolean) => void };
  if (opts.typed !== undefined) {
    stdin.isTTY = true;
    stdin.setRawMode = () => undefined;
    const typed = opts.typed;
    // Type once the prompt is listening.
    setTimeout(() => stdin.write(typed), 20);
  }
  const cwd = opts.cwd ?? tempDir();
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env: opts.env ?? cleanEnv(cwd),
    cwd,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Every file under a folder, recursively, with its text. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
