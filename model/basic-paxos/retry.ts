// When a proposer starts another ballot: the decisions liveness depends on, kept apart from the
// phase steps. Which proposers start ballots at all (all of them, or seed 002's distinguished
// proposer p1), when one may time out (at any moment, or only once its ballot is stuck: nothing
// of it can still be delivered), and the liveness variants' proposers that give up for good.
import type { Message } from "../../protocol/messages.ts";
import type { Action } from "./actions.ts";
import type { PaxosState, ProposerState } from "./state.ts";
import type { Semantics } from "./next.ts";
import { ballotEquals } from "../../protocol/ballot.ts";
import { currentBallot } from "./steps/phase-1a.ts";

/** Whether the proposer starts ballots at all (liveness variants' proposers that gave up do not). */
export function startsBallots(p: ProposerState, sem: Semantics): boolean {
  return p.gaveUp === undefined && (!sem.config.distinguished || p.id === "p1");
}

/**
 * Whether a started proposer that has not learned may time out, the retries budget aside:
 * its rule allows it in its phase, and, with stuck timeouts, no message of its current ballot
 * can still change anything (`delivers` says whether delivering one does).
 */
export function mayTimeOut(s: PaxosState, p: ProposerState, sem: Semantics, delivers: (to: string, msg: Message) => boolean): boolean {
  if (!sem.rules.retryOnTimeout(p.phase)) return false;
  if (!sem.config.stuckTimeouts) return true;
  const ballot = currentBallot(p);
  return !s.network.some((e) => ballotEquals(e.msg.ballot, ballot) && delivers(e.to, e.msg));
}

/** The weakly fair class of an action: every delivery and every proposer step; faults are not fair. */
export function fairClass(a: Action, key: (to: string, msg: Message) => string): string | null {
  if (a.kind === "deliver") return `deliver ${key(a.to, a.msg)}`;
  if (a.kind === "propose" || a.kind === "timeout") return `${a.kind} ${a.proposer}`;
  return null;
}
