// "Progress is possible", judged over the complete explored graph: every state where the
// progress check is expected must reach a goal state along explored edges. States are named by
// number, so every representation and any number of partitions share it.
//
// It needs no graph of predecessors for the whole run, which at hundreds of millions of states
// would cost as much memory again as the edges. One pass over the edges, the highest-numbered
// sources first, settles every state that reaches a goal along edges to higher-numbered states
// (states are numbered in breadth-first order, so most edges lead there). What is left, the
// states not settled, is searched backwards from those of them with an edge into a settled
// state, over the edges between them only: small when the check passes, and at most the whole
// graph when it fails. The check stays linear in the graph's size.
import type { Reserve } from "./held-memory.ts";
import type { GraphReply } from "./partition.ts";

/** The explored graph as the progress check reads it. */
export interface ProgressGraph {
  readonly count: number;
  goal(state: number): boolean;
  /** Every edge once, called as f(from, to); the deeper sources first settles most states in the first pass. */
  forEachEdge(f: (from: number, to: number) => void): void;
}

/** Marks (1) every state from which some goal state is reachable. */
export function reachesGoal(g: ProgressGraph, reserve: Reserve): Uint8Array {
  const n = g.count;
  reserve(n, "the progress check's marks");
  const reach = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (g.goal(i)) reach[i] = 1;
  g.forEachEdge((from, to) => {
    if (reach[to] === 1) reach[from] = 1;
  });
  let left = 0;
  for (let i = 0; i < n; i++) if (reach[i] === 0) left++;
  if (left > 0) settleTheRest(g, reach, left, reserve);
  return reach;
}

/** The backward search over the states the first pass left unsettled, and the edges between them. */
function settleTheRest(g: ProgressGraph, reach: Uint8Array, left: number, reserve: Reserve): void {
  reserve(13 * left + 4, "the progress check's search of the states its first pass left");
  const states = new Int32Array(left);
  for (let i = 0, k = 0; i < reach.length; i++) if (reach[i] === 0) states[k++] = i;
  // Unsettled states are renumbered densely, in order, so every array below is sized by them.
  const dense = (state: number): number => {
    let lo = 0;
    let hi = left - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (states[mid]! < state) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Edges come grouped by source: its number is looked up once a group.
  let lastFrom = -1;
  let lastDense = 0;
  const denseFrom = (from: number): number => {
    if (from !== lastFrom) {
      lastFrom = from;
      lastDense = dense(from);
    }
    return lastDense;
  };
  const start = new Int32Array(left + 1);
  const found = new Uint8Array(left);
  g.forEachEdge((from, to) => {
    if (reach[from] === 1) return;
    if (reach[to] === 1) found[denseFrom(from)] = 1;
    else start[dense(to) + 1]!++;
  });
  for (let i = 0; i < left; i++) start[i + 1]! += start[i]!;
  reserve(4 * start[left]!, "the progress check's edges between the states its first pass left");
  const fill = start.slice(0, left);
  const sources = new Int32Array(start[left]!);
  g.forEachEdge((from, to) => {
    if (reach[from] === 0 && reach[to] === 0) sources[fill[dense(to)]!++] = denseFrom(from);
  });
  // A state is pushed once at most, so `left` slots hold the stack: `fill` is spent, and reused.
  const stack = fill;
  let top = 0;
  for (let i = 0; i < left; i++) if (found[i] === 1) stack[top++] = i;
  while (top > 0) {
    const to = stack[--top]!;
    for (let e = start[to]!; e < start[to + 1]!; e++) {
      const from = sources[e]!;
      if (found[from] === 0) {
        found[from] = 1;
        stack[top++] = from;
      }
    }
  }
  for (let i = 0; i < left; i++) if (found[i] === 1) reach[states[i]!] = 1;
}

/**
 * The lowest-numbered state where progress is expected but no goal is reachable, or -1. With
 * one partition states are numbered in breadth-first order, so the lowest is a shallowest one.
 */
export function deadEndOf(g: ProgressGraph, expected: (state: number) => boolean, reserve: Reserve): number {
  const reach = reachesGoal(g, reserve);
  for (let i = 0; i < g.count; i++) if (reach[i] === 0 && expected(i)) return i;
  return -1;
}

/**
 * Bytes of the partitions' graphs as they reach this thread (their marks, and their edges as
 * pairs, or as runs with a shared visited set) and of their goals gathered.
 */
export function graphsBytes(states: number, edges: number, runs = false): number {
  return 3 * states + (runs ? 4 * (edges + states) : 8 * edges);
}

/**
 * The same judgement over the graphs of several partitions: states are numbered densely
 * (partition by partition), edges come as (global source, global target) pairs, each edge in
 * one graph. Returns the global id of a shallowest dead end, or -1.
 */
export function deadEndAcross(graphs: readonly GraphReply[], reserve: Reserve): number {
  const n = graphs.length;
  const offset: number[] = [];
  let total = 0;
  for (const g of graphs) {
    offset.push(total);
    total += g.count;
  }
  // Global id g is local g / n of partition g % n: a shift and a mask when n is a power of two.
  const bits = 31 - Math.clz32(n);
  const firsts = Int32Array.from(offset);
  const dense = (n & (n - 1)) === 0 ? (global: number) => firsts[global & (n - 1)]! + (global >>> bits) : (global: number) => firsts[global % n]! + Math.floor(global / n);
  const goal = new Uint8Array(total);
  graphs.forEach((g, p) => goal.set(g.goal, offset[p]!));
  const reach = reachesGoal(
    {
      count: total,
      goal: (d) => goal[d] === 1,
      // Each partition's pairs and runs were recorded level by level: its last ones first.
      forEachEdge: (f) => {
        for (const g of graphs) {
          for (let k = g.edges.length - 1; k >= 0; k--) {
            const e = g.edges[k]!;
            for (let i = e.length - 2; i >= 0; i -= 2) f(dense(e[i]!), dense(e[i + 1]!));
          }
          if (g.runs) forEachRunEdgeDown(g.runs, (from, to) => f(dense(from), dense(to)));
        }
      },
    },
    reserve,
  );
  let best = -1;
  let bestLevel = Infinity;
  graphs.forEach((g, p) => {
    let level = 0;
    for (let local = 0; local < g.count; local++) {
      while (level + 1 < g.levelStarts.length && local >= g.levelStarts[level + 1]!) level++;
      if (reach[offset[p]! + local] === 0 && g.expected[local] === 1 && level < bestLevel) {
        bestLevel = level;
        best = local * n + p;
      }
    }
  });
  return best;
}

/**
 * Every edge of runs (GraphReply.runs: a source's -(id + 1), then its targets), the last run
 * first: read backwards, a run's targets come before its source, so they wait in `pending`.
 */
export function forEachRunEdgeDown(runs: readonly Int32Array[], f: (from: number, to: number) => void): void {
  // A typed array and a count, not an array's push and length: this loop reads every edge of a
  // run on workers, and the array's builtins took most of its time.
  let pending = new Int32Array(64);
  let count = 0;
  for (let k = runs.length - 1; k >= 0; k--) {
    const r = runs[k]!;
    for (let i = r.length - 1; i >= 0; i--) {
      const x = r[i]!;
      if (x >= 0) {
        if (count === pending.length) {
          const more = new Int32Array(count * 2);
          more.set(pending);
          pending = more;
        }
        pending[count++] = x;
        continue;
      }
      const from = -x - 1;
      for (let j = 0; j < count; j++) f(from, pending[j]!);
      count = 0;
    }
  }
  if (count > 0) throw new Error(`${count} edges of a run without its source`);
}
