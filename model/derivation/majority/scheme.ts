// Scheme 3 of seed 004, "many acceptors, majorities", as the seed writes it. The acceptor is
// scheme 2's (epochs/acceptor.ts: "同方案二"). The proposer calls the acceptors one after the
// other (`acceptors.map(_.prepare(...))`), each call waiting for its answer or failing (a call to
// a crashed acceptor, or whose message is lost, times out), and goes on with the replies that
// came back ("filter(返回结果的acceptor)": a refusal is a reply):
//   doPropose(value, epoch):
//     if (replies * 2 > n)
//       if (some reply carries a value) {
//         maybeValue = the value of the highest accepted epoch among them
//         if (replies carrying maybeValue * 2 >= n) doAccept(maybeValue, epoch)
//         else { sleep; doPropose(maybeValue, epoch + 1) } }
//       else doAccept(value, epoch)
//     else { sleep; doPropose(value, epoch + 1) }
//   doAccept(value, epoch):
//     if (replies * 2 > n) {
//       maybeValue = the value of the highest accepted epoch among the replies
//       if (replies carrying maybeValue * 2 >= n) return maybeValue
//       else { sleep; doPropose(value, epoch + 1) } }
//     else { sleep; doPropose(value, epoch + 1) }
// Neither phase reads a reply's granted/accepted flag, as written; a reply counts by the value
// it carries, whatever epoch that value was accepted in.
import type { Scheme, Step } from "../scheme.ts";
import { describeEpochAcceptor, heldByEpochAcceptor, initialEpochAcceptor, onEpochAcceptor, type EpochAcceptor } from "../epochs/acceptor.ts";
import { describeEpochMessage, type EpochMessage } from "../epochs/messages.ts";

export const MAJORITY_MODEL_NAME = "derivation-majority";

/** A reply as the proposer keeps it. */
export type Reply = { readonly from: string; readonly ok: boolean; readonly acceptedEpoch: number | null; readonly acceptedValue: string | null };

export type MajorityProposer = {
  readonly id: string;
  readonly input: string;
  readonly up: boolean;
  /** idle: no call (or done); prepare, accept: collecting that phase's replies; sleep: before doPropose(value, epoch). */
  readonly phase: "idle" | "prepare" | "accept" | "sleep";
  readonly epoch: number;
  /** The value it tries to get accepted: its client's, or one it adopted. */
  readonly value: string;
  /** Replies of the current phase, by acceptor. */
  readonly replies: readonly Reply[];
  /** The acceptor it is calling, by index (acceptors.map calls them in order). */
  readonly calling: number;
  readonly learned: string | null;
};

type ProposerStep = Step<MajorityProposer, EpochMessage>;

/** Calls acceptor number `calling` in the proposer's phase, or decides once every acceptor was called. */
function callNext(p: MajorityProposer, acceptors: readonly string[]): ProposerStep {
  if (p.calling >= acceptors.length) return decide(p, acceptors);
  const msg: EpochMessage = p.phase === "prepare" ? { type: "prepare", from: p.id, epoch: p.epoch } : { type: "accept", from: p.id, epoch: p.epoch, value: p.value };
  return { state: p, send: [{ to: acceptors[p.calling]!, msg }] };
}

function call(p: MajorityProposer, phase: "prepare" | "accept", value: string, epoch: number, acceptors: readonly string[]): ProposerStep {
  return callNext({ ...p, phase, epoch, value, replies: [], calling: 0 }, acceptors);
}

const sleep = (p: MajorityProposer, value: string): ProposerStep => ({ state: { ...p, phase: "sleep", epoch: p.epoch + 1, value, replies: [], calling: 0 }, send: [] });

/** The reply that carries the value of the highest accepted epoch (the first such, by acceptor). */
function highest(replies: readonly Reply[]): Reply | undefined {
  let best: Reply | undefined;
  for (const r of replies) if (r.acceptedValue !== null && (best === undefined || r.acceptedEpoch! > best.acceptedEpoch!)) best = r;
  return best;
}

const carrying = (replies: readonly Reply[], value: string) => replies.filter((r) => r.acceptedValue === value).length;

/** What the proposer does once it has every reply it will get. */
function decide(p: MajorityProposer, acceptors: readonly string[]): ProposerStep {
  const n = acceptors.length;
  const { replies } = p;
  if (replies.length * 2 <= n) return sleep(p, p.value);
  const best = highest(replies);
  if (p.phase === "prepare") {
    if (!best) return call(p, "accept", p.value, p.epoch, acceptors);
    if (carrying(replies, best.acceptedValue!) * 2 >= n) return call(p, "accept", best.acceptedValue!, p.epoch, acceptors);
    return sleep(p, best.acceptedValue!);
  }
  if (best && carrying(replies, best.acceptedValue!) * 2 >= n) return { state: { ...p, phase: "idle", replies: [], calling: 0, learned: best.acceptedValue }, send: [] };
  return sleep(p, p.value);
}

export const majorityScheme: Scheme<EpochAcceptor, MajorityProposer, EpochMessage> = {
  name: MAJORITY_MODEL_NAME,
  ballotName: "epoch",
  initialAcceptor: initialEpochAcceptor,
  initialProposer: (id, input) => ({ id, input, up: true, phase: "idle", epoch: 0, value: input, replies: [], calling: 0, learned: null }),
  propose: (p, acceptors) => call(p, "prepare", p.input, 1, acceptors),
  timeout(p, acceptors) {
    if (p.phase !== "prepare" && p.phase !== "accept") return null;
    return callNext({ ...p, calling: p.calling + 1 }, acceptors);
  },
  retry(p, acceptors, config) {
    if (p.phase !== "sleep") return null;
    return config.duplication && p.epoch > config.maxEpoch ? "cut" : call(p, "prepare", p.value, p.epoch, acceptors);
  },
  cutReason: (p, config) => `${p.id} would call prepare(${p.epoch}), past maxEpoch ${config.maxEpoch}`,
  onAcceptor: onEpochAcceptor,
  onProposer(p, m, acceptors) {
    const phase = m.type === "prepare-reply" ? "prepare" : m.type === "accept-reply" ? "accept" : undefined;
    if (phase === undefined || m.type === "prepare" || m.type === "accept" || p.phase !== phase || m.epoch !== p.epoch || acceptors[p.calling] !== m.from) return { state: p, send: [] };
    const reply: Reply = { from: m.from, ok: m.ok, acceptedEpoch: m.acceptedEpoch, acceptedValue: m.acceptedValue };
    return callNext({ ...p, replies: [...p.replies, reply], calling: p.calling + 1 }, acceptors);
  },
  crashed: (p) => ({ ...p, up: false, phase: "idle", epoch: 0, value: p.input, replies: [], calling: 0, learned: null }),
  held: heldByEpochAcceptor,
  granted: (a) => a.lastPrepare,
  sender: (m) => m.from,
  describeMessage: describeEpochMessage,
  describeAcceptor: describeEpochAcceptor,
  describeProposer(b, p) {
    if (p.phase === b.phase && p.epoch === b.epoch && p.value === b.value) return [];
    const doing = {
      idle: "is idle",
      prepare: `calls prepare(${p.epoch}) on each acceptor in turn`,
      accept: `calls accept(${p.epoch}, ${p.value}) on each acceptor in turn`,
      sleep: `sleeps before doPropose(${p.value}, ${p.epoch})`,
    } as const;
    return [`${p.id} ${doing[p.phase]}`];
  },
};
