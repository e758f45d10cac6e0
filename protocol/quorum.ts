// A quorum is a majority of all acceptors: any two majorities share an acceptor, which is what
// lets a later ballot learn of a value a quorum voted for. Defined here once, for the model, the
// reference spec, the implementation and the invariants.

/** The smallest number of acceptors out of `acceptors` that forms a majority. */
export function majority(acceptors: number): number {
  return Math.floor(acceptors / 2) + 1;
}
