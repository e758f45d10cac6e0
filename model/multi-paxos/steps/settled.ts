// Messages nobody can act on any more are dropped from the network, so that states that differ
// only in them are one state; receiving one would change nothing, now or later.
// - A reply to a leader is read when it completes phase 1 or a slot of its current ballot (a
//   Confirmed: to answer its read in the ballot it names, while the node leads it). A node's
//   later ballots are above its latest round, so a reply below that round, or one of that round
//   whose phase 1 or slot is done, would be received for nothing, under every rule of the
//   catalogue. An Accepted that does not count as a vote is read by nothing (under the correct
//   rules: one that reports a higher promise, a refusal).
// - A Heartbeat is read for the slots it says are decided and for its ballot, which deposes a
//   lower one. Once every node has learned its slots and holds no lower ballot, nor can start
//   one (a node's next ballot is above its latest round and its promise, which only grow; above
//   its round alone where a restart may lose the promise), it can change no node again.
import { compareBallots } from "../../../protocol/ballot.ts";
import { isLeaderCandidate } from "../config.ts";
import type { Heartbeat, MultiPaxosMessage } from "../messages.ts";
import { answered, type NodeState } from "../state.ts";
import { nextBallot } from "./phase-1a.ts";
import type { StepContext } from "./step.ts";

function heartbeatSettled(m: Heartbeat, nodes: readonly NodeState[], ctx: StepContext): boolean {
  return nodes.every(
    (n) =>
      m.decided.every((d) => n.decided[d.slot - 1] !== null) &&
      (n.leadership === null || compareBallots(n.leadership.ballot, m.ballot) >= 0) &&
      (!isLeaderCandidate(ctx.config, n.id) || compareBallots(ctx.config.acceptorStateLoss ? { round: n.round + 1, proposer: n.id } : nextBallot(n), m.ballot) > 0),
  );
}

export function settled(m: MultiPaxosMessage, nodes: readonly NodeState[], ctx: StepContext): boolean {
  if (m.type === "heartbeat") return heartbeatSettled(m, nodes, ctx);
  if (m.type !== "promise" && m.type !== "accepted" && m.type !== "confirmed") return false;
  if (m.type === "accepted" && !ctx.rules.countsAsVote(m.promised, m.ballot)) return true;
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
