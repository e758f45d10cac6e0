// The messages in flight in a seed-004 model: a set, kept sorted by a canonical key so that
// equal states are equal as data. Each scheme's calls (prepare, accept, release) and their
// replies travel as messages, so that the network can lose, duplicate and delay them.
import { canonicalJson } from "../../checker/trace.ts";
import { addAllSorted } from "../sorted-set.ts";

export type InFlight<M> = { readonly to: string; readonly msg: M };

// Entries are immutable and shared between states: each one's key is computed once.
const keys = new WeakMap<InFlight<unknown>, string>();

export function inFlightKey(e: InFlight<unknown>): string {
  let key = keys.get(e);
  if (key === undefined) keys.set(e, (key = `${e.to}|${canonicalJson(e.msg)}`));
  return key;
}

/** The network with `out` added; the same array when every message was in flight already. */
export function send<M>(network: readonly InFlight<M>[], out: readonly InFlight<M>[]): readonly InFlight<M>[] {
  return addAllSorted(network, out, inFlightKey);
}

export function remove<M>(network: readonly InFlight<M>[], e: InFlight<M>): readonly InFlight<M>[] {
  const key = inFlightKey(e);
  return network.filter((x) => inFlightKey(x) !== key);
}
