// "Progress is possible", judged over the complete explored graph: every state where the
// progress check is expected must reach a goal state along explored edges. Computed
// backwards from the goal states, so the whole check is linear in the graph's size. States
// are named by index, so the object and the packed engine share it.
import type { EdgeList } from "./edge-list.ts";

/**
 * The index of a state where progress is expected but no goal is reachable, or undefined.
 * States are indexed in breadth-first order, so the lowest such index is a shallowest one.
 */
export function findProgressDeadEnd(n: number, edges: EdgeList, isGoal: (i: number) => boolean, isExpected: (i: number) => boolean): number | undefined {
  const { start, sources } = edges.reverse(n);
  const canReachGoal = new Uint8Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (isGoal(i)) {
      canReachGoal[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length > 0) {
    const to = stack.pop()!;
    for (let e = start[to]!; e < start[to + 1]!; e++) {
      const from = sources[e]!;
      if (canReachGoal[from] === 0) {
        canReachGoal[from] = 1;
        stack.push(from);
      }
    }
  }
  for (let i = 0; i < n; i++) if (canReachGoal[i] === 0 && isExpected(i)) return i;
  return undefined;
}
