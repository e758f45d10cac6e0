// What a check reports. "verified" is said only when every reachable state under the bounds
// was explored and every check held; a budget hit says "incomplete", never "verified"; a
// liveness property that a bound cut short says "bounded", never "verified" nor "violation".
import type { Shard } from "./shard.ts";

export type RunVerdict = "verified" | "violation" | "incomplete" | "bounded";

/** Which representation of states ran: the model's packed words, or its objects. */
export type Engine = "object" | "packed";

export type CheckOptions = {
  /** Stop with "incomplete" after this many distinct states. */
  readonly maxStates?: number;
  /** Stop with "incomplete" after this many seconds. */
  readonly maxSeconds?: number;
  /**
   * Stop with "incomplete" before the run holds more than this many bytes: what it counts (visited
   * sets, queues, edges, at their peaks while they grow; each worker its share) and what the
   * process holds resident (a process running other things holds those too).
   */
  readonly maxMemoryBytes?: number;
  /** Called about every `progressEveryMs` (default 500) with the figures so far. */
  readonly onProgress?: (stats: ExploreStats) => void;
  readonly progressEveryMs?: number;
  /**
   * Explore one state per symmetry class (the model's `representative`, or the packed model's
   * `canonicalize`). Verdicts are those of the full exploration; state counts are smaller.
   */
  readonly symmetry?: boolean;
  /**
   * Explore only shard `index` of `count` (0-based; shard.ts): the union of the shards covers
   * every reachable state. A shard does not judge witnesses or progress (another may reach them).
   */
  readonly shard?: Shard;
  /**
   * Worker threads (default 1: this thread). Packed states without fingerprints: the workers share
   * one visited set and frontier in shared memory; else each owns the states whose hash falls to it.
   */
  readonly workers?: number;
  /**
   * Fingerprint mode (packed engine): keep each visited state's 64-bit fingerprint and parent
   * instead of its words, as TLC does, and the states still to expand in a queue that spills to
   * disk past `queueMemoryBytes`. A fingerprint collision could hide a state: the result says
   * how likely that is (ExploreStats.collisionProbability).
   */
  readonly fingerprint?: boolean;
  /** Bytes the fingerprint mode's queue keeps in memory (default: a quarter of maxMemoryBytes, else 1 GiB); refused without `fingerprint`. */
  readonly queueMemoryBytes?: number;
  /**
   * Bytes the edges kept for the progress check hold in memory (packed engine, one visited set
   * per worker); past them the edges go to disk, to be read back a chunk at a time. Default: a
   * quarter of maxMemoryBytes, else all in memory. Refused for a model without a progress check,
   * with a shard, and with workers sharing one visited set (their edges stay in memory).
   */
  readonly edgeMemoryBytes?: number;
  /** Force a representation; by default the packed one where the model has it and it holds the run. */
  readonly engine?: Engine;
  /**
   * Judge the model's liveness properties under weak fairness (checker/liveness.ts) over the
   * explored graph: one thread, no symmetry, no shard; refused for a model that has none.
   */
  readonly liveness?: boolean;
};

export type ExploreStats = {
  readonly distinctStates: number;
  readonly transitions: number;
  /** Length of the longest shortest path from an initial state, counted in states (as TLC does). */
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** States discovered but not yet expanded (0 when complete). */
  readonly queued: number;
  /** Bytes held: visited sets, queues in memory, edges (packed: allocated exactly; objects: estimated). */
  readonly bytes: number;
  readonly bytesPerState: number;
  /**
   * Objects and fingerprint mode: the odds that two of the distinct states shared a 64-bit
   * fingerprint, so that one hid the other: n(n-1)/2^65 for n states, the birthday bound with
   * fingerprints taken as uniform (TLC's optimistic estimate is of the same kind).
   */
  readonly collisionProbability?: number;
};

export type ViolationKind = "invariant" | "step" | "witness-unreached" | "progress" | "liveness" | "bounded";

/** A run from an initial state to the violation: the shortest one, since exploration is breadth-first. */
export type Counterexample<S, A> = {
  readonly kind: ViolationKind;
  /** The id of the broken property. */
  readonly property: string;
  readonly message: string;
  readonly initial: S;
  readonly steps: readonly { readonly action: A; readonly state: S }[];
  /**
   * Liveness: the run is a lasso, and steps[cycleStart..] repeat for ever (the state after the
   * last step is the state before step cycleStart). cycleStart = steps.length: the run stays in
   * its last state for ever (nothing weakly fair leads out of it).
   */
  readonly cycleStart?: number;
  /**
   * Liveness, a lasso up to a renaming of ballots (model.ts Renaming): the state after the last
   * step is the state before step cycleStart but for its ballots, renamed as this says.
   */
  readonly cycleRenamed?: string;
};

/**
 * A liveness property's verdict: it holds (every fair run reaches the goal), it is violated (a
 * fair run that never does: `run` is a lasso), or a bound cut the only fair runs that do not
 * reach it (`run` ends where the bound stops it; raise the bound to learn more).
 */
export type LivenessVerdict = "holds" | "violated" | "bounded";
export type LivenessResult<S, A> = { readonly id: string; readonly verdict: LivenessVerdict; readonly run?: Counterexample<S, A> };

export type ExploreResult<S, A> = {
  readonly verdict: RunVerdict;
  readonly stats: ExploreStats;
  /** Set when verdict is "violation". For an unreached witness, `steps` is empty. */
  readonly violation?: Counterexample<S, A>;
  /** Set when verdict is "incomplete": which budget ended the run. */
  readonly incompleteReason?: string;
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
  /** Set when liveness was asked for and the exploration completed: one verdict per property. */
  readonly liveness?: readonly LivenessResult<S, A>[];
};

export type CheckResult<S, A> = ExploreResult<S, A> & {
  readonly engine: Engine;
  /** The packed engine ran in fingerprint mode. */
  readonly fingerprint?: boolean;
  /** Why the object representation ran although the model has a packed one. */
  readonly engineNote?: string;
  readonly workers: number;
  /** Transitions per branch of the model, when it declares branches (transition coverage). */
  readonly branches?: readonly { readonly id: string; readonly transitions: number }[];
};
