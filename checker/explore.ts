// Breadth-first exploration of any object Model: every reachable state once (dedup by
// fingerprint), every check on every state and transition, the shortest counterexample on
// violation. Breadth-first order is what makes the first violation found a shortest one.
import type { Model } from "./model.ts";
import type { Counterexample, ExploreOptions, ExploreResult, ExploreStats, ViolationKind } from "./result.ts";
import { Budget } from "./budget.ts";
import { EdgeList } from "./edge-list.ts";
import { collisionProbability, FingerprintTable } from "./fingerprint-table.ts";
import { findProgressDeadEnd } from "./progress.ts";
import { ShardPlan } from "./shard.ts";

/** The explored graph: states by index in discovery order, with the link to their parent. */
type Graph<S, A> = {
  readonly states: S[];
  readonly parent: number[];
  readonly via: (A | undefined)[];
  readonly depth: number[];
  /** Successor indices; kept only when a progress check needs the whole graph. */
  readonly edges: EdgeList | undefined;
};

/** A violation found: the path ends at state `index`, then (for a step check) `last`. */
type Found = { kind: ViolationKind; property: string; message: string; index: number; last?: { action: unknown; after: unknown } };

export function explore<S, A>(model: Model<S, A>, options: ExploreOptions = {}): ExploreResult<S, A> {
  if (options.symmetry && !model.canonicalFingerprint) throw new Error(`${model.name}: no symmetry is defined for this model (canonicalFingerprint)`);
  // Under symmetry a state is known by its class; the stored state stays the concrete one
  // its parent's action produced, so parent links still spell a real run.
  const keyOf = options.symmetry ? model.canonicalFingerprint!.bind(model) : model.fingerprint.bind(model);
  const budget = new Budget(options);
  const graph: Graph<S, A> = { states: [], parent: [], via: [], depth: [], edges: model.progress ? new EdgeList() : undefined };
  const seen = new FingerprintTable();
  const reached = model.witnesses.map(() => false);
  let transitions = 0;
  let maxDepth = 0;
  let head = 0;
  let found: Found | undefined;
  let incompleteReason: string | undefined;

  const stats = (): ExploreStats => {
    const seconds = budget.seconds();
    return {
      distinctStates: graph.states.length,
      transitions,
      depth: maxDepth,
      seconds,
      statesPerSecond: seconds > 0 ? graph.states.length / seconds : 0,
      queued: graph.states.length - head,
      bytes: budget.estimatedBytes(),
      collisionProbability: collisionProbability(graph.states.length),
    };
  };

  // Adds a state if new; returns its index. Checks invariants and witnesses on new states only.
  const add = (state: S, parent: number, action: A | undefined): number => {
    const key = keyOf(state);
    const index = graph.states.length;
    const known = seen.lookup(key, index);
    if (known >= 0) return known;
    graph.states.push(state);
    graph.parent.push(parent);
    graph.via.push(action);
    const depth = parent < 0 ? 1 : graph.depth[parent]! + 1;
    graph.depth.push(depth);
    if (depth > maxDepth) maxDepth = depth;
    budget.noteState();
    for (let w = 0; w < model.witnesses.length; w++) if (!reached[w] && model.witnesses[w]!.reached(state)) reached[w] = true;
    if (!found) {
      for (const inv of model.invariants) {
        const message = inv.check(state);
        if (message !== null) {
          found = { kind: "invariant", property: inv.id, message, index };
          break;
        }
      }
    }
    return index;
  };

  for (const s of model.initialStates()) add(s, -1, undefined);
  const shard = options.shard ? new ShardPlan(options.shard) : undefined;
  let levelEnd = graph.states.length;

  while (!found && head < graph.states.length) {
    incompleteReason = budget.exceeded(graph.states.length);
    if (incompleteReason) break;
    if (head === levelEnd) {
      shard?.levelStarts(head, graph.states.length);
      levelEnd = graph.states.length;
    }
    const from = head++;
    graph.edges?.beginState();
    if (shard && !shard.owns(from)) continue;
    const state = graph.states[from]!;
    for (const action of model.actions(state)) {
      const after = model.next(state, action);
      transitions++;
      const to = add(after, from, action);
      graph.edges?.add(to);
      if (found) break;
      for (const step of model.stepChecks) {
        const message = step.check(state, after);
        if (message !== null) {
          // The transition itself is the violation: the path is to `from`, then `action`.
          found = { kind: "step", property: step.id, message, index: from, last: { action, after } };
          break;
        }
      }
      if (found) break;
    }
    budget.maybeReport(options, stats);
  }

  const witnesses = model.witnesses.map((w, i) => ({ id: w.id, reached: reached[i]! }));
  if (found) return { verdict: "violation", stats: stats(), violation: counterexample(graph, found), witnesses };
  if (incompleteReason) return { verdict: "incomplete", stats: stats(), incompleteReason, witnesses };

  // A shard sees part of the graph: witnesses and progress are judged over the union, not here.
  if (shard) return { verdict: "verified", stats: stats(), witnesses };
  const unreached = witnesses.find((w) => !w.reached);
  if (unreached && graph.states.length > 0) {
    const violation: Counterexample<S, A> = {
      kind: "witness-unreached",
      property: unreached.id,
      message: `no explored state reaches witness '${unreached.id}' (${graph.states.length} states explored)`,
      initial: graph.states[0]!,
      steps: [],
    };
    return { verdict: "violation", stats: stats(), violation, witnesses };
  }

  if (model.progress && graph.edges) {
    const progress = model.progress;
    const deadEnd = findProgressDeadEnd(graph.states.length, graph.edges, (i) => progress.goal(graph.states[i]!), (i) => progress.expected(graph.states[i]!));
    if (deadEnd !== undefined) {
      const message = `from this state no explored path reaches '${model.progress.id}'`;
      const violation = counterexample(graph, { kind: "progress", property: model.progress.id, message, index: deadEnd });
      return { verdict: "violation", stats: stats(), violation, witnesses };
    }
  }
  return { verdict: "verified", stats: stats(), witnesses };
}

/** Follows parent links back to an initial state; appends the violating action for step checks. */
function counterexample<S, A>(graph: Graph<S, A>, found: Found): Counterexample<S, A> {
  const path: number[] = [];
  for (let i = found.index; i >= 0; i = graph.parent[i]!) path.push(i);
  path.reverse();
  const steps = path.slice(1).map((i) => ({ action: graph.via[i] as A, state: graph.states[i] as S }));
  if (found.last) steps.push({ action: found.last.action as A, state: found.last.after as S });
  return { kind: found.kind, property: found.property, message: found.message, initial: graph.states[path[0]!] as S, steps };
}
