// The acceptor of schemes 2 and 3 of seed 004, as the seed writes it ("favour the newest"):
//   def prepare(epoch) = { if (last_prepare_epoch == null || epoch > last_prepare_epoch)
//                            { last_prepare_epoch = epoch; res = true }
//                          (res, accepted_epoch, accepted_value) }
//   def accept(epoch, value) = { if (epoch == last_prepare_epoch && accepted_value == null)
//                                  { accepted_value = value; accepted_epoch = epoch; res = true }
//                                (res, accepted_epoch, accepted_value) }
// It keeps the first value it accepts for ever. Its state survives its crashes.
import type { Held, Step } from "../scheme.ts";
import type { EpochMessage } from "./messages.ts";

export type EpochAcceptor = {
  readonly id: string;
  readonly up: boolean;
  readonly lastPrepare: number | null;
  readonly acceptedEpoch: number | null;
  readonly acceptedValue: string | null;
};

export const initialEpochAcceptor = (id: string): EpochAcceptor => ({ id, up: true, lastPrepare: null, acceptedEpoch: null, acceptedValue: null });

export function onEpochAcceptor(a: EpochAcceptor, m: EpochMessage): Step<EpochAcceptor, EpochMessage> {
  if (m.type === "prepare") {
    const ok = a.lastPrepare === null || m.epoch > a.lastPrepare;
    const state = ok ? { ...a, lastPrepare: m.epoch } : a;
    return { state, send: [{ to: m.from, msg: { type: "prepare-reply", from: a.id, epoch: m.epoch, ok, acceptedEpoch: a.acceptedEpoch, acceptedValue: a.acceptedValue } }] };
  }
  if (m.type === "accept") {
    const ok = m.epoch === a.lastPrepare && a.acceptedValue === null;
    const state = ok ? { ...a, acceptedEpoch: m.epoch, acceptedValue: m.value } : a;
    return { state, send: [{ to: m.from, msg: { type: "accept-reply", from: a.id, epoch: m.epoch, ok, acceptedEpoch: state.acceptedEpoch, acceptedValue: state.acceptedValue } }] };
  }
  return { state: a, send: [] };
}

export const heldByEpochAcceptor = (a: EpochAcceptor): Held | null => (a.acceptedValue === null ? null : { epoch: a.acceptedEpoch!, value: a.acceptedValue });

export function describeEpochAcceptor(b: EpochAcceptor, a: EpochAcceptor): string[] {
  const out: string[] = [];
  if (a.lastPrepare !== b.lastPrepare) out.push(`${a.id} granted epoch ${a.lastPrepare}`);
  if (a.acceptedValue !== b.acceptedValue) out.push(`${a.id} accepted ${a.acceptedValue} in epoch ${a.acceptedEpoch}`);
  return out;
}
