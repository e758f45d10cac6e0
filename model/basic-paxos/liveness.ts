// Liveness of the Basic Paxos model (checker/liveness.ts): the "eventually" properties of
// invariants/ through the view, under weak fairness of every delivery and every proposer step
// (losses, crashes and restarts need not happen). A run is cut off by the retries bound where a
// proposer that has not learned would time out and start its next ballot but the run has used
// every retry: with more retries it might go on. Rounds matter only by order and succession, so
// a run that comes back to its state but for higher rounds is a lasso too (round-renaming.ts).
import type { Liveness } from "../../checker/model.ts";
import type { SystemView } from "../../invariants/view.ts";
import type { Action } from "./actions.ts";
import type { Semantics } from "./next.ts";
import type { PaxosState } from "./state.ts";
import { livenessProperties } from "../../invariants/registry.ts";
import { inFlightKey } from "./keys.ts";
import type { Message, NodeId } from "../../protocol/messages.ts";
import { fairClass, mayTimeOut, startsBallots } from "./retry.ts";
import { delivers } from "./next.ts";
import { roundRenaming } from "./round-renaming.ts";

/**
 * Two proposers that time out only once their ballot is stuck, and still preempt each other for
 * ever: each new ballot has the acceptors refuse the other's Accept (docs/derivation.md).
 */
export const duellingProposers = { acceptors: 2, retries: 2, losses: 0, duplication: false, stuckTimeouts: true } as const;

/** Seed 002's distinguished proposer with an accurate timeout: every fair run decides. */
export const distinguishedProposer = { distinguished: true, stuckTimeouts: true } as const;

export function paxosLiveness(sem: Semantics, viewOf: (s: PaxosState) => SystemView, renamesRounds: boolean): Liveness<PaxosState, Action> {
  const { config } = sem;
  return {
    properties: livenessProperties.map((p) => ({ id: p.id, goal: (s: PaxosState) => p.goal(viewOf(s)) })),
    fairClass: (a) => fairClass(a, (to, msg) => inFlightKey({ to, msg })),
    cutOff(s) {
      if (s.retries < config.retries) return null;
      const deliversHere = (to: NodeId, msg: Message) => delivers(s, to, msg, sem);
      const p = s.proposers.find((x) => x.up && x.learned === null && x.round > 0 && startsBallots(x, sem) && mayTimeOut(s, x, sem, deliversHere));
      return p ? `${p.id} would start its next ballot, but the run has used its ${config.retries} ${config.retries === 1 ? "retry" : "retries"}` : null;
    },
    ...(renamesRounds ? { renaming: roundRenaming } : {}),
  };
}
