// Splitting one exhaustive run over independent machines. Every shard explores the same
// deterministic breadth-first prefix, up to the first level with at least 4 * count states;
// shard i then expands only the states of that level at positions i, i + count, ... Every
// state past that level is reachable from some state of it, so the shards together cover
// the whole state space (states below it are covered by every shard).

export class ShardPlan {
  private from = -1;
  private to = -1;

  constructor(private readonly shard: { readonly index: number; readonly count: number }) {
    if (!Number.isInteger(shard.count) || shard.count < 1) throw new Error(`shard count must be a positive integer, got ${shard.count}`);
    if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) throw new Error(`shard index must be in 0..${shard.count - 1}, got ${shard.index}`);
  }

  /** Called when the level of states [start, end) begins to be expanded. */
  levelStarts(start: number, end: number): void {
    if (this.from < 0 && end - start >= 4 * this.shard.count) {
      this.from = start;
      this.to = end;
    }
  }

  /** Whether this shard expands the state at `index`. */
  owns(index: number): boolean {
    return index < this.from || index >= this.to || (index - this.from) % this.shard.count === this.shard.index;
  }
}
