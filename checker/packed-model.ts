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
   * Writes each successor of the state at `offset` into `out` (at 0) and calls `emit()` once
   * per enabled action, stuttering ones included, so transitions count as in the object model.
   */
  successors(words: Int32Array, offset: number, out: Int32Array, emit: () => void): void;
  /** The index in `model.invariants` of the first invariant the state breaks, or -1. */
  firstBrokenInvariant(words: Int32Array, offset: number): number;
  /** Bit i is set when witness i of `model.witnesses` holds in the state. */
  witnessBits(words: Int32Array, offset: number): number;
  /**
   * Rewrites the state at `offset` into the canonical member of its symmetry class (the
   * least under some fixed order among all its images). Absent: no symmetry is known.
   */
  canonicalize?(words: Int32Array, offset: number): void;
}
