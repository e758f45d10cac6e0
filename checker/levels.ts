// The one breadth-first loop of the checker, over any number of partitions (partition.ts), in
// this thread or in workers (hosts.ts): level by level, every partition expands its part of
// the frontier, successors owned elsewhere are routed to their owners, every partition inserts
// what it received, and the next level begins. Breadth-first order is what makes the first
// violation found a shortest one. The loop knows nothing of states: it moves counts, batches
// and the ids of what was found. Workers that share one visited set step through the same
// levels themselves, without a request from this thread at each (shared-levels.ts): the loop
// combines what each reports at the end.
import { statesBudget } from "./budget.ts";
import type { PartitionHost } from "./hosts.ts";
import { addBranchHits, batchBuffers, type Found } from "./partition.ts";
import { ShardPlan, type Shard } from "./shard.ts";

export type LoopOptions = {
  readonly maxStates?: number;
  /** Set by the loop to its reporter; the one partition in this thread calls it between expansions (PartitionSetup.onTick). */
  readonly ticker?: Ticker;
  readonly shard?: Shard;
  readonly onProgress?: (live: LiveStats) => void;
  readonly progressEveryMs?: number;
};

export type LiveStats = { readonly distinctStates: number; readonly transitions: number; readonly depth: number; readonly queued: number; readonly bytes: number };

export type LoopOutcome = LiveStats & {
  /** How the loop ended: every level expanded, a violation found, or a budget ran out. */
  readonly end: "complete" | "found" | "stopped";
  readonly found?: Found;
  readonly stopped?: string;
  readonly witnessBits: number;
  readonly branchHits?: Float64Array;
};

export async function runLevels(hosts: readonly PartitionHost[], o: LoopOptions): Promise<LoopOutcome> {
  const inits = await Promise.all(hosts.map((h) => h.init()));
  let count = inits.reduce((s, r) => s + r.count, 0);
  let witnessBits = inits.reduce((b, r) => b | r.witnessBits, 0);
  let transitions = 0;
  let depth = count > 0 ? 1 : 0;
  let levelSize = count;
  let bytes = 0;
  let branchHits: Float64Array | undefined;
  const shard = o.shard ? new ShardPlan(o.shard) : undefined;
  const single = hosts.length === 1 ? hosts[0]!.local : undefined;
  const every = o.progressEveryMs ?? 500;
  let lastReport = Date.now();

  const live = (): LiveStats => {
    const l = single?.live();
    return l
      ? { distinctStates: l.count, transitions: transitions + l.transitions, depth, queued: l.frontierLeft + (l.count - count), bytes: l.bytes }
      : { distinctStates: count, transitions, depth, queued: levelSize, bytes };
  };
  const report = (force: boolean) => {
    if (!o.onProgress || (!force && Date.now() - lastReport < every)) return;
    lastReport = Date.now();
    o.onProgress(live());
  };
  // One partition in this thread reports while it expands a level (levels can be long).
  if (single && o.ticker) o.ticker.report = () => report(false);
  const outcome = (end: LoopOutcome["end"], extra: Partial<LoopOutcome> = {}): LoopOutcome => ({ ...live(), end, witnessBits, ...(branchHits ? { branchHits } : {}), ...extra });

  const initialStop = inits.find((r) => r.stopped)?.stopped;
  if (initialStop) return outcome("stopped", { stopped: initialStop });
  const initialFound = inits.find((r) => r.found)?.found;
  if (initialFound) return outcome("found", { found: initialFound });
  if (hosts[0]!.shared) return sharedLevels(hosts, { count, levelSize, depth, witnessBits }, o);
  try {
    while (levelSize > 0) {
      const overStates = statesBudget(count, o.maxStates);
      if (overStates) return outcome("stopped", { stopped: overStates });
      const split = shard?.splitFor(levelSize);
      const expanded = await Promise.all(hosts.map((h) => h.expand(split)));
      for (const e of expanded) {
        transitions += e.transitions;
        branchHits = addBranchHits(branchHits, e.branchHits);
      }
      const stopped = expanded.find((e) => e.stopped)?.stopped;
      if (stopped) return outcome("stopped", { stopped, ...(single ? { distinctStates: single.live().count } : {}) });
      const foundInExpand = expanded.find((e) => e.found)?.found;
      if (foundInExpand && single) {
        // One partition stops where the violation is: counts are those of a run cut there.
        const l = single.live();
        const grew = l.count > count;
        return { ...outcome("found", { found: foundInExpand }), distinctStates: l.count, transitions, depth: depth + (grew ? 1 : 0), queued: l.count - count + l.frontierLeft, bytes: l.bytes };
      }
      const inserted = await Promise.all(
        hosts.map((h, dest) => {
          const batches = expanded.map((e) => e.outgoing[dest]).filter((b) => b !== undefined);
          const transfer = single ? [] : batches.flatMap(batchBuffers);
          return h.insert(batches, transfer);
        }),
      );
      levelSize = inserted.reduce((s, r) => s + r.levelSize, 0);
      count = inserted.reduce((s, r) => s + r.count, 0);
      bytes = inserted.reduce((s, r) => s + r.bytes, 0);
      for (const r of inserted) witnessBits |= r.witnessBits;
      const stoppedInInsert = inserted.find((r) => r.stopped)?.stopped;
      if (stoppedInInsert) return outcome("stopped", { stopped: stoppedInInsert });
      if (levelSize > 0) depth++;
      const found = foundInExpand ?? inserted.find((r) => r.found)?.found;
      if (found) return outcome("found", { found });
      report(false);
    }
  } finally {
    if (o.ticker) o.ticker.report = undefined;
  }
  return outcome("complete", { queued: 0 });
}

/**
 * The levels of workers that share one visited set, which they step through themselves
 * (shared-levels.ts); their reports combined as the loop above combines replies: counts summed,
 * the first worker's violation or reason to stop.
 */
async function sharedLevels(hosts: readonly PartitionHost[], start: { count: number; levelSize: number; depth: number; witnessBits: number }, o: LoopOptions): Promise<LoopOutcome> {
  const shared = hosts[0]!.shared!;
  shared.begin(start);
  const request = { count: start.count, levelSize: start.levelSize, depth: start.depth, ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}), ...(o.shard ? { shard: o.shard } : {}) };
  const timer = o.onProgress ? setInterval(() => o.onProgress!(shared.live()), o.progressEveryMs ?? 500) : undefined;
  try {
    const replies = await Promise.all(hosts.map((h) => h.shared!.levels(request)));
    const last = replies[0]!;
    const branchHits = replies.reduce<Float64Array | undefined>((sum, r) => addBranchHits(sum, r.branchHits), undefined);
    const stopped = replies.find((r) => r.stopped !== undefined)?.stopped;
    const found = replies.find((r) => r.found)?.found;
    return {
      end: last.end,
      distinctStates: last.count,
      transitions: replies.reduce((s, r) => s + r.transitions, 0),
      depth: last.depth,
      queued: last.end === "complete" ? 0 : last.levelSize,
      bytes: replies.reduce((s, r) => s + r.bytes, 0),
      witnessBits: replies.reduce((b, r) => b | r.witnessBits, start.witnessBits),
      ...(branchHits ? { branchHits } : {}),
      ...(last.end === "stopped" && stopped !== undefined ? { stopped } : {}),
      ...(last.end === "found" && found ? { found } : {}),
    };
  } finally {
    if (timer) clearInterval(timer);
  }
}

/** Lets the one partition in this thread reach the loop's progress reporter. */
export class Ticker {
  report: (() => void) | undefined;
  readonly tick = (): void => this.report?.();
}
