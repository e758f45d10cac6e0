// Phase 1b: an acceptor promises a ballot above every one it promised, and answers with its
// promise and its highest vote in every slot. It answers a refused Prepare too: the higher
// promise tells the would-be leader it has been preempted (Paxos Made Moderately Complex's p1b).
import type { Prepare } from "../messages.ts";
import type { NodeState } from "../state.ts";
import type { Step, StepContext } from "./step.ts";

export function onPrepare(node: NodeState, m: Prepare, ctx: StepContext): Step {
  const promised = ctx.rules.promiseAllowed(m.ballot, node.promised) ? m.ballot : node.promised!;
  return { node: promised === node.promised ? node : { ...node, promised }, send: [{ type: "promise", from: node.id, to: m.from, ballot: m.ballot, promised, votes: [...node.votes] }] };
}
