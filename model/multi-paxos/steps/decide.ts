// A leader learns a slot decided when a quorum of acceptors answered its Accept for that slot
// having promised no more than its ballot, that is having voted; its own replica learns the command (heartbeats carry it to the others).
import { compareBallots } from "../../../protocol/ballot.ts";
import type { Accepted, MultiPaxosMessage } from "../messages.ts";
import type { NodeState } from "../state.ts";
import { learn } from "./replica.ts";
import type { StepContext } from "./step.ts";

const repliesTo = (node: NodeState, msgs: readonly MultiPaxosMessage[]) => msgs.filter((m): m is Accepted => m.type === "accepted" && m.to === node.id);

/** The node after learning `slot` decided, or null while no quorum voted for its entry there. */
export function decide(node: NodeState, slot: number, msgs: readonly MultiPaxosMessage[], ctx: StepContext): NodeState | null {
  const l = node.leadership;
  const e = l?.log.find((x) => x.slot === slot);
  if (!l || !e || e.chosen) return null;
  const voters = new Set(repliesTo(node, msgs).filter((m) => m.slot === slot && m.command === e.command && compareBallots(m.ballot, l.ballot) === 0 && ctx.rules.countsAsVote(m.promised, m.ballot)).map((m) => m.from));
  if (voters.size < ctx.quorum) return null;
  const after = { ...node, leadership: { ...l, log: l.log.map((x) => (x === e ? { ...e, chosen: true } : x)) } };
  return learn(after, slot, e.command, ctx);
}
