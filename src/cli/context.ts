/** What every command gets: the io, the verbosity, and line writers that respect it. */
import type { CliIo } from './io.js';

export interface Ctx {
  io: CliIo;
  verbose: boolean;
  quiet: boolean;
  /** A line on stdout. */
  out(text: string): void;
  /** A line on stderr, always (errors). */
  err(text: string): void;
  /** "Warning: …" on stderr unless --quiet. */
  warn(text: string): void;
  /** A detail line on stderr with --verbose only. */
  info(text: string): void;
}

export function createContext(io: CliIo, flags: { verbose: boolean; quiet: boolean }): Ctx {
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    io,
    ...flags,
    out: (text) => void io.stdout.write(line(text)),
    err: (text) => void io.stderr.write(line(text)),
    warn: (text) => {
      if (!flags.quiet) io.stderr.write(line(`Warning: ${text}`));
    },
    info: (text) => {
      if (flags.verbose) io.stderr.write(line(text));
    },
  };
}

/** Last value of an option that may have been repeated (yargs then gives an array). */
export function lastString(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof x === 'string' ? x : x === undefined || x === null ? undefined : String(x);
}

export function lastNumber(v: unknown): number | undefined {
  const x = Array.isArray(v) ? v[v.length - 1] : v;
  return x === undefined ? undefined : typeof x === 'number' ? x : Number(x);
}

/** All values of a repeatable option, comma-separated values split. */
export function stringList(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
