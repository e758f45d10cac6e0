// The decisions of Basic Paxos that an implementation can get wrong, as replaceable rules,
// shared by the model and the implementation so that both name each decision the same way.
// The correct rules are Paxos Made Simple's; a variant of the bug catalogue replaces one.
// What persistence guarantees (a promise survives a crash, a round survives a restart) is not
// a rule here: the model's state is durable by construction and the implementation's is its
// storage's (the harness breaks it with storage wrappers).
import type { Ballot, NodeId, Value, Vote } from "./messages.ts";
import { compareBallots } from "./ballot.ts";
import { majority } from "./quorum.ts";

/** A Promise as a proposer counts it: who sent it and the vote it reported (null: none). */
export type ReportedVote = { readonly from: NodeId; readonly voted: Vote | null };

export type Rules = {
  /** An acceptor promises `b` only if it is above every ballot it promised. */
  promiseAllowed(b: Ballot, promised: Ballot | null): boolean;
  /** An acceptor accepts in `b` unless it promised a higher ballot. */
  acceptAllowed(b: Ballot, promised: Ballot | null): boolean;
  /**
   * With a quorum of promises: the value of the highest-ballot vote reported, else the input.
   * `input` is null for a read (the implementation's `get`), which proposes nothing of its own.
   * A model proposer answered null abandons its proposal.
   */
  chooseValue(input: Value | null, promises: readonly ReportedVote[]): Value | null;
  /** How many distinct acceptors out of `n` make a quorum. */
  quorum(n: number): number;
  /** A second copy of a reply from the same acceptor does not count again. */
  countBySender: boolean;
  /** A restarted proposer continues from its durable round, so it never reuses a ballot (model). */
  restartKeepsRound: boolean;
  /** A learner counts Accepted messages of one ballot at a time. */
  learnerSameBallot: boolean;
  /** Phase 2a goes to the acceptors whose promises made the quorum (false: to all acceptors). */
  acceptToPromisers: boolean;
  /** Accepting in ballot b also promises b, so a vote never sits above the promise. */
  acceptRaisesPromise: boolean;
  /**
   * What a restarted acceptor comes back with, from what it had written: all of it. A variant
   * restores less (the recovery code of a real store reads its records wrongly).
   */
  recoverAcceptor(written: AcceptorRecord): AcceptorRecord;
  /**
   * A proposer whose ballot has not chosen a value may time out in this phase of it and start a
   * higher ballot. Liveness only: no answer of this rule can make a run unsafe.
   */
  retryOnTimeout(phase: "idle" | "prepare" | "accept"): boolean;
  /** A proposer refused with a Nack keeps its proposal and may still retry (false: it abandons its proposal for good). */
  retryAfterNack: boolean;
  /**
   * The round of a proposer's next ballot, from the highest round it used and the highest it saw
   * in a Nack: any round above both is safe. The model always takes the smallest and does not ask
   * this rule; an implementation that skips rounds is the model under an order-preserving renaming
   * of ballots, and lockstep judges it under that renaming (protocol/ballot-renaming.ts).
   */
  nextRound(used: number, seen: number): number;
};

/** An acceptor's durable state: its promise and its vote. */
export type AcceptorRecord = { readonly promised: Ballot | null; readonly accepted: Vote | null };

export const correctRules: Rules = {
  promiseAllowed: (b, promised) => compareBallots(b, promised) > 0,
  acceptAllowed: (b, promised) => compareBallots(b, promised) >= 0,
  chooseValue: (input, promises) => highestVote(promises)?.value ?? input,
  quorum: majority,
  countBySender: true,
  restartKeepsRound: true,
  learnerSameBallot: true,
  acceptToPromisers: true,
  acceptRaisesPromise: true,
  recoverAcceptor: (written) => written,
  retryOnTimeout: () => true,
  retryAfterNack: true,
  nextRound: (used, seen) => Math.max(used, seen) + 1,
};

/** The highest-ballot vote among the promises, or undefined when none reported a vote. */
export function highestVote(promises: readonly ReportedVote[]): Vote | undefined {
  let best: Vote | null = null;
  for (const p of promises) if (p.voted && compareBallots(p.voted.ballot, best?.ballot ?? null) > 0) best = p.voted;
  return best ?? undefined;
}

/** The lowest-ballot vote among the promises: what a proposer that misreads "highest" takes. */
export function lowestVote(promises: readonly ReportedVote[]): Vote | undefined {
  let low: Vote | null = null;
  for (const p of promises) if (p.voted && (low === null || compareBallots(p.voted.ballot, low.ballot) < 0)) low = p.voted;
  return low ?? undefined;
}
