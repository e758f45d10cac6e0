// The learner role, played by every proposer for its own ballots: a value is learned once
// a quorum of acceptors reports accepting it in one ballot.
import type { Accepted } from "../../protocol/messages.ts";
import type { AcceptedReceived, ProposerState } from "./state.ts";
import type { Rules } from "../../protocol/rules.ts";
import { ackKey, ballotKey, byKey } from "./keys.ts";

export function onAccepted(p: ProposerState, m: Accepted, acceptors: number, rules: Rules): ProposerState {
  if (p.learned !== null) return p; // a learner learns once; later Accepted change nothing
  const ack: AcceptedReceived = { from: m.from, ballot: m.ballot, value: m.value };
  if (rules.countBySender && p.acks.some((a) => ackKey(a) === ackKey(ack))) return p;
  const acks = [...p.acks, ack].sort(byKey(ackKey));
  const sameBallot = (a: AcceptedReceived) => ballotKey(a.ballot) === ballotKey(m.ballot);
  const counted = acks.filter((a) => a.value === m.value && (!rules.learnerSameBallot || sameBallot(a)));
  const voters = rules.countBySender ? new Set(counted.map((a) => a.from)).size : counted.length;
  return { ...p, acks, learned: voters >= rules.quorum(acceptors) ? m.value : null };
}
