// The contract between the exploration engine and any model it checks (Basic Paxos,
// Lamport's Paxos.tla, the broken variants). The engine knows nothing about Paxos.
import type { z } from "zod";

/** A failed check explains itself in one line; null means it holds. */
export type Verdict = string | null;

export type StateCheck<S> = { readonly id: string; check(state: S): Verdict };
export type StepCheck<S> = { readonly id: string; check(before: S, after: S): Verdict };
/** A reachability witness: the run fails if no explored state reaches it. */
export type WitnessCheck<S> = { readonly id: string; reached(state: S): boolean };

/**
 * "Progress is possible": from every explored state where `expected` holds, some path
 * inside the explored graph reaches a state where `goal` holds.
 */
export type ProgressCheck<S> = { readonly id: string; goal(state: S): boolean; expected(state: S): boolean };

/** "Eventually `goal`": every fair run reaches a state where it holds (checker/liveness.ts). */
export type LivenessProperty<S> = { readonly id: string; goal(state: S): boolean };

/**
 * Liveness under weak fairness: the properties, which actions are weakly fair (a run in which
 * one stays enabled for ever must take it), and which bound, if any, keeps a fair action from
 * being enabled in a state (a run stopped there is cut off by the bound, not stuck).
 */
export type Liveness<S, A> = {
  readonly properties: readonly LivenessProperty<S>[];
  /** The weakly fair class the action belongs to ("deliver Prepare(1) p1->a1", "retry p2"), or null for an action no run has to take (a fault). */
  fairClass(action: A): string | null;
  /** Why a bound disables a fair action in this state ("p2 would retry at epoch 4, past maxEpoch 3"), or null. */
  cutOff?(state: S): string | null;
  /** Optional: states the same but for a renaming of ballots, so that a run needing a new ballot on every turn can still show as a lasso. */
  readonly renaming?: Renaming<S>;
};

/**
 * A renaming of ballots under which the model's behaviour does not change once its bound is
 * lifted: two states of one `key` can take the same steps (their ballots renamed), the goals of
 * the liveness properties hold in both or in neither, and a weakly fair action enabled in one is
 * the renamed action in the other. A run from a state to another of its key then repeats for
 * ever without the bound, ballots renamed on each turn: a lasso up to the renaming.
 */
export type Renaming<S> = {
  key(state: S): string;
  /** The renaming that takes `from` to `to` (two states of one key), in words: "rounds 1→3, 2→4". */
  between(from: S, to: S): string;
};

/** A named outcome of a transition (a Prepare promised, a Promise completing a quorum, ...). */
export type Branch = { readonly id: string; readonly description: string };

export interface Model<S, A> {
  readonly name: string;
  /** Config echoed into reports and traces, so a trace names what it was found under. */
  readonly config: unknown;
  initialStates(): readonly S[];
  /** Every action enabled in `state`, in a deterministic order. */
  actions(state: S): readonly A[];
  /** The state after `action`; only called with actions returned by `actions(state)`. */
  next(state: S, action: A): S;
  /**
   * Optional: every branch a transition can take, in a fixed order, for transition coverage
   * (which parts of the protocol a run exercised). With it, `step` says which branch ran.
   */
  readonly branches?: readonly Branch[];
  /** `next`, and the index in `branches` of the branch the transition took. */
  step?(state: S, action: A): { readonly state: S; readonly branch: number };
  /**
   * Optional: every enabled action with the state it leads to (and its branch), in the order of
   * `actions`; for models that compute successors anyway to decide what is enabled.
   */
  transitions?(state: S): readonly { readonly action: A; readonly state: S; readonly branch?: number }[];
  /**
   * Optional symmetry reduction: a value equal for all states that differ only by renaming what
   * the protocol cannot tell apart (acceptors, values), e.g. the renaming of the state with the
   * least fingerprint. With `symmetry: true` the engine knows a state by the fingerprint of its
   * representative; sound only if every check, witness and the initial states are symmetric too.
   * (States themselves are fingerprinted by the engine's canonical encoder, checker/canonical-hash.ts.)
   */
  representative?(state: S): unknown;
  /** One line, in the protocol's words: `deliver Promise(b=1.p1, voted=none) a2->p1`. */
  describeAction(action: A): string;
  /** What the action changed, one short line per change. */
  describeChange(before: S, after: S): readonly string[];
  /** Parses an action read back from a JSON trace. */
  readonly actionSchema: z.ZodType<A>;
  readonly invariants: readonly StateCheck<S>[];
  readonly stepChecks: readonly StepCheck<S>[];
  readonly witnesses: readonly WitnessCheck<S>[];
  readonly progress?: ProgressCheck<S>;
  /** Optional: liveness properties under fairness, judged when a check asks for them (CheckOptions.liveness). */
  readonly liveness?: Liveness<S, A>;
}
