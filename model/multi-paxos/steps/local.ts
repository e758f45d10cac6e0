// A leader is also an acceptor: its Prepare, Accept and Confirm reach its own acceptor at once,
// as a local call that nothing can come between or lose; the acceptor's reply to itself goes on
// the network like any other, so the leader counts its own promise and vote the same way.
import type { SlotVote } from "../../../invariants/log/view.ts";
import type { MultiPaxosMessage } from "../messages.ts";
import type { NodeState } from "../state.ts";
import { onPrepare } from "./phase-1b.ts";
import { onAccept } from "./phase-2b.ts";
import { onConfirm } from "./read.ts";
import type { Step, StepContext } from "./step.ts";

function ownAcceptor(node: NodeState, m: MultiPaxosMessage, ctx: StepContext): Step | null {
  if (m.from !== node.id) return null;
  if (m.type === "prepare") return onPrepare(node, m, ctx);
  if (m.type === "accept") return onAccept(node, m, ctx);
  return m.type === "confirm" ? onConfirm(node, m) : null;
}

export function withOwnAcceptor(step: Step, ctx: StepContext): Step {
  let node = step.node;
  const send = [...step.send];
  const voted: SlotVote[] = [...(step.voted ?? [])];
  for (const m of step.send) {
    const r = ownAcceptor(node, m, ctx);
    if (r === null) continue;
    node = r.node;
    send.push(...r.send);
    voted.push(...(r.voted ?? []));
  }
  return { ...step, node, send, voted };
}
