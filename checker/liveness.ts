// Liveness under weak fairness, judged over the complete explored graph: "eventually goal" fails
// exactly when some fair run stays out of the goal for ever. In a finite graph such a run ends
// in a cycle it repeats (a lasso); the run is fair when every weakly fair action that stays
// enabled along the cycle is taken in it. Every state may also be stayed in (stuttering), so a
// state from which no weakly fair action leads elsewhere is a cycle of its own: the run that
// reaches it and stops there (nothing is enabled, or only faults and steps that change nothing).
//
// The check keeps the region of states reachable from an initial state without passing a goal
// state. Every state there without a fair exit is a one-state lasso; for longer cycles the
// region is split into strongly connected components (Tarjan's algorithm, iterative), and for
// each one with several states the object model says which fair actions each member enables
// and which it takes inside the component: the component holds a fair cycle when every action
// enabled in all its members is taken inside it (weak fairness needs no more: a cycle through
// every member sees each other action disabled somewhere).
//
// Bounds (ballots, retries) are what make the graph finite, and the model names the states
// where one disables a fair action (cutOff). The verdicts say only what holds of the model
// without that bound:
// - violated: a fair lasso none of whose cycle states is cut off; it is a fair run without the
//   bound too. The shortest one is reported (prefix and cycle, in steps). Where the model
//   gives a renaming of ballots and the bound cut a run off, a fair run back to its own state
//   but for its ballots counts as well (renamed-lasso.ts): without the bound it repeats for ever.
// - holds: no fair lasso, and no state of the region is cut off: the bound never removed a step
//   from a run that had not reached the goal, so every fair run reaches it, bound or not.
// - bounded: neither. The shortest run to a state of the region where the bound stops a fair
//   action is reported: without the bound that run could go on, and this graph cannot say where.
import type { TargetOf } from "./counterexample.ts";
import type { LivenessGraph } from "./liveness-graph.ts";
import type { Liveness, Model } from "./model.ts";
import type { Counterexample, LivenessResult } from "./result.ts";
import { searchRenamedLasso } from "./renamed-lasso.ts";
import { fairSteps, targetKey as keyOf, type CycleEdge } from "./fair-steps.ts";

/** A step inside a component, as the object model takes it. */
type Edge<A> = CycleEdge<A>;

/**
 * A fair lasso found in the graph, by state numbers: the prefix ends at `entry`, then `cycle`;
 * without one the run stays at entry, taking only the fair steps that lead back to it.
 */
type Lasso<A> = { readonly entry: number; readonly cycle?: readonly Edge<A>[]; readonly length: number; readonly renamed?: string };

export function judgeLiveness<S, A>(model: Model<S, A>, g: LivenessGraph, targetOf: TargetOf<S>): LivenessResult<S, A>[] {
  const lv = model.liveness!;
  return lv.properties.map((p, k) => {
    const found = judgeOne(model, lv, g, k, targetOf);
    if (found.violation) return { id: p.id, verdict: "violated" as const, run: rebuildLasso(model, g, targetOf, found.prev, found.violation, p.id) };
    if (found.cut) return { id: p.id, verdict: "bounded" as const, run: rebuildCut(model, g, targetOf, found.prev, found.cut, p.id, found.note) };
    return { id: p.id, verdict: "holds" as const };
  });
}

type Judged<A> = { readonly violation?: Lasso<A>; readonly cut?: { readonly at: number; readonly why: string }; readonly prev: Int32Array; readonly note?: string };

function judgeOne<S, A>(model: Model<S, A>, lv: Liveness<S, A>, g: LivenessGraph, k: number, targetOf: TargetOf<S>): Judged<A> {
  const n = g.count;
  const { start, targets } = g;
  // The region: states reached from an initial state through states where the goal does not hold.
  const dist = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < g.initialCount; i++) {
    if (!g.goal(k, i)) {
      dist[i] = 0;
      order[tail++] = i;
    }
  }
  for (let head = 0; head < tail; head++) {
    const u = order[head]!;
    for (let e = start[u]!; e < start[u + 1]!; e++) {
      const v = targets[e]!;
      if (dist[v]! >= 0 || g.goal(k, v)) continue;
      dist[v] = dist[u]! + 1;
      prev[v] = u;
      order[tail++] = v;
    }
  }
  // Each state's cut is asked once: decoding a packed state is the costly part.
  const cuts = new Map<number, string | null>();
  const cutOf = (i: number): string | null => {
    if (!lv.cutOff) return null;
    if (!cuts.has(i)) cuts.set(i, lv.cutOff(g.stateOf(i) as S));
    return cuts.get(i)!;
  };
  let violation: Lasso<A> | undefined;
  // One-state lassos, in breadth-first order: the first not cut off is the shortest such.
  for (let i = 0; i < tail && !violation; i++) {
    const s = order[i]!;
    if (g.fairExit[s] === 0 && cutOf(s) === null) violation = { entry: s, length: dist[s]! };
  }
  for (const members of components(g, dist, order, tail)) {
    if (members.some((m) => cutOf(m) !== null)) continue;
    const lasso = fairCycle(model, lv, g, targetOf, members, dist);
    if (lasso && (!violation || lasso.length < violation.length)) violation = lasso;
  }
  if (violation) return { violation, prev };
  for (let i = 0; i < tail; i++) {
    const why = cutOf(order[i]!);
    if (why === null) continue;
    // Cut off by the bound: a run that needs new ballots for ever may still show, ballots renamed.
    if (!lv.renaming) return { cut: { at: order[i]!, why }, prev };
    const found = searchRenamedLasso(model, lv, lv.renaming, g, targetOf, { order, size: tail, dist }, cutOf);
    if (found.lasso) return { violation: found.lasso, prev };
    return { cut: { at: order[i]!, why }, prev, note: found.note };
  }
  return { prev };
}

