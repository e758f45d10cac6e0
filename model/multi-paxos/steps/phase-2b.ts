// Phase 2b: an acceptor accepts a command for a slot unless it promised a higher ballot;
// accepting in a ballot also promises it. It keeps its latest vote per slot, and answers with
// its promise, which tells the leader whether it voted (same ballot) or was preempted (higher).
import { compareBallots } from "../../../protocol/ballot.ts";
import type { Accept } from "../messages.ts";
import { upsertBy, type NodeState } from "../state.ts";
import type { Step, StepContext } from "./step.ts";

export function onAccept(node: NodeState, m: Accept, ctx: StepContext): Step {
  const reply = (promised: typeof m.ballot) => ({ type: "accepted" as const, from: node.id, to: m.from, ballot: m.ballot, promised, slot: m.slot, command: m.command });
  if (!ctx.rules.acceptAllowed(m.ballot, node.promised)) return { node, send: [reply(node.promised!)] };
  const promised = compareBallots(m.ballot, node.promised) > 0 ? m.ballot : node.promised!;
  const votes = upsertBy(node.votes, { slot: m.slot, ballot: m.ballot, command: m.command }, (v) => v.slot);
  return { node: { ...node, promised, votes }, send: [reply(promised)], voted: [{ acceptor: node.id, ballot: m.ballot, slot: m.slot, command: m.command }] };
}
