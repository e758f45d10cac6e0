// The budgets that end a run early with "incomplete": states, seconds and memory. A partition
// checks them every CHECK_EVERY expansions, so a run stops cleanly between two states instead
// of running out of heap; the loop over levels checks the states budget between levels too.
import { getHeapStatistics } from "node:v8";
import type { PartitionLimits } from "./partition.ts";

/** Expansions between two looks at the clock and the memory budget. */
export const CHECK_EVERY = 1024;
/** Past this share of V8's heap limit a run stops as "incomplete" rather than crash. */
const HEAP_SAFETY_SHARE = 0.85;

export class Budget {
  private checks = 0;
  private readonly heapLimit = getHeapStatistics().heap_size_limit;

  constructor(private readonly limits: PartitionLimits) {}

  /**
   * Why to stop now, or undefined to go on. `count` is the states held, `bytesSoon` the bytes
   * held after CHECK_EVERY more expansions at most (packed: exact; objects: an estimate).
   */
  exceeded(count: number, bytesSoon: number): string | undefined {
    const { maxStates, maxSeconds, maxMemoryBytes, start } = this.limits;
    if (maxStates !== undefined && count > maxStates) return `state budget reached: more than ${maxStates} distinct states`;
    if (maxSeconds !== undefined && (Date.now() - start) / 1000 > maxSeconds) return `time budget reached: more than ${maxSeconds} s`;
    if (maxMemoryBytes !== undefined && bytesSoon > maxMemoryBytes) return `memory budget reached: about ${bytesSoon} bytes held soon, limit ${maxMemoryBytes}`;
    // The estimate may be low for large object states: the heap itself has the last word.
    if ((++this.checks & 7) === 0) {
      const heap = process.memoryUsage().heapUsed;
      if (heap > HEAP_SAFETY_SHARE * this.heapLimit) return `memory budget reached: the heap holds ${heap} bytes of its ${this.heapLimit} limit (raise it with NODE_OPTIONS=--max-old-space-size=MB)`;
    }
    return undefined;
  }
}
