// Phase 1 completes: a would-be leader with promises of its ballot from a quorum adopts, per
// slot, the command of the highest-ballot vote reported (the only command that may be chosen
// there), fills every slot below the highest one reported where no vote was reported with a
// no-op, so that replicas can apply past it, and starts phase 2 for every slot it holds. It
// reads every promise of its ballot sent to it so far: waiting for more than a quorum is safe.
import { compareBallots } from "../../../protocol/ballot.ts";
import { NOOP } from "../../../invariants/log/view.ts";
import type { MultiPaxosMessage, PromiseMsg, SlotVoteMsg } from "../messages.ts";
import { upsertBy, type Entry, type Leadership, type NodeState } from "../state.ts";
import { acceptFor, pendingRequests } from "./phase-2a.ts";
import type { Step, StepContext } from "./step.ts";

/** The promises of the node's ballot sent to it. */
export function promisesFor(node: NodeState, msgs: readonly MultiPaxosMessage[]): PromiseMsg[] {
  const l = node.leadership!;
  return msgs.filter((m): m is PromiseMsg => m.type === "promise" && m.to === node.id && compareBallots(m.ballot, l.ballot) === 0);
}

function reported(promises: readonly PromiseMsg[], ctx: StepContext): readonly SlotVoteMsg[] {
  if (!ctx.rules.adoptReported) return [];
  return promises.flatMap((p) => p.votes).reduce<readonly SlotVoteMsg[]>((out, v) => {
    const kept = out.find((k) => k.slot === v.slot);
    return upsertBy(out, kept ? ctx.rules.adoptVote(kept, v) : v, (x) => x.slot);
  }, []);
}

function gapFill(node: NodeState, l: Leadership, requested: readonly string[], ctx: StepContext): string {
  if (ctx.rules.gapFill === "next-request-id") return `c${requested.length + 1}`;
  return ctx.rules.gapFill === "pending-request" ? (pendingRequests({ ...node, leadership: l }, requested, ctx)[0] ?? NOOP) : NOOP;
}

/** The log a new leader starts phase 2 with: reported commands, gaps filled, early proposals kept. */
function adoptedLog(node: NodeState, votes: readonly SlotVoteMsg[], requested: readonly string[], ctx: StepContext): readonly Entry[] {
  const l = node.leadership!;
  const highest = Math.max(0, ...votes.map((v) => v.slot));
  let log: readonly Entry[] = l.log.filter((e) => e.slot > highest);
  for (let slot = 1; slot <= highest; slot++) {
    const fill = gapFill(node, { ...l, log }, requested, ctx);
    log = upsertBy(log, { slot, command: votes.find((v) => v.slot === slot)?.command ?? fill, chosen: false }, (e) => e.slot);
  }
  return log;
}

/** Phase 1's end, or null while the node has no quorum of promises for its ballot. */
export function adopt(node: NodeState, msgs: readonly MultiPaxosMessage[], requested: readonly string[], ctx: StepContext): Step | null {
  const l = node.leadership;
  if (l === null || l.phase !== "scouting") return null;
  const promises = promisesFor(node, msgs);
  if (new Set(promises.map((p) => p.from)).size < ctx.quorum) return null;
  const leading: Leadership = { ...l, phase: "leading", log: adoptedLog(node, reported(promises, ctx), requested, ctx) };
  return { node: { ...node, leadership: leading }, send: leading.log.map((e) => acceptFor(node.id, leading.ballot, e)), elected: leading.ballot };
}
