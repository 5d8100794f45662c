/**
 * Progress of an audit on stderr: one live line on a terminal, plain lines in CI logs, nothing
 * with --quiet. It only ever writes to stderr, so stdout stays clean for `--out -`.
 */
import type { CliIo, OutStream } from './io.js';
import { useColor } from './io.js';
import { formatCount } from '../util/text.js';

/**
 * The engine's progress events, read structurally: phases `connect`, `gather`, `check` and
 * `done`, with counts when known.
 */
export interface ProgressEventLike {
  type: string;
  [key: string]: unknown;
}

export interface Progress {
  /** Pass as `onProgress` to the engine. */
  event(e: ProgressEventLike): void;
  /** A line of its own (e.g. "Starting the demo sandbox…"), kept above the live line. */
  note(text: string): void;
  /** Clears the live line; call before printing results. */
  stop(): void;
}

const SILENT: Progress = { event() {}, note() {}, stop() {} };

export function createProgress(io: CliIo, opts: { quiet: boolean }): Progress {
  if (opts.quiet) return SILENT;
  return io.stderr.isTTY ? new LiveProgress(io.stderr, useColor(io.stderr, io.env)) : new PlainProgress(io.stderr);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** What an engine progress event says, in words (shared by both displays). */
export function describeEvent(e: ProgressEventLike): string | undefined {
  const message = str(e.message);
  switch (e.type) {
    case 'connect': {
      const host = str(e.endpointHost);
      if (e.phase === 'start') return `Signing in to Intacct${host ? ` at ${host}` : ''}…`;
      if (e.phase === 'done') return `Signed in${host ? ` at ${host}` : ''}.`;
      // A failed sign-in is reported once, as the command's error line.
      if (e.phase === 'failed') return undefined;
      return message;
    }
    case 'gather': {
      const done = num(e.factsDone);
      const total = num(e.factsTotal);
      const fns = num(e.functions);
      const layer = num(e.layer);
      const layers = num(e.layers);
      const step = layer !== undefined && layers !== undefined && layers > 1 ? `, step ${layer}/${layers}` : '';
      const count = done !== undefined && total !== undefined ? ` ${done}/${total} facts read` : '';
      return `Reading from Intacct:${count}${fns !== undefined ? ` (${fns} functions sent)` : ''}${step}`;
    }
    case 'check': {
      const id = str(e.id) ?? 'check';
      const index = num(e.index);
      const total = num(e.total);
      const count = index !== undefined && total !== undefined ? `[${index}/${total}] ` : '';
      const status = str(e.status);
      return `${count}${id}${status ? `: ${status}` : ''}`;
    }
    case 'worklists': {
      const n = (v: unknown) => formatCount(num(v) ?? 0);
      if (e.phase === 'start') return `Reading worklists: ${n(e.rows)} records of ${n(e.lists)} checks, in ${n(e.pages)} pages…`;
      if (e.phase === 'reading') return `Reading worklists: ${n(e.pagesDone)}/${n(e.pages)} pages (${n(e.rowsDone)} of ${n(e.rows)} records)`;
      const incomplete = num(e.incomplete) ?? 0;
      return `Worklists ready: ${n(e.rows)} records of ${n(e.lists)} checks${incomplete ? ` (${incomplete} incomplete)` : ''}.`;
    }
    case 'done': {
      const ms = num(e.durationMs);
      return `Audit finished${ms !== undefined ? ` in ${(ms / 1000).toFixed(1)} s` : ''}.`;
    }
    default:
      return message;
  }
}

class PlainProgress implements Progress {
  private last = '';
  private failed = false;
  constructor(private readonly stream: OutStream) {}
  event(e: ProgressEventLike): void {
    if (e.type === 'connect' && e.phase === 'failed') this.failed = true;
    if (this.failed) return;
    const text = describeEvent(e);
    if (text && text !== this.last) {
      this.last = text;
      this.stream.write(`${text}\n`);
    }
  }
  note(text: string): void {
    this.stream.write(`${text}\n`);
  }
  stop(): void {}
}

class LiveProgress implements Progress {
  private shown = false;
  constructor(
    private readonly stream: OutStream,
    private readonly color: boolean,
  ) {}
  event(e: ProgressEventLike): void {
    const text = describeEvent(e);
    if (!text) return;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.stream.write(`\r\x1b[2K${this.color ? `\x1b[2m${line}\x1b[22m` : line}`);
    this.shown = true;
  }
  note(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }
  stop(): void {
    this.clear();
  }
  private clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
