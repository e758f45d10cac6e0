// Conformance over the whole state space of a small configuration: every transition of the
// model's reachable graph (stutter deliveries too, when asked) replayed once on the
// implementation, from the initial state along a shortest path to its source. Where the depth
// walk (run.ts) drives every path up to a depth, the tour reaches every transition at any
// depth, each once; the two complement each other (paths.ts says why paths matter).
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import type { VariantName } from "../harness/impl-variants.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import { correctRules } from "../protocol/rules.ts";
import { createPaxosModel } from "../model/basic-paxos/paxos-model.ts";
import { withStutters } from "../model/basic-paxos/next.ts";
import { canonicalKey } from "../checker/canonical-hash.ts";
import { createLockstep, LockstepError, notFollowed } from "../mbt/lockstep.ts";
import { nextStep, type PathStep } from "./paths.ts";
import { emptyCoverage, type Coverage } from "./coverage.ts";
import { divergenceOf, lockstepOptions, type Divergence } from "./run.ts";
import type { Variant } from "../model/basic-paxos/variant.ts";

export type TourOptions = {
  readonly config: ModelConfig;
  readonly variant?: VariantName;
  /** The model's variant the implementation is held to (run.ts); default correct Paxos. */
  readonly modelVariant?: Variant;
  readonly stutters?: boolean;
  /** A tour of a larger graph is refused: it is meant for configurations of a few thousand states. */
  readonly maxStates?: number;
};

export type TourResult = {
  readonly conforms: boolean;
  /** Reachable model states, and the transitions among them the tour must replay. */
  readonly states: number;
  readonly transitions: number;
  /** Transitions replayed and judged, up to the divergence if there is one. */
  readonly replayed: number;
  readonly stepsReplayed: number;
  readonly seconds: number;
  readonly coverage: Coverage;
  readonly divergence?: Divergence;
};

export class TourTooLarge extends Error {}

type Node = { readonly state: PaxosState; readonly parent: number; readonly step: PathStep | null };

/** The reachable graph, breadth first: each state with the step that first reached it, and every transition. */
function graph(o: TourOptions): { nodes: Node[]; edges: { from: number; step: PathStep }[] } {
  const model = createPaxosModel(o.config, o.modelVariant);
  const sem = { config: o.config, rules: { ...correctRules, ...o.modelVariant?.rules } };
  const index = new Map<string, number>();
  const initial = model.initialStates()[0]!;
  const nodes: Node[] = [{ state: initial, parent: -1, step: null }];
  index.set(canonicalKey(initial), 0);
  const edges: { from: number; step: PathStep }[] = [];
  const max = o.maxStates ?? 20_000;
  for (let i = 0; i < nodes.length; i++) {
    const { state } = nodes[i]!;
    const enabled = o.stutters ? withStutters(state, sem, model.actions(state)) : model.actions(state);
    for (const action of enabled) {
      if (notFollowed(state, action) !== null) continue;
      const step = nextStep(model, state, action);
      edges.push({ from: i, step });
      const k = canonicalKey(step.after);
      if (index.has(k)) continue;
      if (nodes.length >= max) throw new TourTooLarge(`the configuration has more than ${max.toLocaleString("en-US")} states: too many for a tour (use the depth walk)`);
      index.set(k, nodes.length);
      nodes.push({ state: step.after, parent: i, step });
    }
  }
  return { nodes, edges };
}

function pathTo(nodes: readonly Node[], i: number): PathStep[] {
  const path: PathStep[] = [];
  for (let n = nodes[i]!; n.step !== null; n = nodes[n.parent]!) path.push(n.step);
  return path.reverse();
}

export async function runTour(o: TourOptions): Promise<TourResult> {
  const t0 = performance.now();
  const { nodes, edges } = graph(o);
  const coverage = emptyCoverage();
  let [replayed, stepsReplayed] = [0, 0];
  const lockstep = lockstepOptions(o);
  const result = (divergence?: Divergence): TourResult => ({
    conforms: !divergence, states: nodes.length, transitions: edges.length, replayed, stepsReplayed, seconds: (performance.now() - t0) / 1000, coverage, ...(divergence ? { divergence } : {}),
  });
  for (const { from, step } of edges) {
    const path = [...pathTo(nodes, from), step];
    const live = await createLockstep(lockstep);
    try {
      for (const s of path.slice(0, -1)) await live.step(s.action);
      const outcome = await live.step(step.action);
      stepsReplayed += path.length;
      replayed++;
      coverage[step.branch]++;
      if (!outcome.ok) return result(await divergenceOf(o, path));
    } catch (err) {
      if (!(err instanceof LockstepError)) throw err;
      return result(await divergenceOf(o, path, err.message));
    } finally {
      await live.close();
    }
  }
  return result();
}
