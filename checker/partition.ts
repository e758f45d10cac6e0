// A partition is the part of the state space one worker owns: the states whose hash falls to
// it, stored in the worker's representation (objects or packed words). Every run, on one
// thread or on many, is a set of partitions driven level by level by one loop (levels.ts):
// each partition expands its part of the current level, inserting the successors it owns at
// once and batching the others for their owners; then every partition inserts what it was sent,
// and the next level begins. With one partition nothing is batched, and the loop is a plain
// breadth-first search. Packed partitions on workers may share one visited set instead
// (PartitionSetup.shared): each owns the states it stored, nothing is batched, and the insert
// step only marks where the next level begins.
import type { Reserve } from "./held-memory.ts";
import type { LivenessGraph } from "./liveness-graph.ts";
import type { SharedVisited } from "./shared-store.ts";

/** Budgets a partition checks while it expands and inserts. */
export type PartitionLimits = {
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  /**
   * The whole run's memory limit: each of the run's partitions counts its structures against an
   * equal share of it, and the process's resident memory (every thread's) must stay under it.
   */
  readonly maxMemoryBytes?: number;
  /** Date.now() when the run started. */
  readonly start: number;
};

export type PartitionSetup = {
  /** This partition's number, 0..count-1. */
  readonly id: number;
  /** Partitions in the run. */
  readonly count: number;
  readonly symmetry: boolean;
  /** Keep the graph's edges: the model has a progress check. */
  readonly progress: boolean;
  /** Keep the edges and each state's fair exits for the liveness check (one partition only). */
  readonly liveness?: boolean;
  readonly limits: PartitionLimits;
  /**
   * Fingerprint mode: the visited set holds each state's 64-bit fingerprint and parent, not its
   * words; the words of states still to expand wait in a queue that spills to disk past
   * queueMemoryBytes. A fingerprint collision would hide a state (ExploreStats.collisionProbability).
   */
  readonly fingerprint?: boolean;
  readonly queueMemoryBytes?: number;
  /** Bytes of edges kept in memory, the rest on disk (a partition with its own visited set). */
  readonly edgeMemoryBytes?: number;
  /**
   * Packed states on several workers: one visited set and one frontier in shared memory for them
   * all (shared-store.ts), instead of each worker owning the states whose hash falls to it.
   */
  readonly shared?: SharedVisited;
  /** Called between expansions now and then (one partition in this thread: progress reports). */
  readonly onTick?: () => void;
};

/**
 * A violation found by a partition. `at` is the global id of the state that breaks invariant
 * number `property`, or of the state whose transition breaks step property number `property`.
 */
export type Found = { readonly kind: "invariant" | "step"; readonly at: number; readonly property: number };

/** In this level, expand only the states whose hash falls to shard `index` of `count`. */
export type ShardSplit = { readonly index: number; readonly count: number };

export type InitReply = { readonly count: number; readonly witnessBits: number; readonly found?: Found; readonly stopped?: string };

export type ExpandReply = {
  readonly transitions: number;
  /** Successors owned by other partitions, one batch per destination (empty for this one). */
  readonly outgoing: readonly unknown[];
  /** Transitions per branch of the model (model.branches), when it declares them. */
  readonly branchHits?: Float64Array;
  readonly found?: Found;
  /** A budget ran out: why. */
  readonly stopped?: string;
};

export type InsertReply = {
  /** States added in this level (the next frontier). */
  readonly levelSize: number;
  readonly count: number;
  readonly bytes: number;
  readonly witnessBits: number;
  readonly found?: Found;
  /** A budget ran out while inserting: why. */
  readonly stopped?: string;
};

/** A stored state, for rebuilding a run: its identity (words or fingerprint) and its parent's global id. */
export type StoredState = { readonly target: Int32Array; readonly parent: number };

/**
 * The explored graph of one partition, for the progress check over all of them: per local
 * state whether it is a goal and whether progress is expected there, where each level begins,
 * and as (global source, global target) pairs every edge into this partition's states or, with
 * a shared visited set, every edge out of the states this partition expanded as runs: each
 * expanded state's -(global id + 1), then its targets' global ids (half the bytes of pairs).
 */
export type GraphReply = {
  readonly count: number;
  readonly goal: Uint8Array;
  readonly expected: Uint8Array;
  readonly levelStarts: Int32Array;
  /** The pairs, in parts. */
  readonly edges: readonly Int32Array[];
  /** The runs, in parts (a run may go on in the next part). */
  readonly runs?: readonly Int32Array[];
};

export interface Partition {
  init(): InitReply;
  expand(split?: ShardSplit): ExpandReply;
  insert(batches: readonly unknown[]): InsertReply;
  get(local: number): StoredState;
  graph(): GraphReply;
  /**
   * Progress with one partition: the first state (in breadth-first order) that cannot reach a
   * goal, or -1. The check's own arrays are asked of `reserve` first, which may refuse them.
   */
  deadEnd(reserve: Reserve): number;
  /** The graph the liveness check reads (setup.liveness, one partition in this thread). */
  livenessGraph?(): LivenessGraph;
  /** Frees what outlives the heap (a queue's files on disk). */
  dispose?(): void;
  /** Live figures while a level is being expanded (one partition in this thread). */
  live(): { readonly count: number; readonly transitions: number; readonly bytes: number; readonly frontierLeft: number };
}

/** `hits` (transitions per branch, of a level or a worker) added into `sum`, which is made on the first; `sum` when there are none. */
export function addBranchHits(sum: Float64Array | undefined, hits: Float64Array | undefined): Float64Array | undefined {
  if (!hits) return sum;
  const total = sum ?? new Float64Array(hits.length);
  for (let i = 0; i < hits.length; i++) total[i]! += hits[i]!;
  return total;
}

/** The typed arrays inside a batch of states, moved rather than copied between threads. */
export function batchBuffers(batch: unknown): ArrayBuffer[] {
  if (ArrayBuffer.isView(batch)) return [batch.buffer as ArrayBuffer];
  return Object.values(batch as object)
    .filter((v): v is Int32Array => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
}

/** The global id of local state `local` of partition `id` out of `count`. */
export function globalId(local: number, id: number, count: number): number {
  return local * count + id;
}

/** Which partition owns a state of 32-bit hash h: from the high bits, which hash tables do not use for slots. */
export function ownerOf(h: number, count: number): number {
  return Math.floor(((Math.imul(h ^ 0x5bd1e995, 0x2c1b3c6d) >>> 16) * count) / 65536);
}
