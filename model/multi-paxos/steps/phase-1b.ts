// Phase 1b: an acceptor promises a ballot above every one it promised, and answers with its
// highest vote in every slot. It ignores a Prepare it refuses: a would-be leader that gets no
// quorum is replaced by the next timeout, and a leader learns of a newer one by heartbeat.
import type { Prepare } from "../messages.ts";
import type { NodeState } from "../state.ts";
import type { Step, StepContext } from "./step.ts";

export function onPrepare(node: NodeState, m: Prepare, ctx: StepContext): Step {
  if (!ctx.rules.promiseAllowed(m.ballot, node.promised)) return { node, send: [] };
  return { node: { ...node, promised: m.ballot }, send: [{ type: "promise", from: node.id, to: m.from, ballot: m.ballot, votes: [...node.votes] }] };
}
