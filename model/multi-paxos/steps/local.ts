// A leader is also an acceptor: its Prepare and Accept reach its own acceptor at once, as a
// local call that nothing can come between or lose; the acceptor's reply to itself goes on the
// network like any other, so the leader counts its own promise and vote the same way.
import type { SlotVote } from "../../../invariants/log/view.ts";
import { onPrepare } from "./phase-1b.ts";
import { onAccept } from "./phase-2b.ts";
import type { Step, StepContext } from "./step.ts";

export function withOwnAcceptor(step: Step, ctx: StepContext): Step {
  let node = step.node;
  const send = [...step.send];
  const voted: SlotVote[] = [...(step.voted ?? [])];
  for (const m of step.send) {
    if (m.from !== node.id || (m.type !== "prepare" && m.type !== "accept")) continue;
    const r = m.type === "prepare" ? onPrepare(node, m, ctx) : onAccept(node, m, ctx);
    node = r.node;
    send.push(...r.send);
    voted.push(...(r.voted ?? []));
  }
  return { ...step, node, send, voted };
}
