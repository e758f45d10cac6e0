// The level being expanded by the workers of a shared visited set (shared-store.ts): what each
// worker stored in the level before, handed out in blocks of consecutive states. A worker takes
// blocks of its own part first, whose states it wrote and its processor's cache may still hold,
// and whose successors are often the states it met last (its cache of recent lookups); then it
// takes blocks of the others' parts, so that no worker waits with states left in the level.
// Owner and others take blocks of a part from the same atomic counter, so no state is taken twice.
import { FRONTIER, LINE, NEXT } from "./shared-control.ts";
import { globalId } from "./partition.ts";

/** Most states in a block: small enough that the level's end finds the workers together. */
const MAX_BLOCK = 1024;

export class SharedFrontier {
  private readonly starts: number[] = [];
  private readonly sizes: number[] = [];
  /** The part being taken from, and the block taken: positions pos .. end - 1 of it. */
  private part = 0;
  private pos = 0;
  private end = 0;
  private block = 1;

  constructor(private readonly control: Int32Array, private readonly id: number, private readonly n: number) {}

  /**
   * This worker's part of the next level: its states `start` .. `end` - 1. Every worker
   * publishes its part between two levels, before any of them begins the next.
   */
  publish(start: number, end: number): void {
    Atomics.store(this.control, FRONTIER + 2 * this.id, start);
    Atomics.store(this.control, FRONTIER + 2 * this.id + 1, end);
    Atomics.store(this.control, NEXT + this.id * LINE, 0);
  }

  /** Reads every worker's part: the level about to be expanded. */
  begin(): void {
    this.starts.length = 0;
    this.sizes.length = 0;
    let total = 0;
    for (let w = 0; w < this.n; w++) {
      const start = Atomics.load(this.control, FRONTIER + 2 * w);
      this.starts.push(start);
      this.sizes.push(Atomics.load(this.control, FRONTIER + 2 * w + 1) - start);
      total += this.sizes[w]!;
    }
    this.part = this.id;
    this.pos = this.end = 0;
    this.block = Math.max(1, Math.min(MAX_BLOCK, Math.floor(total / (this.n * 64))));
  }

  /** The global id of the next state to expand, or -1 when the whole level is taken. */
  next(): number {
    if (this.pos === this.end && !this.take()) return -1;
    return globalId(this.starts[this.part]! + this.pos++, this.part, this.n);
  }

  /** Takes the next block: of this worker's part while it lasts, then of the next part with states left. */
  private take(): boolean {
    for (let tried = 0; tried < this.n; tried++) {
      const size = this.sizes[this.part]!;
      const p = Atomics.add(this.control, NEXT + this.part * LINE, this.block);
      if (p < size) {
        this.pos = p;
        this.end = Math.min(p + this.block, size);
        return true;
      }
      this.part = (this.part + 1) % this.n;
    }
    return false;
  }
}
