// The memory budget sees what a run really holds: a structure's peak while it grows counts the
// old array beside the new one (the visited set's table grows in place: its new half and the
// batch it sorts the states in), every allocation is asked
// for before it is made and a refused one leaves the structure as it was, and the process's
// resident memory stops a run that its counts alone would let go on.
import { describe, expect, it } from "vitest";
import { Budget } from "../../checker/budget.ts";
import { collectDropped, dropped } from "../../checker/collect.ts";
import { EdgeList } from "../../checker/edge-list.ts";
import { rehashBatchBytes } from "../../checker/rehash-batch.ts";
import { GrowableInts } from "../../checker/growable-ints.ts";
import { doublingPeak, MemoryRefused, type Reserve } from "../../checker/held-memory.ts";
import { StateStore } from "../../checker/state-store.ts";
import { StateQueue } from "../../checker/state-queue.ts";
import { command as check } from "../../cli/commands/check.ts";
import { runCommand } from "../cli/capture.ts";

const MiB = 2 ** 20;
const state = (i: number) => Int32Array.of(i, i * 31 + 7);

/** A Reserve that records the most a structure held at any moment: what it held when it asked, plus what it asked for. */
function peakRecorder(held: () => number): { reserve: Reserve; peak: () => number } {
  let peak = 0;
  return { reserve: (bytes) => void (peak = Math.max(peak, held() + bytes)), peak: () => peak };
}

