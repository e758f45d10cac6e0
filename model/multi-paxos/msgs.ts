// The network: the set of messages ever sent, kept sorted by a canonical key so that equal
// states are equal as data. Sending adds; nothing is removed, so any message may be received
// again later (duplication), in any order (reordering), or never (loss).
import { formatBallot } from "../../protocol/ballot.ts";
import { addAllSorted } from "../sorted-set.ts";
import type { MultiPaxosMessage } from "./messages.ts";

// Messages are immutable and shared between states: each one's key is computed once.
const keys = new WeakMap<MultiPaxosMessage, string>();

export function messageKey(m: MultiPaxosMessage): string {
  let key = keys.get(m);
  if (key === undefined) keys.set(m, (key = keyOf(m)));
  return key;
}

/** A key that names every field; the order it sorts in is the network's canonical order. */
function keyOf(m: MultiPaxosMessage): string {
  const head = `${m.type}|${m.from}|${formatBallot(m.ballot)}`;
  switch (m.type) {
    case "prepare":
      return head;
    case "promise":
      return `${head}|${m.to}|${m.votes.map((v) => `${v.slot}:${formatBallot(v.ballot)}:${v.command}`).join(",")}`;
    case "accept":
      return `${head}|${m.slot}|${m.command}`;
    case "accepted":
      return `${head}|${m.to}|${formatBallot(m.promised)}|${m.slot}|${m.command}`;
    case "heartbeat":
      return `${head}|${m.decided.map((d) => `${d.slot}:${d.command}`).join(",")}`;
    case "confirm":
      return `${head}|${m.read}`;
    case "confirmed":
      return `${head}|${m.to}|${formatBallot(m.promised)}|${m.read}`;
  }
}

export const wasSent = (msgs: readonly MultiPaxosMessage[], m: MultiPaxosMessage): boolean => msgs.some((x) => messageKey(x) === messageKey(m));

/** The set with `out` added; the same array when every message was sent already. */
export const sendAll = (msgs: readonly MultiPaxosMessage[], out: readonly MultiPaxosMessage[]): readonly MultiPaxosMessage[] => addAllSorted(msgs, out, messageKey);
