// The replica: it learns which command a slot decided, and applies the log to its state machine
// in slot order, skipping no-ops and commands it already applied (a retried request can be
// decided in two slots). It learns from its own leader's decisions and from heartbeats.
import { NOOP } from "../../../invariants/log/view.ts";
import type { NodeState } from "../state.ts";
import type { StepContext } from "./step.ts";

function apply(applied: readonly string[], command: string, ctx: StepContext): readonly string[] {
  if (command === NOOP || (ctx.rules.applyOnce && applied.includes(command))) return applied;
  return [...applied, command];
}

export function learn(node: NodeState, slot: number, command: string, ctx: StepContext): NodeState {
  if (node.decided[slot - 1] !== null) return node;
  const decided = node.decided.map((c, i) => (i === slot - 1 ? command : c));
  if (!ctx.rules.applyInOrder) return { ...node, decided, applied: apply(node.applied, command, ctx), next: node.next + 1 };
  let { next, applied } = node;
  while (next < decided.length && decided[next] !== null) applied = apply(applied, decided[next++]!, ctx);
  return { ...node, decided, next, applied };
}
