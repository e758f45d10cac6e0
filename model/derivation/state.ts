// The state of a seed-004 model: every acceptor and proposer, the messages in flight and the
// faults used so far. Plain immutable data; arrays are kept in a canonical order.
import type { InFlight } from "./network.ts";
import type { Node, ProposerCore } from "./scheme.ts";

export type DerivationState<AS extends Node, PS extends ProposerCore, M> = {
  readonly acceptors: readonly AS[];
  readonly proposers: readonly PS[];
  /** In flight, sorted by inFlightKey. */
  readonly network: readonly InFlight<M>[];
  readonly losses: number;
  readonly proposerCrashes: number;
  readonly acceptorCrashes: number;
};

export function replaceNode<T extends Node>(nodes: readonly T[], next: T): readonly T[] {
  return nodes.map((n) => (n.id === next.id ? next : n));
}
