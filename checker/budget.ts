// The budgets that end a run early with "incomplete": states, seconds and memory. A partition
// checks them every CHECK_EVERY expansions, so a run stops cleanly between two states instead
// of running out of memory; the loop over levels checks the states budget between levels too.
//
// Memory is bounded twice. What the partition counts (its structures at their peak over the
// next expansions, a grow's old and new arrays together) must stay under its share of the
// limit: exact, and the same on every machine. And what the process holds resident must stay
// under the whole limit: the V8 heap, the code, arrays dropped but not yet collected and the
// other threads are in no count, and the kernel ends a process by what it holds, not by what
// it counted.
import { getHeapStatistics } from "node:v8";
import type { PartitionLimits } from "./partition.ts";

/** Expansions between two looks at the clock and the memory budget. */
export const CHECK_EVERY = 1024;
/**
 * Reads of the resident bytes: one in this many is asked of the kernel, and the others add what
 * the partition counted since to the last one read. Each read is a system call, which on a
 * virtual machine took as long as hundreds of expansions, and a run with a memory limit asked at
 * every check.
 */
const RSS_EVERY = 8;
/** Past this share of V8's heap limit a run stops as "incomplete" rather than crash. */
const HEAP_SAFETY_SHARE = 0.85;

/** What a partition counts: the bytes it holds now, and the most it may hold before its next check. */
export type HeldBytes = { readonly now: number; readonly soon: number };

/** Whole MiB, or two decimals for the small budgets of tests. */
const mib = (bytes: number): string => {
  const m = bytes / 2 ** 20;
  return `${m >= 10 ? Math.round(m).toLocaleString("en-US") : m.toFixed(2)} MiB`;
};

/** Why a run of `count` states stops under a budget of `maxStates`, or undefined to go on: the partitions and the loop over levels ask alike. */
export function statesBudget(count: number, maxStates: number | undefined): string | undefined {
  return maxStates !== undefined && count > maxStates ? `state budget reached: more than ${maxStates} distinct states` : undefined;
}

export class Budget {
  private checks = 0;
  private residentReads = 0;
  /** The resident bytes last read, and what the partition counted then. */
  private lastResident = 0;
  private countedAtRead = 0;
  private readonly heapLimit = getHeapStatistics().heap_size_limit;

  /**
   * `partitions`: how many share the memory limit, each counting its own structures against an
   * equal share; `resident` reads the process's resident bytes (every thread's).
   */
  constructor(
    private readonly limits: PartitionLimits,
    private readonly partitions = 1,
    private readonly resident: () => number = process.memoryUsage.rss,
  ) {}

  /**
   * Why to stop now, or undefined to go on. `count` is the states held by the whole run; `held`
   * counts what the partition holds, asked only under a memory limit (summing every structure
   * at each check cost a run without one its time, and its workers the compiling of it).
   */
  exceeded(count: number, held: () => HeldBytes): string | undefined {
    const { maxStates, maxSeconds, start } = this.limits;
    const states = statesBudget(count, maxStates);
    if (states) return states;
    if (maxSeconds !== undefined && (Date.now() - start) / 1000 > maxSeconds) return `time budget reached: more than ${maxSeconds} s`;
    if (this.limits.maxMemoryBytes !== undefined) {
      const h = held();
      // Every partition may grow as much as this one before the next checks.
      const memory = this.refusal(h.now, h.soon - h.now, `the next ${CHECK_EVERY} expansions`, this.partitions);
      if (memory) return memory;
    }
    // The counts may be low for large object states: the heap itself has the last word. Read from
    // V8 alone: process.memoryUsage() also asks the kernel for the resident bytes, and in profiles
    // of runs with no memory limit those reads were a few percent of the whole run.
    if ((++this.checks & 7) === 0) {
      const heap = getHeapStatistics().used_heap_size;
      if (heap > HEAP_SAFETY_SHARE * this.heapLimit) return `memory budget reached: the heap holds ${heap} bytes of its ${this.heapLimit} limit (raise it with NODE_OPTIONS=--max-old-space-size=MB)`;
    }
    return undefined;
  }

  /**
   * Why taking `extra` bytes more for `what`, while the partition counts `now`, would pass the
   * memory limit; undefined if it fits. `alike` partitions may take as much at the same time.
   */
  refusal(now: number, extra: number, what: string, alike = 1): string | undefined {
    const limit = this.limits.maxMemoryBytes;
    if (limit === undefined) return undefined;
    const share = limit / this.partitions;
    if (now + extra > share) {
      const whose = this.partitions > 1 ? `a worker's share of ${mib(share)} (limit ${mib(limit)} for ${this.partitions} workers)` : `the limit of ${mib(limit)}`;
      return `memory budget reached: ${what} would bring what the run counts to ${mib(now + extra)}, over ${whose}`;
    }
    const rss = this.residentNow(now);
    if (rss + alike * extra > limit) return `memory budget reached: the process holds ${mib(rss)} resident and ${what} may take ${mib(alike * extra)} more, limit ${mib(limit)}`;
    return undefined;
  }

  /** The process's resident bytes, read now or estimated from the last read (RSS_EVERY), while the partition counts `counted`. */
  private residentNow(counted: number): number {
    if (this.residentReads++ % RSS_EVERY === 0) {
      this.lastResident = this.resident();
      this.countedAtRead = counted;
      return this.lastResident;
    }
    return this.lastResident + Math.max(0, counted - this.countedAtRead);
  }
}
