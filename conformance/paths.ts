// Every path of the model from its initial state, up to a depth: a depth-first walk over
// enabledActions. Paths, not states: two paths to the same model state can leave the
// implementation in different hidden states (timers, counters, what a crash lost), so
// conformance must drive each of them.
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { Action } from "../model/basic-paxos/actions.ts";
import type { Model } from "../checker/model.ts";
import { correctRules } from "../protocol/rules.ts";
import { createPaxosModel } from "../model/basic-paxos/paxos-model.ts";
import { withStutters } from "../model/basic-paxos/next.ts";
import { branchIds, type BranchId } from "../model/basic-paxos/steps/branches.ts";
import { emptyCoverage, type Coverage } from "./coverage.ts";
import type { Variant } from "../model/basic-paxos/variant.ts";

/** One step of a path: the action, the model state after it, and the branch the model's step says it took. */
export type PathStep = { readonly action: Action; readonly after: PaxosState; readonly branch: BranchId };

/**
 * One node of the tree of paths, visited before its children. `path` is the walk's own stack:
 * it changes as the walk goes on, so copy it to keep it. `leaf`: the depth is reached or no
 * action is enabled (a path that ends early, as when a value is learned and nothing is left).
 */
export type PathNode = { readonly path: readonly PathStep[]; readonly leaf: boolean };

export type WalkOptions = {
  /**
   * Also walk the deliveries the model leaves out of enabledActions because they change
   * nothing (a repeated Promise, a refused Prepare). They are behaviours of the model too, and
   * the only place where some implementation bugs show (a reply counted twice).
   */
  readonly stutters?: boolean;
  /** Actions to walk (default all): lockstep leaves out a few the implementation does not follow. */
  readonly keep?: (state: PaxosState, action: Action) => boolean;
  /** The model's variant to walk (default correct Paxos). */
  readonly variant?: Variant;
};

export function* walkPaths(config: ModelConfig, depth: number, o: WalkOptions = {}): Generator<PathNode> {
  const model = createPaxosModel(config, o.variant);
  const sem = { config, rules: { ...correctRules, ...o.variant?.rules } };
  const path: PathStep[] = [];
  const keep = o.keep ?? (() => true);
  function* visit(state: PaxosState): Generator<PathNode> {
    const all = path.length >= depth ? [] : o.stutters ? withStutters(state, sem, model.actions(state)) : model.actions(state);
    const actions = all.filter((a) => keep(state, a));
    if (path.length > 0) yield { path, leaf: actions.length === 0 };
    for (const action of actions) {
      const step = nextStep(model, state, action);
      path.push(step);
      yield* visit(step.after);
      path.pop();
    }
  }
  yield* visit(model.initialStates()[0]!);
}

/** The step `action` takes from `state`, with the branch the model's step names. */
export function nextStep(model: Model<PaxosState, Action>, state: PaxosState, action: Action): PathStep {
  const { state: after, branch } = model.step!(state, action);
  return { action, after, branch: branchIds[branch]! };
}

export type PathCounts = {
  /** Leaves: paths of length `depth`, and shorter ones where nothing is enabled. */
  readonly paths: number;
  /** Edges of the tree: each transition of each path, shared prefixes once. */
  readonly transitions: number;
  /** Steps if every path were replayed from scratch: the sum of the paths' lengths. */
  readonly stepsFromScratch: number;
  /** Tree nodes at each depth 1..depth. */
  readonly byDepth: readonly number[];
  readonly longest: number;
  /** Transitions of each branch: the coverage a conforming implementation gets. */
  readonly branches: Coverage;
};

export function countPaths(config: ModelConfig, depth: number, o: WalkOptions = {}): PathCounts {
  const byDepth = new Array<number>(depth).fill(0);
  let paths = 0;
  let stepsFromScratch = 0;
  let longest = 0;
  const branches = emptyCoverage();
  for (const { path, leaf } of walkPaths(config, depth, o)) {
    byDepth[path.length - 1]!++;
    branches[path[path.length - 1]!.branch]++;
    longest = Math.max(longest, path.length);
    if (leaf) {
      paths++;
      stepsFromScratch += path.length;
    }
  }
  return { paths, transitions: byDepth.reduce((a, b) => a + b, 0), stepsFromScratch, byDepth, longest, branches };
}
