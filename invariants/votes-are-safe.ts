import type { Ballot } from "../protocol/messages.ts";
import type { StateInvariant } from "./property.ts";
import type { SystemView } from "./view.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";
import { votedFor } from "../protocol/chosen.ts";

/**
 * SafeAt(b, v) as in Voting.tla, for every lower ballot c in which someone voted: some
 * quorum Q has every member either voted v in c, or not voted in c and promised above c
 * (so it never will vote in c). Ballots in which nobody voted cannot choose anything.
 */
function safeAt(view: SystemView, b: Ballot, v: string): Ballot | null {
  const lower = new Map<string, Ballot>();
  for (const vote of view.votes) if (compareBallots(vote.ballot, b) < 0) lower.set(formatBallot(vote.ballot), vote.ballot);
  for (const c of lower.values()) {
    const ok = view.acceptors.filter((a) => {
      if (votedFor(view, a.id, c, v)) return true;
      const votedAtC = view.votes.some((x) => x.acceptor === a.id && compareBallots(x.ballot, c) === 0);
      return !votedAtC && compareBallots(a.promised, c) > 0;
    });
    if (ok.length < view.quorumSize) return c;
  }
  return null;
}

export const votesAreSafe: StateInvariant = {
  kind: "always",
  id: "votes-are-safe",
  title: "Votes are safe (P2c)",
  statement: "Every vote (b, v) has v safe at b: in each lower ballot, a quorum either voted v or will never vote there.",
  rationale:
    "This is the inductive invariant of Paxos Made Simple (P2c) and of Voting.tla's VotesSafe: it is what lets a proposer that hears from a quorum pick a value no lower ballot can contradict. It fails before agreement does, at the first unsafe vote, so counterexamples are shorter.",
  maintainedBy: "Phase 1b (promise not to vote below b, report the highest vote) and phase 2a (take the highest-ballot reported vote).",
  check(view) {
    for (const vote of view.votes) {
      const c = safeAt(view, vote.ballot, vote.value);
      if (c) return `${vote.acceptor} voted ${vote.value} in ballot ${formatBallot(vote.ballot)}, but ${vote.value} is not safe there: no quorum rules out another value in ballot ${formatBallot(c)}`;
    }
    return null;
  },
};