describe("the visited set's accounting", () => {
  it("counts the table's new slots and the batch while the table grows in place", () => {
    let store: StateStore | undefined;
    const seen = peakRecorder(() => store!.bytes());
    store = new StateStore(2, 16, undefined, seen.reserve);
    store.insert(state(0), -1);
    // Beside a table of 16 slots, a cache of recent lookups of 1 slot (2 words and an index); of 4 beside 64.
    const chunk = store.bytes() - (16 + 3) * 4;
    // The table is at its load limit: the next new state but one grows it, fourfold while it is small.
    for (let i = 1; i < 11; i++) store.insert(state(i), i - 1);
    expect(store.peakBytes(0)).toBe(chunk + (16 + 3) * 4);
    // The grown table (its first quarter the old one's slots), the new cache beside the old one,
    // and the batch the growth sorts the states it enters again in.
    const predicted = store.peakBytes(2);
    expect(predicted).toBe(chunk + (64 + 12 + 3) * 4 + rehashBatchBytes(64));
    store.insert(state(11), 10);
    store.insert(state(12), 11);
    expect(seen.peak()).toBe(chunk + (64 + 12 + 3) * 4 + rehashBatchBytes(64));
    expect(predicted).toBeGreaterThanOrEqual(seen.peak());
    // Once grown, the old table and the old cache are no longer held.
    expect(store.bytes()).toBe(chunk + (64 + 12) * 4);
  });

  it("predicts a peak at least as high as any moment of a long run of inserts", () => {
    let store: StateStore | undefined;
    const seen = peakRecorder(() => store!.bytes());
    store = new StateStore(2, 16, undefined, seen.reserve);
    const predicted = store.peakBytes(5000);
    for (let i = 0; i < 5000; i++) store.insert(state(i), -1);
    expect(predicted).toBeGreaterThanOrEqual(seen.peak());
    expect(predicted).toBeGreaterThanOrEqual(store.bytes());
  });

  it("leaves the store as it was when the grow is refused, and finds every state still", () => {
    let refuse = false;
    const store = new StateStore(2, 16, undefined, (_bytes, what) => {
      if (refuse) throw new MemoryRefused(`no room for ${what}`);
    });
    for (let i = 0; i < 12; i++) store.insert(state(i), -1);
    refuse = true;
    const bytes = store.bytes();
    expect(() => store.insert(state(99), -1)).toThrow(/no room for the visited set's table/);
    expect(store.count).toBe(12);
    expect(store.bytes()).toBe(bytes);
    for (let i = 0; i < 12; i++) expect(store.insert(state(i), -1)).toBe(-1);
  });
});

describe("the peaks of growing arrays", () => {
  it("a doubling array holds its old and its new array at once", () => {
    expect(doublingPeak(10, 16, 6, 4)).toBe(16 * 4);
    expect(doublingPeak(10, 16, 7, 4)).toBe((32 + 16) * 4);
    expect(doublingPeak(10, 16, 100, 1)).toBe(128 + 64);
  });

  it("an edge list and a list of ints predict the most they hold while they grow", () => {
    let edges: EdgeList | undefined;
    const seenEdges = peakRecorder(() => edges!.bytes());
    edges = new EdgeList(seenEdges.reserve);
    const predictedEdges = edges.peakBytes(20_000);
    for (let s = 0; s < 5000; s++) {
      edges.beginState();
      for (let e = 0; e < 4; e++) edges.add(s);
    }
    expect(predictedEdges).toBeGreaterThanOrEqual(seenEdges.peak());
    let ints: GrowableInts | undefined;
    const seenInts = peakRecorder(() => ints!.bytes());
    ints = new GrowableInts(seenInts.reserve);
    const predictedInts = ints.peakBytes(30_000);
    for (let i = 0; i < 10_000; i++) ints.pushState(Int32Array.of(1, 2), 2, i);
    expect(predictedInts).toBeGreaterThanOrEqual(seenInts.peak());
  });

  it("the queue's peak stays near its budget however many states are pushed", () => {
    const chunkBytes = (1 << 4) * 3 * 4;
    let queue: StateQueue | undefined;
    const seen = peakRecorder(() => queue!.bytes());
    queue = new StateQueue(3, 3 * chunkBytes, 4, seen.reserve);
    const predicted = queue.peakBytes(1000);
    expect(predicted).toBe(4 * chunkBytes);
    for (let i = 0; i < 1000; i++) queue.push(Int32Array.of(i, i, i));
    expect(predicted).toBeGreaterThanOrEqual(seen.peak());
    queue.dispose();
  });
});

describe("dropped arrays", () => {
  it("are collected once enough were dropped, not left resident until V8 happens to collect", () => {
    // Made and dropped in a function of their own, so that no register of this one holds them.
    const dropSome = (): number => {
      const arrays = Array.from({ length: 5 }, () => new Int32Array((16 * MiB) / 4).fill(1));
      arrays.forEach((a) => dropped(a.byteLength));
      return process.memoryUsage().arrayBuffers;
    };
    const held = dropSome();
    collectDropped();
    expect(process.memoryUsage().arrayBuffers).toBeLessThanOrEqual(held - 64 * MiB);
  });
});

describe("Budget", () => {
  const limits = { start: Date.now(), maxMemoryBytes: 100 * MiB };

  it("stops on what the run counts, a worker on its share of the limit", () => {
    expect(new Budget(limits, 1, () => 0).exceeded(1, () => ({ now: 10 * MiB, soon: 90 * MiB }))).toBeUndefined();
    expect(new Budget(limits, 1, () => 0).exceeded(1, () => ({ now: 10 * MiB, soon: 110 * MiB }))).toMatch(/memory budget reached: .* counts to 110 MiB, over the limit of 100 MiB/);
    expect(new Budget(limits, 2, () => 0).exceeded(1, () => ({ now: 10 * MiB, soon: 49 * MiB }))).toBeUndefined();
    expect(new Budget(limits, 2, () => 0).refusal(40 * MiB, 20 * MiB, "growing the edge list")).toMatch(/growing the edge list would bring .* to 60 MiB, over a worker's share of 50 MiB \(limit 100 MiB for 2 workers\)/);
  });

  it("stops on what the process holds resident, which no count sees", () => {
    const holding = (rss: number) => new Budget(limits, 1, () => rss * MiB);
    expect(holding(60).exceeded(1, () => ({ now: 10 * MiB, soon: 30 * MiB }))).toBeUndefined();
    expect(holding(85).exceeded(1, () => ({ now: 10 * MiB, soon: 30 * MiB }))).toMatch(/memory budget reached: the process holds 85 MiB resident and the next 1024 expansions may take 20 MiB more, limit 100 MiB/);
    expect(holding(101).exceeded(1, () => ({ now: 1, soon: 1 }))).toMatch(/the process holds 101 MiB resident/);
    // Two workers may each grow as much before their next checks.
    expect(new Budget(limits, 2, () => 61 * MiB).exceeded(1, () => ({ now: 10 * MiB, soon: 30 * MiB }))).toMatch(/may take 40 MiB more/);
  });

  it("asks the kernel for the resident bytes at one check in eight, adding what the run counted since to the last read", () => {
    let reads = 0;
    let kernel = 50 * MiB;
    const budget = new Budget(limits, 1, () => {
      reads++;
      return kernel;
    });
    expect(budget.exceeded(1, () => ({ now: 10 * MiB, soon: 11 * MiB }))).toBeUndefined();
    expect(reads).toBe(1);
    // Not read again: 50 MiB read, and 35 MiB counted since, stop the run.
    kernel = 0;
    expect(budget.exceeded(1, () => ({ now: 45 * MiB, soon: 61 * MiB }))).toMatch(/the process holds 85 MiB resident and the next 1024 expansions may take 16 MiB more/);
    for (let i = 0; i < 6; i++) budget.exceeded(1, () => ({ now: 10 * MiB, soon: 11 * MiB }));
    expect(reads).toBe(1);
    // The eighth check after a read reads again.
    kernel = 99 * MiB;
    expect(budget.exceeded(1, () => ({ now: 10 * MiB, soon: 12 * MiB }))).toMatch(/the process holds 99 MiB resident/);
    expect(reads).toBe(2);
  });

  it("has no memory limit unless one is given, and then does not ask what the partition holds", () => {
    let counted = 0;
    const held = () => {
      counted++;
      return { now: 10 ** 14, soon: 10 ** 15 };
    };
    expect(new Budget({ start: Date.now() }, 1, () => 10 ** 15).exceeded(1, held)).toBeUndefined();
    expect(counted).toBe(0);
    expect(new Budget(limits, 1, () => 0).exceeded(1, held)).toMatch(/memory budget reached/);
    expect(counted).toBe(1);
  });
});

describe("synod check --max-memory", () => {
  it("ends a run that reaches the budget as incomplete with the memory reason, exit 3", async () => {
    const { code, out } = await runCommand(check, ["--retries", "0", "--fingerprint", "--max-memory", "1"]);
    expect(code).toBe(3);
    expect(out).toMatch(/verdict: incomplete \(memory budget reached: .*limit of 1\.00 MiB\)/);
    expect(out).not.toMatch(/verdict: verified/);
  });
});
