// When a proposer starts another ballot: the decisions liveness depends on, kept apart from the
// phase steps. Which proposers start ballots at all (all of them, or seed 002's distinguished
// proposer p1), when one may time out (at any moment, or only once its ballot is stuck: nothing
// of it can still be delivered), and the liveness variants' proposers that give up for good.
import type { Message, Nack } from "../../protocol/messages.ts";
import type { Action } from "./actions.ts";
import type { PaxosState, ProposerState } from "./state.ts";
import type { Semantics } from "./next.ts";
import { ballotEquals } from "../../protocol/ballot.ts";
import { currentBallot } from "./proposer.ts";
import { canonicalHashInto } from "../../checker/canonical-hash.ts";

const hashA = new Int32Array(2);
const hashB = new Int32Array(2);

/** Whether two states are equal as data (a delivery may rebuild a state it does not change). */
export function sameState(a: PaxosState, b: PaxosState): boolean {
  if (a === b) return true;
  canonicalHashInto(a, hashA);
  canonicalHashInto(b, hashB);
  return hashA[0] === hashB[0] && hashA[1] === hashB[1];
}

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

/** A Nack delivered to the proposer: under `retryAfterNack` it changes nothing; else the proposer abandons its proposal. */
export function onNack(p: ProposerState, _m: Nack, sem: Semantics): ProposerState {
  return sem.rules.retryAfterNack || p.gaveUp ? p : { ...p, phase: "idle", promises: [], proposal: null, gaveUp: true };
}

/** The weakly fair class of an action: every delivery and every proposer step; faults are not fair. */
export function fairClass(a: Action, key: (to: string, msg: Message) => string): string | null {
  if (a.kind === "deliver") return `deliver ${key(a.to, a.msg)}`;
  if (a.kind === "propose" || a.kind === "timeout") return `${a.kind} ${a.proposer}`;
  return null;
}
