/**
 * The random draws of a generated company, counter-based so any row can be produced on demand:
 * draw k of row i in stream s depends on (seed, s, i, k) only. Loops hash a row once (`rowHash`)
 * and take several draws from it (`draw`); on-demand columns use `unit`.
 */
import { mix32 } from '../prng.js';

export interface Draws {
  rowHash(stream: number, i: number): number;
  /** Draw k in [0, 1) of a row hash. */
  draw(h: number, k: number): number;
  /** Draw k in [0, 1) of row i in a stream. */
  unit(stream: number, i: number, k: number): number;
}

const STREAMS = 16;

/** Plain closures (not methods), so the hot loops and columns call them directly. */
export function draws(seed: number): Draws {
  const streamSeeds = Array.from({ length: STREAMS }, (_, stream) => mix32((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0));
  const rowHash = (stream: number, i: number): number => mix32((streamSeeds[stream]! ^ i) >>> 0);
  const draw = (h: number, k: number): number => mix32((h + Math.imul(k + 1, 0x85ebca6b)) >>> 0) / 4294967296;
  const unit = (stream: number, i: number, k: number): number => draw(rowHash(stream, i), k);
  return { rowHash, draw, unit };
}
