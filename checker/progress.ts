// "Progress is possible", judged over the complete explored graph: every state where the
// progress check is expected must reach a goal state along explored edges. Computed
// backwards from the goal states, so the whole check is linear in the graph's size. States
// are named by number, so every representation and any number of partitions share it.
import type { EdgeList } from "./edge-list.ts";
import type { GraphReply } from "./partition.ts";

/** Predecessor lists in compressed form: the sources of edges into state t are sources[start[t] .. start[t + 1]). */
export type ReverseGraph = { readonly start: Int32Array; readonly sources: Int32Array };

export function reverseOfCsr(states: number, edges: EdgeList): ReverseGraph {
  return edges.reverse(states);
}

/**
 * Bytes the check allocates over a graph of `states` and `edges`, beside what the exploration
 * holds: the predecessor lists and their cursor, the reached marks and the stack; with several
 * partitions also every partition's graph as sent (its marks and its edges as pairs, copied once).
 */
export function progressCheckBytes(states: number, edges: number, partitions: number): number {
  const reverse = 4 * (states + 1) + 4 * states + 4 * edges;
  const search = states + 4 * states;
  return reverse + search + (partitions > 1 ? 2 * states + 2 * 8 * edges : 0);
}

/** Marks every state from which some goal state is reachable. */
function canReachGoal(n: number, reverse: ReverseGraph, isGoal: (i: number) => boolean): Uint8Array {
  const { start, sources } = reverse;
  const reach = new Uint8Array(n);
  // A state is pushed once at most, so n slots hold the stack; a typed array keeps it off the
  // JavaScript heap, which a run of hundreds of millions of states would outgrow.
  const stack = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    if (isGoal(i)) {
      reach[i] = 1;
      stack[top++] = i;
    }
  }
  while (top > 0) {
    const to = stack[--top]!;
    for (let e = start[to]!; e < start[to + 1]!; e++) {
      const from = sources[e]!;
      if (reach[from] === 0) {
        reach[from] = 1;
        stack[top++] = from;
      }
    }
  }
  return reach;
}

/**
 * The lowest-numbered state where progress is expected but no goal is reachable, or -1. With
 * one partition states are numbered in breadth-first order, so the lowest is a shallowest one.
 */
export function deadEndOf(reverse: ReverseGraph, isGoal: (i: number) => boolean, isExpected: (i: number) => boolean): number {
  const n = reverse.start.length - 1;
  const reach = canReachGoal(n, reverse, isGoal);
  for (let i = 0; i < n; i++) if (reach[i] === 0 && isExpected(i)) return i;
  return -1;
}

/**
 * The same judgement over the graphs of several partitions: states are numbered densely
 * (partition by partition), edges come as (global source, global target) pairs, each edge in
 * one graph. Returns the global id of a shallowest dead end, or -1.
 */
export function deadEndAcross(graphs: readonly GraphReply[]): number {
  const n = graphs.length;
  const offset: number[] = [];
  let total = 0;
  for (const g of graphs) {
    offset.push(total);
    total += g.count;
  }
  const dense = (global: number) => offset[global % n]! + Math.floor(global / n);
  const start = new Int32Array(total + 1);
  for (const g of graphs) for (const e of g.edges) for (let i = 1; i < e.length; i += 2) start[dense(e[i]!) + 1]!++;
  for (let i = 0; i < total; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, total);
  const sources = new Int32Array(start[total]!);
  for (const g of graphs) for (const e of g.edges) for (let i = 0; i < e.length; i += 2) sources[fill[dense(e[i + 1]!)]!++] = dense(e[i]!);
  const owner = (d: number) => {
    let p = n - 1;
    while (offset[p]! > d) p--;
    return p;
  };
  const reach = canReachGoal(total, { start, sources }, (d) => graphs[owner(d)]!.goal[d - offset[owner(d)]!] === 1);
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
