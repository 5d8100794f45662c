/**
 * V8 flags of an executable run, set before anything else is loaded. The build sets the same ones
 * before it saves the bundle's code cache (V8 takes a cache only under the flags it was made with).
 */
import { setFlagsFromString } from 'node:v8';

export function setStartupFlags(argv: readonly string[]): void {
  // A CLI run is short: undici's HTTP parser is WebAssembly, and optimising it costs ~35 MB and CPU
  // a run never earns back (baseline code is plenty); a young generation that does not grow keeps
  // peak memory near what the audit really holds. A fleet run audits many companies in one
  // process, so it does earn them back (a fifth of its wall time).
  if (argv[0] === 'fleet') return;
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--semi-space-growth-factor=1');
}
