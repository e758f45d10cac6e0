// The levels of a run whose workers share one visited set (shared-store.ts), stepped by the
// workers themselves. Each level is the one runLevels (levels.ts) makes: every worker expands
// states of the level until all are taken; then each marks where its part of the next level
// begins (its insert); then each reads the next level's size, and all decide alike whether
// to go on. Between those steps the workers meet at a barrier in shared memory (meet), where
// runLevels would have each reply to the main thread and wait for its next request: two
// round trips a level, each waking three threads, where the barrier wakes at most one. The
// main thread combines what each worker reports at the end (runLevels) and reads the live
// figures while the levels run (sharedLive).
import { statesBudget } from "./budget.ts";
import { addBranchHits, type Found, type Partition } from "./partition.ts";
import { ENDING, FOUND_BIT, FRONTIER, meet, STOPPED_EXPANDING, STOPPED_INSERTING } from "./shared-control.ts";
import type { LiveStats } from "./levels.ts";
import { ShardPlan, type Shard } from "./shard.ts";

/** Where the levels begin (after every worker's init), and the loop's budgets. */
export type SharedLevelsRequest = {
  readonly count: number;
  readonly levelSize: number;
  readonly depth: number;
  readonly maxStates?: number;
  readonly shard?: Shard;
};

/** One worker's account of the levels: what it counted itself, and what every worker knows alike. */
export type SharedLevelsReply = {
  readonly end: "complete" | "found" | "stopped";
  /** Its own transitions, witnesses reached, branch hits, bytes at its last insert, violation found, budget run out. */
  readonly transitions: number;
  readonly witnessBits: number;
  readonly branchHits?: Float64Array;
  readonly bytes: number;
  readonly found?: Found;
  readonly stopped?: string;
  /** The whole run's, the same in every worker. */
  readonly count: number;
  readonly levelSize: number;
  readonly depth: number;
};

/** The live figures, Float64s: the run's count, depth and level size, then per worker its transitions and bytes. */
const RUN_WORDS = 3;
const transitionsAt = (w: number): number => RUN_WORDS + 2 * w;
const bytesAt = (w: number): number => RUN_WORDS + 2 * w + 1;

export function liveWords(workers: number): number {
  return RUN_WORDS + 2 * workers;
}

/** The run's figures where a level begins: every worker's counts still to come when `workers` is given (before the levels). */
export function setRunLive(live: Float64Array, at: { readonly count: number; readonly depth: number; readonly levelSize: number }, workers = 0): void {
  live.fill(0, RUN_WORDS, liveWords(workers));
  live[0] = at.count;
  live[1] = at.depth;
  live[2] = at.levelSize;
}

/** Worker `id` of `n` steps through the levels with the others, its partition `p` on the shared set whose words are `control`. */
export function stepLevels(p: Partition, control: Int32Array, live: Float64Array, id: number, n: number, req: SharedLevelsRequest): SharedLevelsReply {
  let { count, levelSize, depth } = req;
  let transitions = 0;
  let witnessBits = 0;
  let bytes = 0;
  let branchHits: Float64Array | undefined;
  let found: Found | undefined;
  let stopped: string | undefined;
  const shard = req.shard ? new ShardPlan(req.shard) : undefined;
  const reply = (end: SharedLevelsReply["end"]): SharedLevelsReply => ({
    end,
    transitions,
    witnessBits,
    bytes,
    count,
    levelSize,
    depth,
    ...(branchHits ? { branchHits } : {}),
    ...(found ? { found } : {}),
    ...(stopped !== undefined ? { stopped } : {}),
  });
  /** Keeps what a step found or why it stopped, and tells the others at `ending`, a stop by `stoppedBit`. */
  const tell = (ending: number, step: { readonly found?: Found; readonly stopped?: string }, stoppedBit: number): void => {
    found ??= step.found;
    stopped = step.stopped;
    if (stopped !== undefined) Atomics.or(control, ending, stoppedBit);
    if (found) Atomics.or(control, ending, FOUND_BIT);
  };
  for (let level = 0; levelSize > 0; level++) {
    const ending = ENDING + (level & 1);
    // Every worker reads the same count: all stop here, or none.
    const overStates = statesBudget(count, req.maxStates);
    if (overStates) {
      if (id === 0) stopped = overStates;
      return reply("stopped");
    }
    const e = p.expand(shard?.splitFor(levelSize));
    transitions += e.transitions;
    branchHits = addBranchHits(branchHits, e.branchHits);
    tell(ending, e, STOPPED_EXPANDING);
    live[transitionsAt(id)] = transitions;
    // Every state of the level is expanded before any part of the next one is marked.
    meet(control, n);
    if ((Atomics.load(control, ending) & STOPPED_EXPANDING) !== 0) return reply("stopped");
    const ins = p.insert([]);
    witnessBits |= ins.witnessBits;
    bytes = ins.bytes;
    tell(ending, ins, STOPPED_INSERTING);
    live[bytesAt(id)] = bytes;
    // Every part of the next level is marked before any worker reads them.
    meet(control, n);
    levelSize = 0;
    count = 0;
    for (let w = 0; w < n; w++) {
      const end = Atomics.load(control, FRONTIER + 2 * w + 1);
      levelSize += end - Atomics.load(control, FRONTIER + 2 * w);
      count += end;
    }
    const ends = Atomics.load(control, ending);
    if ((ends & STOPPED_INSERTING) !== 0) return reply("stopped");
    if (levelSize > 0) depth++;
    if (id === 0) setRunLive(live, { count, depth, levelSize });
    if ((ends & FOUND_BIT) !== 0) return reply("found");
  }
  return reply("complete");
}

/** The live figures of levels being stepped (written by the workers as each level ends), for progress reports. */
export function sharedLive(live: Float64Array, n: number): LiveStats {
  let transitions = 0;
  let bytes = 0;
  for (let w = 0; w < n; w++) {
    transitions += live[transitionsAt(w)]!;
    bytes += live[bytesAt(w)]!;
  }
  return { distinctStates: live[0]!, transitions, depth: live[1]!, queued: live[2]!, bytes };
}
