// Lassos up to a renaming of ballots (liveness.ts asks for one when the bounded graph shows no
// lasso of its own): a run from a state u to a state v of u's renaming key (model.ts Renaming)
// repeats for ever once the bound is lifted, ballots renamed on each turn. Duelling proposers
// are such a run: each turn needs two new ballots, so within any retries bound they never come
// back to a state they were in, only to one with every round higher.
//
// The run u..v is fair for ever when every weakly fair action enabled in all of u..v's states
// but the last is taken along it (a fair action that leaves the state as it is counts, taken
// in place). That suffices: an action enabled for ever from some turn on is, renamed back, one
// enabled all along a turn, hence taken in it, hence taken in every turn after.
//
// Sound, not complete: the search follows the shortest paths from each u (breadth-first), tries
// the states u in breadth-first order, keeps the shortest lasso found, never passes through a
// state where the bound stops a fair action (the run would not be the unbounded one), and stops
// after a fixed amount of work.
import type { TargetOf } from "./counterexample.ts";
import type { LivenessGraph } from "./liveness-graph.ts";
import type { Liveness, Model, Renaming } from "./model.ts";
import { fairSteps, targetKey, type CycleEdge } from "./fair-steps.ts";

export type RenamedLasso<A> = { readonly entry: number; readonly cycle: readonly CycleEdge<A>[]; readonly length: number; readonly renamed: string };

/** Beyond this many states outside the goal, the search is not tried (each state's key is worked out on the object model). */
export const RENAMING_REGION_LIMIT = 2_000_000;
/** States expanded by all the searches together, per state of the region. */
const WORK_PER_STATE = 20;

export type RenamingSearch<A> = { readonly lasso?: RenamedLasso<A>; readonly note: string };

/** The region: states reached without the goal, `order[0..size)` breadth-first, `dist` their depth (-1 outside). */
export type Region = { readonly order: Int32Array; readonly size: number; readonly dist: Int32Array };

export function searchRenamedLasso<S, A>(model: Model<S, A>, lv: Liveness<S, A>, renaming: Renaming<S>, g: LivenessGraph, targetOf: TargetOf<S>, region: Region, cutOf: (state: number) => string | null): RenamingSearch<A> {
  const { order, size, dist } = region;
  if (size > RENAMING_REGION_LIMIT) return { note: `no lasso up to a renaming of ballots was looked for: ${size.toLocaleString("en-US")} states outside the goal, above ${RENAMING_REGION_LIMIT.toLocaleString("en-US")}` };
  const keys = new Map<number, string>();
  const members = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    const k = renaming.key(g.stateOf(order[i]!) as S);
    keys.set(order[i]!, k);
    members.set(k, (members.get(k) ?? 0) + 1);
  }
  const { start, targets } = g;
  let work = WORK_PER_STATE * size;
  let best: RenamedLasso<A> | undefined;
  for (let i = 0; i < size && work > 0; i++) {
    const u = order[i]!;
    if (best && dist[u]! + 1 >= best.length) break;
    const ku = keys.get(u)!;
    if (members.get(ku)! < 2 || cutOf(u) !== null) continue;
    // Breadth-first from u through the region, never through a state the bound cuts off.
    const via = new Map<number, number>([[u, -1]]);
    const depth = new Map<number, number>([[u, 0]]);
    const queue = [u];
    search: for (let head = 0; head < queue.length && work > 0; head++) {
      const x = queue[head]!;
      const d = depth.get(x)!;
      if (best && dist[u]! + d + 1 >= best.length) break;
      if (x !== u && cutOf(x) !== null) continue;
      work--;
      for (let e = start[x]!; e < start[x + 1]!; e++) {
        const y = targets[e]!;
        if (dist[y]! < 0 || via.has(y)) continue;
        via.set(y, x);
        depth.set(y, d + 1);
        if (keys.get(y) === ku) {
          const path = [y];
          for (let p = x; p >= 0; p = via.get(p)!) path.unshift(p);
          const cycle = fairTurn(model, lv, g, targetOf, path);
          if (cycle) {
            best = { entry: u, cycle, length: dist[u]! + cycle.length, renamed: renaming.between(g.stateOf(u) as S, g.stateOf(y) as S) };
            break search;
          }
        }
        queue.push(y);
      }
    }
  }
  if (best) return { lasso: best, note: "" };
  return { note: work > 0 ? "no run back to its own state with its ballots renamed was found either" : "the search for a lasso up to a renaming of ballots stopped at its work limit without one" };
}

/**
 * The turn along `path` (states by number, u first, v last) as the steps to take, or null when
 * it is not fair: some weakly fair action enabled in every state before v is taken in none.
 * Fair actions that leave a state as it is are taken in place where they are needed.
 */
function fairTurn<S, A>(model: Model<S, A>, lv: Liveness<S, A>, g: LivenessGraph, targetOf: TargetOf<S>, path: readonly number[]): CycleEdge<A>[] | null {
  const hops: { from: number; to: number; steps: CycleEdge<A>[]; inPlace: CycleEdge<A>[]; enabled: Set<string> }[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const from = path[i]!;
    const to = path[i + 1]!;
    const here = targetKey(g.target(from));
    const there = targetKey(g.target(to));
    const hop = { from, to, steps: [] as CycleEdge<A>[], inPlace: [] as CycleEdge<A>[], enabled: new Set<string>() };
    for (const { action, fairClass, to: after } of fairSteps(model, lv, targetOf, g.stateOf(from) as S)) {
      hop.enabled.add(fairClass);
      if (after === there) hop.steps.push({ from, to, fairClass, action });
      else if (after === here) hop.inPlace.push({ from, to: from, fairClass, action });
    }
    if (hop.steps.length === 0) return null;
    hops.push(hop);
  }
  let required = [...hops[0]!.enabled];
  for (const hop of hops.slice(1)) required = required.filter((c) => hop.enabled.has(c));
  const taken = new Set<string>();
  // Each hop's step: one of the classes still needed if it can, else the first.
  const chosen = hops.map((hop) => {
    const step = hop.steps.find((s) => required.includes(s.fairClass) && !taken.has(s.fairClass)) ?? hop.steps[0]!;
    taken.add(step.fairClass);
    return step;
  });
  const cycle: CycleEdge<A>[] = [];
  hops.forEach((hop, i) => {
    for (const s of hop.inPlace) {
      if (!required.includes(s.fairClass) || taken.has(s.fairClass)) continue;
      taken.add(s.fairClass);
      cycle.push(s);
    }
    cycle.push(chosen[i]!);
  });
  return required.every((c) => taken.has(c)) ? cycle : null;
}
