// The small read-only view every invariant reads. Model states and snapshots of the
// implementation are both projected to it, so one predicate judges both worlds.
import type { Ballot, NodeId, Value, Vote } from "../protocol/messages.ts";
import type { CastVote } from "../protocol/chosen.ts";

export type AcceptorView = {
  readonly id: NodeId;
  /** Highest ballot promised (Lamport's maxBal); null before any promise. */
  readonly promised: Ballot | null;
  /** Highest vote cast (maxVBal, maxVal); null before any vote. */
  readonly accepted: Vote | null;
  readonly up: boolean;
};

export type { CastVote } from "../protocol/chosen.ts";

/** One Promise ever sent, with the vote it reported. */
export type SentPromise = { readonly acceptor: NodeId; readonly ballot: Ballot; readonly voted: Vote | null };

/** One Accept (phase 2a) ever sent: the proposal of `value` in `ballot`. */
export type Proposal = { readonly ballot: Ballot; readonly value: Value };

export type LearnedValue = { readonly learner: NodeId; readonly value: Value };

export type SystemView = {
  readonly acceptors: readonly AcceptorView[];
  /** Size of a quorum (a majority of all acceptors in correct Paxos). */
  readonly quorumSize: number;
  /** Values that clients asked proposers to propose (inputs to the protocol). */
  readonly inputs: readonly Value[];
  readonly votes: readonly CastVote[];
  readonly promises: readonly SentPromise[];
  readonly proposals: readonly Proposal[];
  readonly learned: readonly LearnedValue[];
  /**
   * Liveness only: the learners that must learn the decision, that is the live proposers that
   * took part (a model's choice; absent where nothing is judged on it).
   */
  readonly learners?: readonly NodeId[];
};
