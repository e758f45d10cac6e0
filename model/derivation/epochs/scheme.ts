// Scheme 2 of seed 004, "preemptive access with epochs", one acceptor, as the seed writes it:
//   def doPropose(value, epoch) = { val (res, accepted_epoch, accepted_value) = prepare(epoch)
//     if (accepted_value != null) accepted_value
//     else if (!res) { Thread.sleep(1000); propose(value, accepted_epoch + 1) }
//     else doAccept(value, epoch) }
//   def doAccept(value, epoch) = { val (res, accepted_epoch, accepted_value) = accept(epoch, value)
//     if (accepted_value != null) accepted_value
//     else { Thread.sleep(1000); doPropose(value, accepted_epoch + 1) } }
// propose(value) is doPropose(value, 1); the retry `propose(value, accepted_epoch + 1)` is read
// as doPropose in epoch accepted_epoch + 1, where a null accepted_epoch counts as 0 (with the
// config's retryNextEpoch, in the epoch after the refused one instead, as scheme 3 does). A call
// is a message and its answer another; a proposer that hears nothing calls again.
import type { Scheme, Step } from "../scheme.ts";
import { describeEpochAcceptor, heldByEpochAcceptor, initialEpochAcceptor, onEpochAcceptor, type EpochAcceptor } from "./acceptor.ts";
import { describeEpochMessage, type EpochMessage } from "./messages.ts";

export const EPOCHS_MODEL_NAME = "derivation-epochs";

export type EpochProposer = {
  readonly id: string;
  readonly input: string;
  readonly up: boolean;
  /** idle: no call (or done); prepare, accept: waiting for that call's answer; sleep: before calling prepare in `epoch`. */
  readonly phase: "idle" | "prepare" | "accept" | "sleep";
  /** The epoch of its current call, or of the call it will make when it wakes. */
  readonly epoch: number;
  readonly learned: string | null;
};

const prepare = (p: EpochProposer, epoch: number, acceptor: string): Step<EpochProposer, EpochMessage> => ({
  state: { ...p, phase: "prepare", epoch },
  send: [{ to: acceptor, msg: { type: "prepare", from: p.id, epoch } }],
});

/** The epoch of the next try after a refusal in `epoch` that reported `acceptedEpoch`. */
const retryEpoch = (epoch: number, acceptedEpoch: number | null, nextEpoch: boolean) => (nextEpoch ? epoch + 1 : (acceptedEpoch ?? 0) + 1);

export const epochScheme = (nextEpoch: boolean): Scheme<EpochAcceptor, EpochProposer, EpochMessage> => ({
  name: EPOCHS_MODEL_NAME,
  ballotName: "epoch",
  initialAcceptor: initialEpochAcceptor,
  initialProposer: (id, input) => ({ id, input, up: true, phase: "idle", epoch: 0, learned: null }),
  propose: (p, [acceptor]) => prepare(p, 1, acceptor!),
  timeout(p, [acceptor]) {
    if (p.phase === "prepare") return { state: p, send: [{ to: acceptor!, msg: { type: "prepare", from: p.id, epoch: p.epoch } }] };
    if (p.phase === "accept") return { state: p, send: [{ to: acceptor!, msg: { type: "accept", from: p.id, epoch: p.epoch, value: p.input } }] };
    return null;
  },
  retry(p, [acceptor], config) {
    if (p.phase !== "sleep") return null;
    return config.duplication && p.epoch > config.maxEpoch ? "cut" : prepare(p, p.epoch, acceptor!);
  },
  cutReason: (p, config) => `${p.id} would call prepare(${p.epoch}), past maxEpoch ${config.maxEpoch}`,
  onAcceptor: onEpochAcceptor,
  onProposer(p, m, [acceptor]) {
    if (m.type === "prepare-reply" && p.phase === "prepare" && m.epoch === p.epoch) {
      if (m.acceptedValue !== null) return { state: { ...p, phase: "idle", learned: m.acceptedValue }, send: [] };
      if (!m.ok) return { state: { ...p, phase: "sleep", epoch: retryEpoch(p.epoch, m.acceptedEpoch, nextEpoch) }, send: [] };
      return { state: { ...p, phase: "accept" }, send: [{ to: acceptor!, msg: { type: "accept", from: p.id, epoch: p.epoch, value: p.input } }] };
    }
    if (m.type === "accept-reply" && p.phase === "accept" && m.epoch === p.epoch) {
      if (m.acceptedValue !== null) return { state: { ...p, phase: "idle", learned: m.acceptedValue }, send: [] };
      return { state: { ...p, phase: "sleep", epoch: retryEpoch(p.epoch, m.acceptedEpoch, nextEpoch) }, send: [] };
    }
    return { state: p, send: [] };
  },
  crashed: (p) => ({ ...p, up: false, phase: "idle", epoch: 0, learned: null }),
  held: heldByEpochAcceptor,
  granted: (a) => a.lastPrepare,
  sender: (m) => m.from,
  describeMessage: describeEpochMessage,
  describeAcceptor: describeEpochAcceptor,
  describeProposer(b, p) {
    if (p.phase === b.phase && p.epoch === b.epoch) return [];
    const doing = { idle: "is idle", prepare: `waits for prepare(${p.epoch})`, accept: `waits for accept(${p.epoch}, ${p.input})`, sleep: `sleeps before calling prepare(${p.epoch})` } as const;
    return [`${p.id} ${doing[p.phase]}`];
  },
});

export type { EpochAcceptor } from "./acceptor.ts";
