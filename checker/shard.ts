// Splitting one exhaustive run over independent machines. Every shard explores the same
// breadth-first prefix up to the first level with at least 4 * count states (level sizes do
// not depend on the engine or the number of workers); in that level, shard i expands only the
// states whose hash falls to it, and below it everything it reaches. Every state past that
// level is reachable from some state of it, so the shards together cover the whole state space.
import type { ShardSplit } from "./partition.ts";

export type Shard = { readonly index: number; readonly count: number };

export function validateShard(shard: Shard): void {
  if (!Number.isInteger(shard.count) || shard.count < 1) throw new Error(`shard count must be a positive integer, got ${shard.count}`);
  if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) throw new Error(`shard index must be in 0..${shard.count - 1}, got ${shard.index}`);
}

/** Decides, level by level, whether this is the level at which the shards part. */
export class ShardPlan {
  private done = false;

  constructor(private readonly shard: Shard) {
    validateShard(shard);
  }

  /** The split to apply to the level of `levelSize` states about to be expanded, if it is the one. */
  splitFor(levelSize: number): ShardSplit | undefined {
    if (this.done || levelSize < 4 * this.shard.count) return undefined;
    this.done = true;
    return this.shard;
  }
}

/** Whether a state of hash h belongs to `split` (a mix independent of the partition owner's). */
export function inShard(h: number, split: ShardSplit): boolean {
  let x = h ^ 0x27d4eb2f;
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b);
  x ^= x >>> 13;
  return (x >>> 0) % split.count === split.index;
}
