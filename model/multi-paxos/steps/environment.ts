// The environment's steps on a node: a crash loses the leader role (volatile) and keeps the
// acceptor's promise and votes, the replica's log and the leader's round (durable); a restart
// brings the node back, or, as a negative test, with its acceptor state lost.
import type { NodeState } from "../state.ts";

export const crashed = (node: NodeState): NodeState => ({ ...node, up: false, leadership: null });

export const restarted = (node: NodeState, stateLoss: boolean): NodeState => (stateLoss ? { ...node, up: true, promised: null, votes: [] } : { ...node, up: true });