/** The fair steps of state s that lead back to s, one per fair class: a one-state cycle shows them. */
function selfLoops<S, A>(model: Model<S, A>, lv: Liveness<S, A>, g: LivenessGraph, targetOf: TargetOf<S>, s: number): Edge<A>[] {
  const state = g.stateOf(s) as S;
  const here = keyOf(g.target(s));
  const seen = new Set<string>();
  const out: Edge<A>[] = [];
  for (const { action, fairClass, to } of fairSteps(model, lv, targetOf, state)) {
    if (seen.has(fairClass) || to !== here) continue;
    seen.add(fairClass);
    out.push({ from: s, to: s, fairClass, action });
  }
  return out;
}

/** The strongly connected components of the region with more than one state (Tarjan, iterative). */
function components(g: LivenessGraph, dist: Int32Array, order: Int32Array, size: number): number[][] {
  const n = g.count;
  const { start, targets } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(size);
  const callNode = new Int32Array(size);
  const callEdge = new Int32Array(size);
  const found: number[][] = [];
  let sp = 0;
  let counter = 0;
  const enter = (v: number, depth: number) => {
    index[v] = low[v] = counter++;
    stack[sp++] = v;
    onStack[v] = 1;
    callNode[depth] = v;
    callEdge[depth] = start[v]!;
  };
  for (let r = 0; r < size; r++) {
    const root = order[r]!;
    if (index[root]! >= 0) continue;
    enter(root, 0);
    let depth = 1;
    while (depth > 0) {
      const u = callNode[depth - 1]!;
      const end = start[u + 1]!;
      let e = callEdge[depth - 1]!;
      let descended = false;
      while (e < end) {
        const v = targets[e++]!;
        if (v === u || dist[v]! < 0) continue;
        if (index[v]! < 0) {
          callEdge[depth - 1] = e;
          enter(v, depth++);
          descended = true;
          break;
        }
        if (onStack[v] === 1 && index[v]! < low[u]!) low[u] = index[v]!;
      }
      if (descended) continue;
      depth--;
      if (low[u] === index[u]) {
        if (stack[sp - 1] === u) {
          onStack[u] = 0;
          sp--;
        } else {
          const members: number[] = [];
          let w: number;
          do {
            w = stack[--sp]!;
            onStack[w] = 0;
            members.push(w);
          } while (w !== u);
          found.push(members);
        }
      }
      if (depth > 0) {
        const p = callNode[depth - 1]!;
        if (low[u]! < low[p]!) low[p] = low[u]!;
      }
    }
  }
  return found;
}

/**
 * A fair cycle through the component, if it has one: from its shallowest member, take each
 * class enabled in every member once, come back, and visit, for each class still enabled all
 * along the cycle and not taken, a member where it is disabled.
 */
