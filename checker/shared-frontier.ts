// The level being expanded by the workers of a shared visited set (shared-store.ts): the union
// of what each worker stored in the level before, handed out in small blocks from one atomic
// counter, so that every worker expands until the level is all taken and none waits for a
// slower one with states left. A block is a run of consecutive states of one region or two.
import { FRONTIER, NEXT } from "./shared-control.ts";
import { globalId } from "./partition.ts";

/** Most states in a block: small enough that the level's end finds the workers together. */
const MAX_BLOCK = 1024;

export class SharedFrontier {
  private readonly starts: number[] = [];
  /** Positions in the level where each worker's part begins, and the level's size last. */
  private readonly prefix: number[] = [];
  private pos = 0;
  private end = 0;
  private block = 1;

  constructor(private readonly control: Int32Array, private readonly n: number) {}

  /**
   * This worker's part of the next level: its states `start` .. `end` - 1. Every worker
   * publishes its part between two levels, before any of them begins the next.
   */
  publish(id: number, start: number, end: number): void {
    Atomics.store(this.control, FRONTIER + 2 * id, start);
    Atomics.store(this.control, FRONTIER + 2 * id + 1, end);
    Atomics.store(this.control, NEXT, 0);
  }

  /** Reads every worker's part: the level about to be expanded. */
  begin(): void {
    this.starts.length = 0;
    this.prefix.length = 0;
    let total = 0;
    for (let w = 0; w < this.n; w++) {
      const start = Atomics.load(this.control, FRONTIER + 2 * w);
      this.starts.push(start);
      this.prefix.push(total);
      total += Atomics.load(this.control, FRONTIER + 2 * w + 1) - start;
    }
    this.prefix.push(total);
    this.pos = this.end = 0;
    this.block = Math.max(1, Math.min(MAX_BLOCK, Math.floor(total / (this.n * 64))));
  }

  /** The global id of the next state to expand, or -1 when the whole level is taken. */
  next(): number {
    if (this.pos === this.end) {
      const size = this.prefix[this.n]!;
      const p = Atomics.add(this.control, NEXT, this.block);
      if (p >= size) return -1;
      this.pos = p;
      this.end = Math.min(p + this.block, size);
    }
    const p = this.pos++;
    let w = 0;
    while (p >= this.prefix[w + 1]!) w++;
    return globalId(this.starts[w]! + p - this.prefix[w]!, w, this.n);
  }

  /** States of the level not yet taken by any worker. */
  left(): number {
    return Math.max(0, this.prefix[this.n]! - Atomics.load(this.control, NEXT));
  }
}
