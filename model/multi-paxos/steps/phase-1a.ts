// Phase 1a, Multi-Paxos's leader election: a node that times out on the leader's heartbeats
// (or wrongly suspects a live leader) starts a ballot above every one it started or promised,
// and asks every acceptor to promise it, for all slots at once.
import type { NodeState } from "../state.ts";
import type { Step } from "./step.ts";

export function startBallot(node: NodeState): Step {
  const round = Math.max(node.round, node.promised?.round ?? 0) + 1;
  const ballot = { round, proposer: node.id };
  return { node: { ...node, round, leadership: { ballot, phase: "scouting", log: [] } }, send: [{ type: "prepare", from: node.id, ballot }] };
}
