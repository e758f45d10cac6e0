// Phase 2a, one slot: a leader puts the oldest pending request in the lowest slot it holds
// nothing for and has not seen decided, and asks every acceptor to accept it there. A request
// already in its log or decided is not pending.
import type { Ballot } from "../../../protocol/messages.ts";
import type { Accept } from "../messages.ts";
import { upsertBy, type Entry, type NodeState } from "../state.ts";
import type { Step, StepContext } from "./step.ts";

export const acceptFor = (from: string, ballot: Ballot, e: Entry): Accept => ({ type: "accept", from, ballot, slot: e.slot, command: e.command });

/** The requests this leader may still propose, in request order. */
export function pendingRequests(node: NodeState, requested: readonly string[], ctx: StepContext): string[] {
  const log = node.leadership?.log ?? [];
  return requested.filter((c) => !node.decided.includes(c) && !(ctx.rules.proposeOnce && log.some((e) => e.command === c)));
}

/** The lowest slot the leader holds nothing for and has not seen decided, or null. */
export function freeSlot(node: NodeState): number | null {
  const log = node.leadership?.log ?? [];
  const at = node.decided.findIndex((c, i) => c === null && !log.some((e) => e.slot === i + 1));
  return at < 0 ? null : at + 1;
}

/** Whether this node may propose now: a leader after phase 1 (or, in a variant, during it). */
export const mayPropose = (node: NodeState, ctx: StepContext): boolean =>
  node.leadership !== null && (node.leadership.phase === "leading" || !ctx.rules.proposeAfterPhase1);

export function propose(node: NodeState, command: string): Step {
  const l = node.leadership!;
  const entry: Entry = { slot: freeSlot(node)!, command, chosen: false };
  return { node: { ...node, leadership: { ...l, log: upsertBy(l.log, entry, (e) => e.slot) } }, send: [acceptFor(node.id, l.ballot, entry)] };
}