function fairCycle<S, A>(model: Model<S, A>, lv: Liveness<S, A>, g: LivenessGraph, targetOf: TargetOf<S>, members: readonly number[], dist: Int32Array): Omit<Lasso<A>, "cut"> | null {
  const memberOf = new Map(members.map((m) => [keyOf(g.target(m)), m]));
  const enabled = new Map<number, Set<string>>();
  const out = new Map<number, Edge<A>[]>();
  const taken = new Set<string>();
  for (const m of members) {
    const state = g.stateOf(m) as S;
    const classes = new Set<string>();
    const edges: Edge<A>[] = [];
    for (const step of fairSteps(model, lv, targetOf, state)) {
      const { action, fairClass } = step;
      classes.add(fairClass);
      const to = memberOf.get(step.to);
      if (to === undefined) continue;
      edges.push({ from: m, to, fairClass, action });
      taken.add(fairClass);
    }
    enabled.set(m, classes);
    out.set(m, edges);
  }
  const everywhere = (states: Iterable<number>) => {
    let common: Set<string> | undefined;
    for (const s of states) common = common ? new Set([...common].filter((c) => enabled.get(s)!.has(c))) : new Set(enabled.get(s)!);
    return common ?? new Set<string>();
  };
  const required = [...everywhere(members)];
  if (required.some((c) => !taken.has(c))) return null;
  const entry = members.reduce((a, b) => (dist[b]! < dist[a]! ? b : a));
  /** Shortest run of component steps from `from` to a member where `done` holds, or that ends with a step where `doneBy` holds. */
  const path = (from: number, done: (s: number) => boolean, doneBy?: (e: Edge<A>) => boolean): Edge<A>[] => {
    const via = new Map<number, Edge<A> | null>([[from, null]]);
    const queue = [from];
    const back = (s: number, last?: Edge<A>) => {
      const steps: Edge<A>[] = last ? [last] : [];
      for (let e = via.get(s); e; e = via.get(e.from)) steps.unshift(e);
      return steps;
    };
    if (done(from)) return [];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (const e of out.get(s)!) {
        if (doneBy?.(e)) return back(s, e);
        if (via.has(e.to)) continue;
        via.set(e.to, e);
        if (done(e.to)) return back(e.to);
        queue.push(e.to);
      }
    }
    throw new Error("liveness: a component member is not reachable inside its component");
  };
  let cycle: Edge<A>[] = [];
  let at = entry;
  const extend = (steps: Edge<A>[]) => {
    cycle.push(...steps);
    if (steps.length > 0) at = steps.at(-1)!.to;
  };
  for (const c of required) if (!cycle.some((e) => e.fairClass === c)) extend(path(at, () => false, (e) => e.fairClass === c));
  if (cycle.length === 0) extend(path(at, () => false, () => true));
  extend(path(at, (s) => s === entry));
  for (;;) {
    const visited = [entry, ...cycle.map((e) => e.to)];
    const missing = [...everywhere(visited)].find((c) => !cycle.some((e) => e.fairClass === c));
    if (missing === undefined) break;
    const detour = path(entry, (s) => !enabled.get(s)!.has(missing));
    at = detour.length > 0 ? detour.at(-1)!.to : entry;
    cycle = [...detour, ...path(at, (s) => s === entry, undefined), ...cycle];
  }
  return { entry, cycle, length: dist[entry]! + cycle.length };
}

/** A concrete run of the object model through the states `ids`, from its initial state. */
function replayIds<S, A>(model: Model<S, A>, g: LivenessGraph, targetOf: TargetOf<S>, ids: readonly number[]) {
  const initial = model.initialStates().find((s) => keyOf(targetOf(s)) === keyOf(g.target(ids[0]!)));
  if (initial === undefined) throw new Error("liveness: no initial state is the stored one");
  const steps: { action: A; state: S }[] = [];
  let state: S = initial;
  /** Takes the step to state `to` (of `fairClass`, where it matters which). */
  const take = (to: number, fairClass?: string) => {
    const want = keyOf(g.target(to));
    const lv = model.liveness!;
    const action = model.actions(state).find((a) => (fairClass === undefined || lv.fairClass(a) === fairClass) && keyOf(targetOf(model.next(state, a))) === want);
    if (action === undefined) throw new Error("liveness: no action leads to the next state of the run");
    state = model.next(state, action);
    steps.push({ action, state });
  };
  for (const id of ids.slice(1)) take(id);
  return { initial, steps, take };
}

function pathTo(prev: Int32Array, at: number): number[] {
  const ids: number[] = [];
  for (let s = at; s >= 0; s = prev[s]!) ids.unshift(s);
  return ids;
}

/** The lasso as a concrete run of the object model: the prefix along breadth-first parents, then the cycle. */
function rebuildLasso<S, A>(model: Model<S, A>, g: LivenessGraph, targetOf: TargetOf<S>, prev: Int32Array, lasso: Lasso<A>, property: string): Counterexample<S, A> {
  const { initial, steps, take } = replayIds(model, g, targetOf, pathTo(prev, lasso.entry));
  const cycleStart = steps.length;
  const cycle = lasso.cycle ?? selfLoops(model, model.liveness!, g, targetOf, lasso.entry);
  for (const e of cycle) take(e.to, e.fairClass);
  const where = lasso.renamed
    ? `steps ${cycleStart + 1}-${steps.length} repeat for ever with ballots renamed on each turn (${lasso.renamed}): the state after them is the state before them but for its ballots, and each weakly fair action is taken in them or disabled somewhere along them`
    : cycle.length === 0
      ? "no weakly fair action is enabled in its last state"
      : cycle.every((e) => e.from === e.to)
        ? "every weakly fair action enabled in its last state leaves that state as it is"
        : `steps ${cycleStart + 1}-${steps.length} repeat for ever, each weakly fair action taken in them or disabled somewhere along them`;
  return { kind: "liveness", property, message: `'${property}' never holds on this fair run: ${where}`, initial, steps, cycleStart, ...(lasso.renamed ? { cycleRenamed: lasso.renamed } : {}) };
}

/** The shortest run to a state where a bound stops a fair action, the goal not reached. */
function rebuildCut<S, A>(model: Model<S, A>, g: LivenessGraph, targetOf: TargetOf<S>, prev: Int32Array, cut: { at: number; why: string }, property: string, note?: string): Counterexample<S, A> {
  const { initial, steps } = replayIds(model, g, targetOf, pathTo(prev, cut.at));
  const message = `'${property}' is not reached before a bound cuts this run off (${cut.why}); without the bound the run could go on, and the bounded graph cannot say whether it would reach it${note ? ` (${note})` : ""}`;
  return { kind: "bounded", property, message, initial, steps };
}
