// Scheme 1 of seed 004, "one acceptor, and a lock for concurrent proposers", as the seed writes
// it. The acceptor:
//   def prepare(): (Boolean, Object) = { (lock.tryLock(), accepted_value) }
//   def release(): Unit = { lock.release() }
//   def accept(value) = { if (accepted_value == null) accepted_value = value; release(); accepted_value }
// The proposer:
//   val (res, accepted_value) = prepare()
//   if (accepted_value != null) { release(); accepted_value }
//   else if (!res) { Thread.sleep(1000); propose(value) } else accept(value)
// A call is a message and its answer another; a proposer that hears nothing calls again. The
// lock has no owner: release() unlocks whoever holds it, and a proposer that dies holding it
// holds it for ever (the acceptor's state, the lock included, survives its crashes).
import type { Scheme } from "../scheme.ts";
import { describeLockMessage, type LockMessage } from "./messages.ts";

export type LockAcceptor = { readonly id: string; readonly up: boolean; readonly locked: boolean; readonly accepted: string | null };

export type LockProposer = {
  readonly id: string;
  readonly input: string;
  readonly up: boolean;
  /** idle: no call (or done); prepare, accept: waiting for that call's answer; sleep: Thread.sleep before calling prepare again. */
  readonly phase: "idle" | "prepare" | "accept" | "sleep";
  readonly learned: string | null;
};

const call = (p: LockProposer): LockMessage => (p.phase === "accept" ? { type: "accept", from: p.id, value: p.input } : { type: "prepare", from: p.id });

export const lockScheme: Scheme<LockAcceptor, LockProposer, LockMessage> = {
  name: "derivation-lock",
  ballotName: "lock",
  initialAcceptor: (id) => ({ id, up: true, locked: false, accepted: null }),
  initialProposer: (id, input) => ({ id, input, up: true, phase: "idle", learned: null }),
  propose(p, [acceptor]) {
    return { state: { ...p, phase: "prepare" }, send: [{ to: acceptor!, msg: { type: "prepare", from: p.id } }] };
  },
  timeout(p, [acceptor]) {
    if (p.phase !== "prepare" && p.phase !== "accept") return null;
    return { state: p, send: [{ to: acceptor!, msg: call(p) }] };
  },
  retry(p, [acceptor]) {
    if (p.phase !== "sleep") return null;
    return { state: { ...p, phase: "prepare" }, send: [{ to: acceptor!, msg: { type: "prepare", from: p.id } }] };
  },
  cutReason: () => "scheme 1 has no bound",
  onAcceptor(a, m) {
    switch (m.type) {
      case "prepare": {
        const state = a.locked ? a : { ...a, locked: true };
        return { state, send: [{ to: m.from, msg: { type: "prepare-reply", from: a.id, locked: !a.locked, accepted: a.accepted } }] };
      }
      case "accept": {
        const accepted = a.accepted ?? m.value;
        const state = a.accepted === accepted && !a.locked ? a : { ...a, accepted, locked: false };
        return { state, send: [{ to: m.from, msg: { type: "accept-reply", from: a.id, accepted } }] };
      }
      case "release":
        return { state: a.locked ? { ...a, locked: false } : a, send: [] };
      default:
        return { state: a, send: [] };
    }
  },
  onProposer(p, m, [acceptor]) {
    if (m.type === "prepare-reply" && p.phase === "prepare") {
      if (m.accepted !== null) return { state: { ...p, phase: "idle", learned: m.accepted }, send: [{ to: acceptor!, msg: { type: "release", from: p.id } }] };
      if (!m.locked) return { state: { ...p, phase: "sleep" }, send: [] };
      return { state: { ...p, phase: "accept" }, send: [{ to: acceptor!, msg: { type: "accept", from: p.id, value: p.input } }] };
    }
    if (m.type === "accept-reply" && p.phase === "accept") return { state: { ...p, phase: "idle", learned: m.accepted }, send: [] };
    return { state: p, send: [] };
  },
  crashed: (p) => ({ ...p, up: false, phase: "idle", learned: null }),
  held: (a) => (a.accepted === null ? null : { epoch: 0, value: a.accepted }),
  granted: () => null,
  sender: (m) => m.from,
  describeMessage: describeLockMessage,
  describeAcceptor(b, a) {
    const out: string[] = [];
    if (a.locked !== b.locked) out.push(`${a.id} is ${a.locked ? "locked" : "unlocked"}`);
    if (a.accepted !== b.accepted) out.push(`${a.id} accepted ${a.accepted}`);
    return out;
  },
  describeProposer(b, p) {
    if (p.phase === b.phase) return [];
    const doing = { idle: "is idle", prepare: "waits for prepare()", accept: "waits for accept()", sleep: "sleeps before calling prepare() again" } as const;
    return [`${p.id} ${doing[p.phase]}`];
  },
};
