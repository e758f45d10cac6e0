// The acceptor's two handlers (Paxos Made Simple, phase 1b and phase 2b).
import type { Accept, Message, Prepare } from "../../protocol/messages.ts";
import type { AcceptorState } from "./state.ts";
import type { Rules } from "../../protocol/rules.ts";
import { compareBallots } from "../../protocol/ballot.ts";

export type Outbox = readonly { readonly to: string; readonly msg: Message }[];
export type Step<S> = { readonly state: S; readonly send: Outbox };

/**
 * Phase 1b. "If an acceptor receives a prepare request with number n greater than that of any
 * prepare request to which it has already responded, then it responds to the request with a
 * promise not to accept any more proposals numbered less than n and with the highest-numbered
 * proposal (if any) that it has accepted."
 */
export function onPrepare(a: AcceptorState, m: Prepare, rules: Rules, nacks: boolean): Step<AcceptorState> {
  const to = m.ballot.proposer;
  if (!rules.promiseAllowed(m.ballot, a.promised)) {
    return { state: a, send: nacks && a.promised ? [{ to, msg: { type: "nack", from: a.id, ballot: m.ballot, promised: a.promised } }] : [] };
  }
  const state: AcceptorState = { id: a.id, promised: m.ballot, accepted: a.accepted, up: a.up };
  return { state, send: [{ to, msg: { type: "promise", from: a.id, ballot: m.ballot, voted: a.accepted } }] };
}

/**
 * Phase 2b. "If an acceptor receives an accept request for a proposal numbered n, it accepts
 * the proposal unless it has already responded to a prepare request having a number greater
 * than n." Accepting also promises n, so the vote never sits above the promise.
 */
export function onAccept(a: AcceptorState, m: Accept, rules: Rules, nacks: boolean): Step<AcceptorState> {
  const to = m.ballot.proposer;
  if (!rules.acceptAllowed(m.ballot, a.promised)) {
    return { state: a, send: nacks && a.promised ? [{ to, msg: { type: "nack", from: a.id, ballot: m.ballot, promised: a.promised } }] : [] };
  }
  const vote = { ballot: m.ballot, value: m.value };
  const promised = compareBallots(a.promised, m.ballot) > 0 ? a.promised : m.ballot;
  const state: AcceptorState = { id: a.id, promised, accepted: vote, up: a.up };
  return { state, send: [{ to, msg: { type: "accepted", from: a.id, ballot: m.ballot, value: m.value } }] };
}
