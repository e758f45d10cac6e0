// Heartbeats: a leader tells every node it is alive in its ballot and which slots are decided.
// A node's replica learns those decisions; a node leading or seeking a lower ballot has been
// replaced and steps down (seed 002's old leader, back, finding the new one). Time is
// abstracted: a leader beats whenever what it would say is new, and the beat may arrive late,
// twice or never, like any message.
import { compareBallots } from "../../../protocol/ballot.ts";
import type { Heartbeat } from "../messages.ts";
import type { NodeState } from "../state.ts";
import { learn } from "./replica.ts";
import type { StepContext } from "./step.ts";

/** The heartbeat a leading node sends now, or null when it does not lead. */
export function heartbeatOf(leader: NodeState): Heartbeat | null {
  if (leader.leadership?.phase !== "leading") return null;
  const decided = leader.decided.flatMap((command, i) => (command === null ? [] : [{ slot: i + 1, command }]));
  return { type: "heartbeat", from: leader.id, ballot: leader.leadership.ballot, decided };
}

export function onHeartbeat(node: NodeState, m: Heartbeat, ctx: StepContext): NodeState {
  const after = m.decided.reduce((n, d) => learn(n, d.slot, d.command, ctx), node);
  return after.leadership !== null && compareBallots(after.leadership.ballot, m.ballot) < 0 ? { ...after, leadership: null } : after;
}
