// The learner of one key. "To learn that a value has been chosen, a learner must find out
// that a proposal has been accepted by a majority of acceptors": a quorum of distinct
// acceptors that sent Accepted for the same ballot. Each proposer is also a learner.
import type { Accepted, Ballot, NodeId, Value } from "../../protocol/messages.ts";
import type { Rules } from "../../protocol/rules.ts";

export type HeardVote = { readonly from: NodeId; readonly ballot: Ballot; readonly value: Value };
export type LearnerSlot = { readonly heard: readonly HeardVote[]; readonly learned: Value | null };
export const emptyLearner: LearnerSlot = { heard: [], learned: null };

export function onAccepted(l: LearnerSlot, m: Accepted, quorum: number, rules: Rules): { state: LearnerSlot; learned: Value | null } {
  if (l.learned !== null) return { state: l, learned: null };
  const same = (h: HeardVote) => (rules.learnerSameBallot ? h.ballot.round === m.ballot.round && h.ballot.proposer === m.ballot.proposer : h.value === m.value);
  if (rules.countBySender && l.heard.some((h) => h.from === m.from && same(h))) return { state: l, learned: null };
  const heard = [...l.heard, { from: m.from, ballot: m.ballot, value: m.value }];
  if (heard.filter(same).length < quorum) return { state: { ...l, heard }, learned: null };
  return { state: { heard, learned: m.value }, learned: m.value };
}
