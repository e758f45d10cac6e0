// The network: the messages in flight, a set sorted canonically. With duplication on, a
// delivered message stays in flight (it may be delivered again: a duplicate), as in
// Paxos.tla's msgs; losing it removes it for good. With duplication off, delivery removes it.
import type { Message } from "../../protocol/messages.ts";
import type { InFlight } from "./state.ts";
import type { Outbox } from "./steps/step.ts";
import { inFlightKey } from "./keys.ts";

export function send(network: readonly InFlight[], out: Outbox): readonly InFlight[] {
  let result = network;
  for (const { to, msg } of out) result = add(result, to, msg);
  return result;
}

function add(network: readonly InFlight[], to: string, msg: Message): readonly InFlight[] {
  const key = inFlightKey({ to, msg });
  let at = 0;
  while (at < network.length && inFlightKey(network[at]!) < key) at++;
  if (at < network.length && inFlightKey(network[at]!) === key) return network;
  return [...network.slice(0, at), { to, msg }, ...network.slice(at)];
}

export function remove(network: readonly InFlight[], to: string, msg: Message): readonly InFlight[] {
  const key = inFlightKey({ to, msg });
  return network.filter((e) => inFlightKey(e) !== key);
}
