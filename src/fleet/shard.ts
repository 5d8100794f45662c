/**
 * `--shard K/N`: which companies of the manifest this run audits. A company's shard depends on its
 * name alone, so it stays in the same shard (and so keeps its previous report, the baseline) when
 * other companies are added or removed, and every machine computes the same split.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../cli/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export const MAX_SHARDS = 256;

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || total > MAX_SHARDS || index < 1 || index > total) {
    throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, e.g. --shard 2/4 (got "${text}").`);
  }
  return { index, total };
}

/** The shard (1-based) a company's name falls in. */
export function shardOf(name: string, total: number): number {
  const digest = createHash('sha256').update(name.toLowerCase()).digest();
  return (digest.readUInt32BE(0) % total) + 1;
}

export function inShard<T extends { name: string }>(companies: readonly T[], shard: Shard | undefined): T[] {
  return shard ? companies.filter((c) => shardOf(c.name, shard.total) === shard.index) : [...companies];
}
