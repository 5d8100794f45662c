/**
 * V8 flags of an executable run, set before anything else is loaded. The build sets the same ones
 * before it saves the bundle's code cache (V8 takes a cache only under the flags it was made with),
 * and the benchmark runs its worklists process under them (its peak memory is the executable's).
 */
import { setFlagsFromString } from 'node:v8';

/**
 * A CLI run is short:
 * - `--liftoff-only`: undici's HTTP parser is WebAssembly, and optimising it costs ~35 MB and CPU
 *   a run never earns back (baseline code is plenty);
 * - `--semi-space-growth-factor=1`: a young generation that does not grow keeps peak memory near
 *   what the audit really holds;
 * - `--heap-growing-percent=20`: the old generation grows by a fifth before the next full
 *   collection, not by V8's default factor (up to 4× on a small heap). A worklist run reads
 *   response bodies of several megabytes one after another; what it holds at any moment is small
 *   (12 MB of live heap mid-phase at a million invoices, in a heap snapshot), but each body it is
 *   done with is garbage only a full collection frees, and under the default factor some 60 MB of
 *   them waited for one.
 */
export const CLI_V8_FLAGS = ['--liftoff-only', '--semi-space-growth-factor=1', '--heap-growing-percent=20'] as const;

/**
 * `--no-opt`: no optimising compiles at all for a run that reads a company's settings and samples
 * (a demo audit spends ~100 ms of CPU and ~8 MB on compiles it never earns back), but not with
 * --worklists, which reads every affected record (megabytes of XML that optimised code reads
 * several times faster).
 */
export function startupFlags(argv: readonly string[]): string[] {
  // A fleet run audits many companies in one process, so it does earn them back (a fifth of its wall time).
  if (argv[0] === 'fleet') return [];
  const worklists = argv.some((a) => a === '--worklists' || a.startsWith('--worklists='));
  return worklists ? [...CLI_V8_FLAGS] : [...CLI_V8_FLAGS, '--no-opt'];
}

export function setStartupFlags(argv: readonly string[]): void {
  for (const flag of startupFlags(argv)) setFlagsFromString(flag);
}
