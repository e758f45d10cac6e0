// "Chosen" as the protocol defines it: a value is chosen in ballot b when a quorum of
// acceptors has voted for it in b, whatever they do or forget later (so it reads the ghost
// history of votes, not anyone's belief).
import type { Ballot, Value } from "./messages.ts";
import { ballotEquals, formatBallot } from "./ballot.ts";

export type ChosenIn = { readonly ballot: Ballot; readonly value: Value };

/** One vote ever cast: acceptor voted for `value` in `ballot` (kept whatever it does later). */
export type CastVote = { readonly acceptor: string; readonly ballot: Ballot; readonly value: Value };

/** What "chosen" is judged from: every vote ever cast, and how many acceptors make a quorum. */
export type VoteHistory = { readonly votes: readonly CastVote[]; readonly quorumSize: number };

export function chosenIn(view: VoteHistory): ChosenIn[] {
  const voters = new Map<string, { ballot: Ballot; value: Value; acceptors: Set<string> }>();
  for (const v of view.votes) {
    const key = `${formatBallot(v.ballot)}|${v.value}`;
    const entry = voters.get(key) ?? { ballot: v.ballot, value: v.value, acceptors: new Set<string>() };
    entry.acceptors.add(v.acceptor);
    voters.set(key, entry);
  }
  return [...voters.values()].filter((e) => e.acceptors.size >= view.quorumSize).map(({ ballot, value }) => ({ ballot, value }));
}

export function chosenValues(view: VoteHistory): Value[] {
  return [...new Set(chosenIn(view).map((c) => c.value))].sort();
}

/** Votes of one acceptor, any ballot. */
export function votesOf(view: VoteHistory, acceptor: string) {
  return view.votes.filter((v) => v.acceptor === acceptor);
}

export function votedFor(view: VoteHistory, acceptor: string, ballot: Ballot, value: Value): boolean {
  return view.votes.some((v) => v.acceptor === acceptor && v.value === value && ballotEquals(v.ballot, ballot));
}
