// What a linearizability check needs to know of the object: its initial state, and whether an
// operation with its output can happen in a state (and the state after). A state has a key
// for memoisation: equal keys, equal states.
import type { Operation } from "./operations.ts";

export type Model<S> = {
  readonly name: string;
  init(): S;
  /** The state after `op` if `op` (with its output, when known) can happen in `s`; else null. */
  step(s: S, op: Operation): { readonly state: S } | null;
  stateKey(s: S): string;
};
