// The decisions of Multi-Paxos a variant of the bug catalogue replaces, one switch each (the
// style of protocol/rules.ts). The correct answers are Paxos Made Moderately Complex's. The
// acceptor's promise and accept rules and the quorum are Basic Paxos's, taken from there.
import type { Ballot } from "../../protocol/messages.ts";
import { compareBallots } from "../../protocol/ballot.ts";
import { correctRules, type Rules } from "../../protocol/rules.ts";
import type { SlotVoteMsg } from "./messages.ts";

export type MultiPaxosRules = Pick<Rules, "promiseAllowed" | "acceptAllowed" | "quorum"> & {
  /** Of two votes reported for one slot, the one a new leader keeps. */
  adoptVote(kept: SlotVoteMsg, reported: SlotVoteMsg): SlotVoteMsg;
  /** A new leader adopts the votes reported in promises (false: it treats every slot as free). */
  adoptReported: boolean;
  /**
   * What fills a slot below the highest reported vote where none was reported: the no-op, a
   * pending request, or the id the next client request will have (a slot kept for it).
   */
  gapFill: "no-op" | "pending-request" | "next-request-id";
  /** A leader proposes in slots it believes free only after phase 1 (false: as soon as it starts it). */
  proposeAfterPhase1: boolean;
  /** An Accepted reply to an Accept of `ballot` counts as a vote when the acceptor reports this promise. */
  countsAsVote(promised: Ballot, ballot: Ballot): boolean;
  /** A leader does not propose a request already in its log (false: a retried request gets a new slot). */
  proposeOnce: boolean;
  /** A replica skips a command it has already applied. */
  applyOnce: boolean;
  /** A replica applies slot s only after slots below it (false: as soon as it learns s). */
  applyInOrder: boolean;
  /**
   * How a client's read is answered: through the log (a leader proposes it in a slot like a
   * command; a replica answers when it applies that slot), or by a leader from its own
   * replica's state (steps/read.ts), under the two checks below.
   */
  readPath: "log" | "leader-state";
  /** A leader answers from its state only once a quorum confirmed, after the read was requested, that none promised a ballot above its own. */
  leaderReadConfirmed: boolean;
  /** A leader answers from its state only once its replica applied every slot of its log. */
  leaderReadCaughtUp: boolean;
};

export const correctMultiPaxosRules: MultiPaxosRules = {
  promiseAllowed: correctRules.promiseAllowed,
  acceptAllowed: correctRules.acceptAllowed,
  quorum: correctRules.quorum,
  adoptVote: (kept, reported) => (compareBallots(reported.ballot, kept.ballot) > 0 ? reported : kept),
  adoptReported: true,
  gapFill: "no-op",
  proposeAfterPhase1: true,
  countsAsVote: (promised, ballot) => compareBallots(promised, ballot) === 0,
  proposeOnce: true,
  applyOnce: true,
  applyInOrder: true,
  readPath: "log",
  leaderReadConfirmed: true,
  leaderReadCaughtUp: true,
};
