// The contract of the packed engine: a model whose states are a fixed number of 32-bit words,
// with successors computed on words. It always comes with the object Model it encodes, which
// names actions, explains violations and writes traces; the packed side only has to be fast.
import type { Model } from "./model.ts";

export interface PackedModel<S, A> {
  /** The object model this one encodes; its invariants and witnesses, in the same order. */
  readonly model: Model<S, A>;
  /** 32-bit words per state. */
  readonly words: number;
  encode(state: S, out: Int32Array, offset: number): void;
  decode(words: Int32Array, offset: number): S;
  /**
   * Writes each successor of the state at `offset` into `out` (at 0) and calls `emit(branch)`
   * once per enabled action, so transitions count as in the object model. A step back to the
   * very same state is no transition on either engine: the engine drops it, and a model may
   * leave it out. `branch` is the index in `model.branches` of the branch the transition took,
   * when the model declares branches.
   */
  successors(words: Int32Array, offset: number, out: Int32Array, emit: (branch?: number) => void): void;
  /** The index in `model.invariants` of the first invariant the state breaks, or -1. */
  firstBrokenInvariant(words: Int32Array, offset: number): number;
  /** Bit i is set when witness i of `model.witnesses` holds in the state. */
  witnessBits(words: Int32Array, offset: number): number;
  /**
   * Optional: the index in `model.stepChecks` of the first step property the transition from
   * the stored state `before` to `after` breaks, or -1. Absent: the engine decodes both states
   * and runs the object checks on every transition.
   */
  firstBrokenStep?(before: Int32Array, beforeOff: number, after: Int32Array, afterOff: number): number;
  /** `model.progress` on words (goal and expected); without them the engine refuses a progress check. */
  progressGoal?(words: Int32Array, offset: number): boolean;
  progressExpected?(words: Int32Array, offset: number): boolean;
  /** Liveness property number `property` of `model.liveness` on words; without it and fairStep the engine runs liveness on objects. */
  livenessGoal?(property: number, words: Int32Array, offset: number): boolean;
  /** Whether the transition from `before` to `after` is a weakly fair action of `model.liveness` (not a fault). */
  fairStep?(before: Int32Array, beforeOff: number, after: Int32Array, afterOff: number): boolean;
  /**
   * Rewrites the state at `offset` into the canonical member of its symmetry class (the
   * least under some fixed order among all its images). Absent: no symmetry is known.
   */
  canonicalize?(words: Int32Array, offset: number): void;
}

/**
 * Thrown by a packed model (encode or successors) on a state its layout cannot hold, e.g. a
 * broken variant that sends two different messages where correct runs send one. The run
 * then belongs to the object engine (checker/check.ts falls back to it).
 */
export class PackOverflow extends Error {
  override readonly name = "PackOverflow";
}

/**
 * Thrown when a packed model is built in a process that cannot run it: one whose steps are
 * compiled from source, where code generation from strings is forbidden. The run then belongs
 * to the object engine, with this message as its note.
 */
export class PackedUnavailable extends Error {
  override readonly name = "PackedUnavailable";
}

/**
 * `body` compiled as a function of `params`: a packed model's code specialized to its layout,
 * where each field's position is a constant. `what` names it for the PackedUnavailable thrown in
 * a process that forbids compiling from strings ("Paxos.tla's steps").
 */
export function compileSource(what: string, params: readonly string[], body: string): (...args: never[]) => unknown {
  try {
    return new Function(...params, body) as (...args: never[]) => unknown;
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    throw new PackedUnavailable(`the packed engine compiles ${what} from source, which this process forbids (as under --disallow-code-generation-from-strings): "${err.message}"`);
  }
}
