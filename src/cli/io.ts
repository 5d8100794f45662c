/**
 * What a command may touch of the outside world. `runCli` receives it, so tests run the real
 * command line in-process with captured streams, their own environment and working folder.
 */
import type { Readable, Writable } from 'node:stream';

export type OutStream = Writable & { isTTY?: boolean; columns?: number };
export type InStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM (bin.ts wires process signals to it). Reason 'SIGTERM' or 'SIGINT'. */
  signal?: AbortSignal;
}

/**
 * Colour on a stream: FORCE_COLOR wins (any value but 0/false), then NO_COLOR (any non-empty value,
 * see no-color.org), then whether the stream is a terminal that is not `dumb`.
 */
export function useColor(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Resolves once everything written so far has been handed to the stream (before exiting). */
export function flush(stream: OutStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
