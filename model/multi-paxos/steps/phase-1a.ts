// Phase 1a, Multi-Paxos's leader election: a node that times out on the leader's heartbeats
// (or wrongly suspects a live leader) starts a ballot above every one it started or promised,
// and asks every acceptor to promise it, for all slots at once.
import type { Ballot } from "../../../protocol/messages.ts";
import type { NodeState } from "../state.ts";
import type { Step } from "./step.ts";

/** The ballot the node would start now: above every one it started or promised. */
export const nextBallot = (node: NodeState): Ballot => ({ round: Math.max(node.round, node.promised?.round ?? 0) + 1, proposer: node.id });

export function startBallot(node: NodeState): Step {
  const ballot = nextBallot(node);
  return { node: { ...node, round: ballot.round, leadership: { ballot, phase: "scouting", log: [] } }, send: [{ type: "prepare", from: node.id, ballot }] };
}
