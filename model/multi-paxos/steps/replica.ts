// The replica: it learns which command a slot decided, and applies the log to its state machine
// in slot order, skipping no-ops and commands it already applied (a retried request can be
// decided in two slots). A read sent through the log changes nothing: the replica answers it
// with what it applied before the read's slot. It learns from its own leader's decisions and
// from heartbeats.
import { NOOP } from "../../../invariants/log/view.ts";
import { isRead } from "../messages.ts";
import { answered, type NodeState } from "../state.ts";
import { serve } from "./read.ts";
import type { StepContext } from "./step.ts";

function perform(node: NodeState, command: string, ctx: StepContext): NodeState {
  if (isRead(command)) return answered(node, command) ? node : serve(node, command);
  if (command === NOOP || (ctx.rules.applyOnce && node.applied.includes(command))) return node;
  return { ...node, applied: [...node.applied, command] };
}

export function learn(node: NodeState, slot: number, command: string, ctx: StepContext): NodeState {
  if (node.decided[slot - 1] !== null) return node;
  const decided = node.decided.map((c, i) => (i === slot - 1 ? command : c));
  if (!ctx.rules.applyInOrder) return { ...perform(node, command, ctx), decided, next: node.next + 1 };
  let after: NodeState = { ...node, decided };
  while (after.next < decided.length && decided[after.next] !== null) after = { ...perform(after, decided[after.next]!, ctx), next: after.next + 1 };
  return after;
}
