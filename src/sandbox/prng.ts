/**
 * Small deterministic random numbers for the sandbox: a sequential generator (random faults) and
 * a counter-based hash (the company generator derives every value of row i from (seed, stream, i),
 * so any row can be produced on demand, in any order, and is the same on every run).
 */

/** 32-bit mix (a murmur3-style finaliser). */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform in [0, 1) determined by (seed, stream, i, k). */
export function hashUnit(seed: number, stream: number, i: number, k = 0): number {
  const h = mix32(mix32(mix32((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0) ^ i) + Math.imul(k + 1, 0x85ebca6b));
  return h / 4294967296;
}

/** Sequential generator (mulberry32). */
export function sequence(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
