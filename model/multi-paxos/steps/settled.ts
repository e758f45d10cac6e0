// Replies nobody can act on any more are dropped from the network, so that states that differ
// only in them are one state. A reply to a leader is read when it completes phase 1 or a slot of
// its current ballot, or when it carries a higher ballot; a node's later ballots are above its
// latest round, so a reply below that round, or one of that round whose phase 1 or slot is
// done, would be received for nothing, under every rule of the catalogue. A Confirmed is read
// only to answer its read in the ballot it names, while the node leads it.
import { compareBallots } from "../../../protocol/ballot.ts";
import type { MultiPaxosMessage } from "../messages.ts";
import { answered, type NodeState } from "../state.ts";

export function settled(m: MultiPaxosMessage, nodes: readonly NodeState[]): boolean {
  if (m.type !== "promise" && m.type !== "accepted" && m.type !== "confirmed") return false;
  const to = nodes.find((n) => n.id === m.to)!;
  const latest = { round: to.round, proposer: to.id };
  if (m.type === "confirmed") return compareBallots(m.ballot, latest) < 0 || to.leadership === null || answered(to, m.read);
  if (m.type === "accepted" && compareBallots(m.promised, latest) > 0) return false;
  const order = compareBallots(m.ballot, latest);
  if (order !== 0) return order < 0;
  const l = to.leadership;
  if (m.type === "promise") return l?.phase !== "scouting";
  return l === null || l.log.some((e) => e.slot === m.slot && e.chosen);
}
