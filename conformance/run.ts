// Exhaustive bounded conformance: every model path up to a depth, replayed on the
// implementation through the lockstep driver (mbt/lockstep.ts), which compares the observable
// states and checks every invariant on both sides after every step.
//
// Replay: the implementation cannot be copied or rolled back, so the walk keeps one live
// lockstep run and extends it one step while it goes down the tree; when it moves to a
// sibling it starts a fresh run and replays the shared prefix (already checked) before the new
// step. Each transition of the tree is judged and counted once (the driver checks replayed
// steps again, their known outcome is not looked at); docs/conformance.md has the measurements.
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import type { VariantName } from "../harness/impl-variants.ts";
import type { Action } from "../model/basic-paxos/actions.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import { createLockstep, LockstepError, notFollowed, replayOnImpl, type Lockstep, type LockstepOptions, type StepOutcome } from "../mbt/lockstep.ts";
import type { Variant } from "../model/basic-paxos/variant.ts";
import { walkPaths, type PathStep } from "./paths.ts";
import { emptyCoverage, type Coverage } from "./coverage.ts";

export type ConformanceOptions = {
  readonly config: ModelConfig;
  readonly depth: number;
  readonly variant?: VariantName;
  /**
   * The model's variant the implementation is held to (a look-alike on both sides, such as
   * Accepts to every acceptor); default correct Paxos.
   */
  readonly modelVariant?: Variant;
  /** Also drive the deliveries the model leaves out as stutters (paths.ts). */
  readonly stutters?: boolean;
  /** Called every `progressEvery` checked transitions. */
  readonly onProgress?: (p: { transitions: number; paths: number; seconds: number }) => void;
  readonly progressEvery?: number;
};

/** Where model and implementation parted: the path up to the failing step, and what the driver saw. */
export type Divergence = {
  readonly path: readonly PathStep[];
  /** Every step of the path replayed once more in lockstep, the failing one last. */
  readonly steps: readonly StepOutcome[];
  /** Why the implementation could not take the last step, when that is how they parted. */
  readonly notPossible?: string;
};

export type ConformanceResult = {
  readonly conforms: boolean;
  /** Leaves reached (complete paths), up to the divergence if there is one. */
  readonly paths: number;
  /** Transitions of the tree checked on the implementation, each once. */
  readonly transitions: number;
  /** Steps played on the implementation, shared prefixes replayed included. */
  readonly stepsReplayed: number;
  /** Fresh clusters started. */
  readonly runs: number;
  readonly longest: number;
  readonly seconds: number;
  readonly coverage: Coverage;
  readonly divergence?: Divergence;
};

export async function runConformance(o: ConformanceOptions): Promise<ConformanceResult> {
  const t0 = performance.now();
  const coverage = emptyCoverage();
  let [paths, transitions, stepsReplayed, runs, longest] = [0, 0, 0, 0, 0];
  let live: Lockstep | null = null;
  const every = o.progressEvery ?? 10_000;
  const finish = async (parted?: readonly PathStep[], notPossible?: string): Promise<ConformanceResult> => {
    await live?.close();
    const divergence = parted && (await divergenceOf(o, parted, notPossible));
    const seconds = (performance.now() - t0) / 1000;
    return { conforms: !divergence, paths, transitions, stepsReplayed, runs, longest, seconds, coverage, ...(divergence ? { divergence } : {}) };
  };
  const keep = (s: PaxosState, a: Action) => notFollowed(s, a) === null;
  for (const { path, leaf } of walkPaths(o.config, o.depth, { stutters: o.stutters ?? false, keep, ...(o.modelVariant ? { variant: o.modelVariant } : {}) })) {
    const d = path.length;
    // Came straight down from the parent: the live run stands at the parent. Else replay the prefix.
    if (live === null || live.steps !== d - 1) {
      await live?.close();
      live = await createLockstep(lockstepOptions(o));
      runs++;
      for (const s of path.slice(0, d - 1)) await live.step(s.action);
      stepsReplayed += d - 1;
    }
    const last = path[d - 1]!;
    let outcome: StepOutcome;
    try {
      outcome = await live.step(last.action);
    } catch (err) {
      if (!(err instanceof LockstepError)) throw err;
      return finish([...path], err.message);
    }
    stepsReplayed++;
    transitions++;
    coverage[last.branch]++;
    if (!outcome.ok) return finish([...path]);
    if (leaf) paths++;
    longest = Math.max(longest, d);
    if (o.onProgress && transitions % every === 0) o.onProgress({ transitions, paths, seconds: (performance.now() - t0) / 1000 });
  }
  return finish();
}

/** What a conformance run holds against what: the configuration and the variant of each side. */
export type Sides = Pick<ConformanceOptions, "config" | "variant" | "modelVariant">;

/** The lockstep run of both sides. */
export function lockstepOptions(o: Sides): Pick<LockstepOptions, "config" | "variant" | "modelRules"> {
  return { config: o.config, ...(o.variant ? { variant: o.variant } : {}), ...(o.modelVariant ? { modelRules: o.modelVariant.rules } : {}) };
}

/** The failing path replayed once more, so that every step has its lockstep outcome for the report. */
export async function divergenceOf(o: Sides, path: readonly PathStep[], notPossible?: string): Promise<Divergence> {
  const replay = await replayOnImpl(lockstepOptions(o), path.map((s) => s.action));
  return { path, steps: replay.steps, ...(notPossible !== undefined ? { notPossible } : {}) };
}
