// What an exploration run reports. "verified" is said only when every reachable state
// under the bounds was explored and every check held; a budget hit says "incomplete".

export type RunVerdict = "verified" | "violation" | "incomplete";

export type ExploreOptions = {
  /** Stop with "incomplete" after this many distinct states. */
  readonly maxStates?: number;
  /** Stop with "incomplete" after this many seconds. */
  readonly maxSeconds?: number;
  /** Stop with "incomplete" before the seen set and queue exceed this many bytes. */
  readonly maxMemoryBytes?: number;
  /** Called about every `progressEveryMs` (default 500) with the stats so far. */
  readonly onProgress?: (stats: ExploreStats) => void;
  readonly progressEveryMs?: number;
  /**
   * Explore one state per symmetry class: the object engine keys states by
   * `model.canonicalFingerprint`, the packed engine calls `canonicalize`. Verdicts are those of
   * the full exploration; state counts are smaller.
   */
  readonly symmetry?: boolean;
  /**
   * Explore only shard `index` of `count` (0-based): every shard runs the same breadth-first
   * prefix up to the first level with at least 4 * count states, then expands only the states
   * of that level at positions congruent to `index`. The union of the shards covers every
   * reachable state. A shard does not judge witnesses or progress (another shard may reach them).
   */
  readonly shard?: { readonly index: number; readonly count: number };
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
  /** Bytes held by the visited set (packed engine: allocated exactly; object engine: estimated). */
  readonly bytes?: number;
  /** Object engine: the odds that two distinct states shared a 64-bit fingerprint hash (about n^2 / 2^65). */
  readonly collisionProbability?: number;
};

export type ViolationKind = "invariant" | "step" | "witness-unreached" | "progress";

/** A run from an initial state to the violation: the shortest one, since exploration is breadth-first. */
export type Counterexample<S, A> = {
  readonly kind: ViolationKind;
  /** The id of the broken property. */
  readonly property: string;
  readonly message: string;
  readonly initial: S;
  readonly steps: readonly { readonly action: A; readonly state: S }[];
};

export type ExploreResult<S, A> = {
  readonly verdict: RunVerdict;
  readonly stats: ExploreStats;
  /** Set when verdict is "violation". For an unreached witness, `steps` is empty. */
  readonly violation?: Counterexample<S, A>;
  /** Set when verdict is "incomplete": which budget ended the run. */
  readonly incompleteReason?: string;
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
};
