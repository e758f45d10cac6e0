// The small read-only view the Multi-Paxos properties read: the ghost history of votes, per
// slot, what clients requested, each replica's log and what it applied, the logs of the leaders
// that completed phase 1, the elections so far, and clients' reads with their answers. A model
// state is projected to it, as single-decree states are projected to SystemView.
import type { Ballot, NodeId } from "../../protocol/messages.ts";

/** The command that fills a slot nobody proposed in: applying it changes nothing. */
export const NOOP = "no-op";

/** One vote ever cast: `acceptor` accepted `command` for `slot` in `ballot`. */
export type SlotVote = { readonly acceptor: NodeId; readonly ballot: Ballot; readonly slot: number; readonly command: string };

export type ReplicaView = {
  readonly id: NodeId;
  readonly up: boolean;
  /** decided[s - 1]: the command the replica learned for slot s, or null. */
  readonly decided: readonly (string | null)[];
  /** The commands it applied to its state machine, in order (no-ops are not applied). */
  readonly applied: readonly string[];
};

/** A leader that completed phase 1, and the command it holds for each slot of its log. */
export type LeaderView = { readonly id: NodeId; readonly ballot: Ballot; readonly log: readonly { readonly slot: number; readonly command: string }[] };

/** A ballot whose phase 1 completed; `afterLeaderCrash` when a node crashed while leading before it. */
export type Election = { readonly ballot: Ballot; readonly afterLeaderCrash: boolean };

/**
 * A client's read: the commands some replica had applied when it was requested (writes whose
 * client may have had its answer), and each answer a replica gave it, with the commands it had
 * applied then.
 */
export type ReadView = {
  readonly id: string;
  readonly appliedBefore: readonly string[];
  readonly answers: readonly { readonly replica: NodeId; readonly state: readonly string[] }[];
};

export type LogView = {
  readonly quorumSize: number;
  readonly slots: number;
  /** Commands clients requested, in the order they were requested. */
  readonly requested: readonly string[];
  readonly votes: readonly SlotVote[];
  readonly replicas: readonly ReplicaView[];
  readonly leaders: readonly LeaderView[];
  readonly elections: readonly Election[];
  /** The reads clients requested, in order (none unless the bounds have reads). */
  readonly reads: readonly ReadView[];
};
