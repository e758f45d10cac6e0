// The budgets that end a run early with "incomplete": states, seconds and memory. Checked
// between expansions, so a run stops cleanly instead of running out of heap.
import { getHeapStatistics } from "node:v8";
import type { ExploreOptions, ExploreStats } from "./result.ts";

/** Rough cost of one visited state in the object engine: its share of the state objects, links, table slot. */
const OBJECT_STATE_OVERHEAD_BYTES = 220;
/** Past this share of V8's heap limit a run stops as "incomplete" rather than crash. */
const HEAP_SAFETY_SHARE = 0.85;

export class Budget {
  private readonly start = performance.now();
  private lastReport = this.start;
  private bytes = 0;
  private checks = 0;
  private readonly heapAtStart = process.memoryUsage().heapUsed;
  private readonly heapLimit = getHeapStatistics().heap_size_limit;

  constructor(private readonly options: ExploreOptions) {}

  seconds(): number {
    return (performance.now() - this.start) / 1000;
  }

  /** Accounts for one new state. */
  noteState(): void {
    this.bytes += OBJECT_STATE_OVERHEAD_BYTES;
  }

  /** Estimated bytes held by the seen set and queue so far. */
  estimatedBytes(): number {
    return this.bytes;
  }

  /** The reason to stop now, or undefined to go on. */
  exceeded(distinctStates: number): string | undefined {
    const { maxStates, maxSeconds, maxMemoryBytes } = this.options;
    this.checks++;
    if (maxStates !== undefined && distinctStates > maxStates) return `state budget reached: more than ${maxStates} distinct states`;
    if (maxMemoryBytes !== undefined && this.bytes > maxMemoryBytes) {
      return `memory budget reached: about ${this.bytes} bytes held, limit ${maxMemoryBytes}`;
    }
    // Reading the clock on every expansion costs more than the expansion of a small state.
    if ((this.checks & 255) !== 0) return undefined;
    if (maxSeconds !== undefined && this.seconds() > maxSeconds) return `time budget reached: more than ${maxSeconds} s`;
    if ((this.checks & 4095) === 0) {
      // The estimate may be low for large states: the heap itself has the last word.
      const heap = process.memoryUsage().heapUsed;
      if (maxMemoryBytes !== undefined && heap - this.heapAtStart > maxMemoryBytes) return `memory budget reached: the heap grew by ${heap - this.heapAtStart} bytes, limit ${maxMemoryBytes}`;
      if (heap > HEAP_SAFETY_SHARE * this.heapLimit) return `memory budget reached: the heap holds ${heap} bytes of its ${this.heapLimit} limit (raise it with NODE_OPTIONS=--max-old-space-size=MB)`;
    }
    return undefined;
  }

  maybeReport(options: ExploreOptions, stats: () => ExploreStats): void {
    if (!options.onProgress || (this.checks & 63) !== 0) return;
    const now = performance.now();
    if (now - this.lastReport < (options.progressEveryMs ?? 500)) return;
    this.lastReport = now;
    options.onProgress(stats());
  }
}
