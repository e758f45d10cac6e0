// The acceptor's two handlers (Paxos Made Simple, phases 1b and 2b), per key. The slot holds
// Lamport's maxBal (promised) and maxVBal/maxVal (accepted). Every change is persisted
// before the reply (the effects list puts the persist first).
import type { Accept, Ballot, NodeId, Prepare, Vote } from "../../protocol/messages.ts";
import type { Rules } from "../../protocol/rules.ts";
import type { Effect, Step } from "./effects.ts";

export type AcceptorSlot = { readonly promised: Ballot | null; readonly accepted: Vote | null };
export const emptySlot: AcceptorSlot = { promised: null, accepted: null };

/**
 * Phase 1b. "If an acceptor receives a prepare request with number n greater than that of any
 * prepare request to which it has already responded, then it responds with a promise not to
 * accept any more proposals numbered less than n and with the highest-numbered proposal (if
 * any) that it has accepted." Otherwise it stays silent, or Nacks when `nack` is on.
 */
export function onPrepare(slot: AcceptorSlot, key: string, self: NodeId, m: Prepare, rules: Rules, nack: boolean): Step<AcceptorSlot> {
  if (!rules.promiseAllowed(m.ballot, slot.promised)) return refuse(slot, self, m.from, m.ballot, nack);
  const state: AcceptorSlot = { ...slot, promised: m.ballot };
  const effects: Effect[] = [
    { kind: "persist", record: { t: "promise", key, ballot: m.ballot } },
    { kind: "send", to: m.from, msg: { type: "promise", from: self, ballot: m.ballot, voted: slot.accepted } },
  ];
  return { state, effects };
}

/**
 * Phase 2b. "If an acceptor receives an accept request for a proposal numbered n, it accepts
 * the proposal unless it has already responded to a prepare request having a number greater
 * than n." Accepting also promises n, so maxBal never falls below maxVBal.
 */
export function onAccept(slot: AcceptorSlot, key: string, self: NodeId, m: Accept, rules: Rules, nack: boolean): Step<AcceptorSlot> {
  if (!rules.acceptAllowed(m.ballot, slot.promised)) return refuse(slot, self, m.from, m.ballot, nack);
  const state: AcceptorSlot = { promised: rules.acceptRaisesPromise ? m.ballot : slot.promised, accepted: { ballot: m.ballot, value: m.value } };
  const effects: Effect[] = [
    { kind: "persist", record: { t: "vote", key, ballot: m.ballot, value: m.value } },
    { kind: "send", to: m.from, msg: { type: "accepted", from: self, ballot: m.ballot, value: m.value } },
  ];
  return { state, effects };
}

function refuse(slot: AcceptorSlot, self: NodeId, to: NodeId, ballot: Ballot, nack: boolean): Step<AcceptorSlot> {
  if (!nack || slot.promised === null) return { state: slot, effects: [] };
  return { state: slot, effects: [{ kind: "send", to, msg: { type: "nack", from: self, ballot, promised: slot.promised } }] };
}

/** Recovery: a slot rebuilt from its log records, applied in order. */
export function recoverSlot(slot: AcceptorSlot, r: { t: "promise"; ballot: Ballot } | { t: "vote"; ballot: Ballot; value: string }): AcceptorSlot {
  return r.t === "promise" ? { ...slot, promised: r.ballot } : { promised: r.ballot, accepted: { ballot: r.ballot, value: r.value } };
}
