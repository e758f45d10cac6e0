// The decisions a Paxos implementation can get wrong, as replaceable rules. The correct
// rules are Paxos Made Simple's; each variant of the bug catalogue overrides one of them.
import type { Ballot, Value } from "./messages.ts";
import type { PromiseReceived } from "../model/basic-paxos/state.ts";
import { compareBallots } from "./ballot.ts";
import { majority } from "../model/basic-paxos/config.ts";

export type Rules = {
  /** An acceptor promises `b` only if it is above every ballot it promised. */
  promiseAllowed(b: Ballot, promised: Ballot | null): boolean;
  /** An acceptor accepts in `b` unless it promised a higher ballot. */
  acceptAllowed(b: Ballot, promised: Ballot | null): boolean;
  /** With a quorum of promises, the value of the highest-ballot vote reported, else its own. */
  chooseValue(input: Value, promises: readonly PromiseReceived[]): Value;
  /** How many distinct acceptors make a quorum. */
  quorum(acceptors: number): number;
  /** A second copy of a reply from the same acceptor does not count again. */
  countBySender: boolean;
  /** A restarted proposer continues from its durable round, so it never reuses a ballot. */
  restartKeepsRound: boolean;
  /** A learner counts Accepted messages of one ballot at a time. */
  learnerSameBallot: boolean;
  /** Phase 2a goes to the acceptors whose promises made the quorum (false: to all acceptors). */
  acceptToPromisers: boolean;
};

export const correctRules: Rules = {
  promiseAllowed: (b, promised) => compareBallots(b, promised) > 0,
  acceptAllowed: (b, promised) => compareBallots(b, promised) >= 0,
  chooseValue: (input, promises) => highestVote(promises)?.value ?? input,
  quorum: majority,
  countBySender: true,
  restartKeepsRound: true,
  learnerSameBallot: true,
  acceptToPromisers: true,
};

/** The highest-ballot vote among the promises, or undefined when none reported a vote. */
export function highestVote(promises: readonly PromiseReceived[]) {
  let best: PromiseReceived["voted"] = null;
  for (const p of promises) if (p.voted && compareBallots(p.voted.ballot, best?.ballot ?? null) > 0) best = p.voted;
  return best ?? undefined;
}
