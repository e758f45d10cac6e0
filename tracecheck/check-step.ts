// What checking one logged event on a node gives: the node's next state, a wait for a
// message not yet sent, or a verdict that the model's handler would not do what the log says.
import type { Ballot, NodeId, Value } from "../protocol/messages.ts";
import type { AcceptorState, ProposerState } from "../model/basic-paxos/state.ts";

/** One node's checked state for one key: the model's role states, driven by its log. */
export type NodeCheck = {
  readonly id: NodeId;
  /** The model acceptor, when the node is one of the acceptors. */
  readonly acceptor: AcceptorState | null;
  /** The model proposer (and learner); idle until the node starts a ballot. */
  readonly proposer: ProposerState;
  /** Values clients asked this node to propose (proposal-input). */
  readonly inputs: readonly Value[];
  /** Prepares logged for the current ballot: one per acceptor, or the ballot was started twice. */
  readonly prepares: number;
  /** Set when an Accepted completed a quorum: the node's next event must be that value-learned. */
  readonly mustLearn: { readonly ballot: Ballot; readonly value: Value } | null;
  /** The ballot it started last (null: none yet); its next one must be higher, restarts included. */
  readonly lastBallot: Ballot | null;
  /** Crashed and not restarted yet: it does nothing. */
  readonly down: boolean;
  /** It restarted at least once (its log shows a restart). */
  readonly restarted: boolean;
  /** The acceptor's state when it last restarted (null: never restarted): what it must not forget. */
  readonly durable: AcceptorState | null;
};

/** The roles of the cluster: who answers Prepares and Accepts, and who, besides a ballot's proposer, hears Accepted. */
export type Roles = {
  readonly acceptors: readonly NodeId[];
  readonly learners: readonly NodeId[];
  /**
   * A learner that heard a quorum of Accepted need not log that it learned. Impl/'s logs always
   * do; another implementation may ignore an old ballot's Accepted, which is safe (target runs).
   */
  readonly learningOptional?: boolean;
};

export type CheckStep =
  | { readonly kind: "ok"; readonly node: NodeCheck }
  /** The event needs `needs`, not sent yet; `reason` says what is wrong if it never is. */
  | { readonly kind: "wait"; readonly needs: string; readonly reason: string }
  | { readonly kind: "bad"; readonly reason: string };

export const ok = (node: NodeCheck): CheckStep => ({ kind: "ok", node });
export const bad = (reason: string): CheckStep => ({ kind: "bad", reason });
export const wait = (needs: string, reason: string): CheckStep => ({ kind: "wait", needs, reason });

export function newNodeCheck(id: NodeId, isAcceptor: boolean): NodeCheck {
  return {
    id,
    acceptor: isAcceptor ? { id, promised: null, accepted: null, up: true } : null,
    // The model's proposer input is one value; the log's inputs are kept beside it, and a read
    // (no input) is the empty string, which no valid value equals.
    proposer: { id, input: "", up: true, round: 0, phase: "idle", promises: [], proposal: null, acks: [], learned: null },
    inputs: [],
    prepares: 0,
    mustLearn: null,
    lastBallot: null,
    down: false,
    restarted: false,
    durable: null,
  };
}
