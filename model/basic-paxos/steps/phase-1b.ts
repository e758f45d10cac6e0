// Phase 1b: an acceptor receives a Prepare. "If an acceptor receives a prepare request with
// number n greater than that of any prepare request to which it has already responded, then
// it responds to the request with a promise not to accept any more proposals numbered less
// than n and with the highest-numbered proposal (if any) that it has accepted."
import type { NodeId, Prepare } from "../../../protocol/messages.ts";
import type { Rules } from "../../../protocol/rules.ts";
import type { Branch } from "../../../checker/model.ts";
import type { AcceptorState, PaxosState } from "../state.ts";
import type { StepSource } from "../packed/step-source.ts";
import type { BranchStep, IdOf, Semantics } from "./step.ts";
import { ballotEquals } from "../../../protocol/ballot.ts";
import { acceptorOf, withAcceptor } from "../state.ts";
import { packedRefusal, refusal } from "./nack.ts";

export const branches = [
  { id: "deliver prepare: promised", description: "the ballot is above the acceptor's promise: it promises and reports its vote" },
  { id: "deliver prepare: refused", description: "the ballot is not above the promise, nacks off: silence (a stutter unless duplication is off)" },
  { id: "deliver prepare: nack", description: "the ballot is not above the promise: the acceptor answers Nack (needs nacks)" },
  { id: "deliver prepare: duplicate", description: "a Prepare the acceptor promised before, delivered again (needs duplication; a stutter unless nacks are on)" },
] as const satisfies readonly Branch[];
type PrepareBranch = IdOf<typeof branches>;

/** The acceptor's handler. */
export function onPrepare(a: AcceptorState, m: Prepare, rules: Rules, nacks: boolean): BranchStep<AcceptorState, Exclude<PrepareBranch, "deliver prepare: duplicate">> {
  if (!rules.promiseAllowed(m.ballot, a.promised)) {
    const send = refusal(a, m.ballot, nacks);
    return { state: a, send, branch: send.length > 0 ? "deliver prepare: nack" : "deliver prepare: refused" };
  }
  const state: AcceptorState = { id: a.id, promised: m.ballot, accepted: a.accepted, up: a.up };
  return { state, send: [{ to: m.ballot.proposer, msg: { type: "promise", from: a.id, ballot: m.ballot, voted: a.accepted } }], branch: "deliver prepare: promised" };
}

/** A Prepare delivered to acceptor `to`. The ghost keeps every Promise sent: one for this ballot means this Prepare was delivered here before. */
export function deliverPrepare(s: PaxosState, to: NodeId, m: Prepare, { rules, config }: Semantics): BranchStep<PaxosState, PrepareBranch> {
  const step = onPrepare(acceptorOf(s, to), m, rules, config.nacks);
  const again = s.ghost.promises.some((p) => p.acceptor === to && ballotEquals(p.ballot, m.ballot));
  return { state: withAcceptor(s, step.state), send: step.send, branch: again ? "deliver prepare: duplicate" : step.branch };
}

/** The same on packed words, as source (packed/step-source.ts): the Prepare of ballot b delivered to acceptor a. */
export function packedDeliverPrepare(src: StepSource): (b: number, a: number) => string {
  const { L, get, set, getAt, record, copy, emit } = src;
  const refuse = packedRefusal(src);
  const V = L.V;
  const n1 = L.NB + 1;
  const dup = L.config.duplication;
  const PROMISED = src.branch("deliver prepare: promised");
  const DUPLICATE = src.branch("deliver prepare: duplicate");
  const REFUSALS = [src.branch("deliver prepare: nack"), src.branch("deliver prepare: refused"), DUPLICATE] as const;
  return (b, a) => {
    const slot = L.prepare[b]![a]!;
    const seen = L.ghostPromise[a]![b]!;
    const votes = Array.from({ length: L.NB }, (_, c) => L.ghostVote[a]![c]!);
    return [
      `const promised = ${get(L.promised[a]!)};`,
      `if (promiseAllowed[${b * n1} + promised] === 0) { ${refuse(slot, a, b, "promised", seen, REFUSALS)} return; }`,
      copy(),
      dup ? "" : set(slot, 0),
      set(L.promised[a]!, b + 1),
      `const acc = ${get(L.accepted[a]!)};`,
      record(seen, `acc === 0 ? 1 : 2 + (acc - 1) * ${V} + ${getAt(votes, "acc - 1")} - 1`),
      set(L.promise[a]![b]!, 1),
      emit(`${get(seen)} !== 0 ? ${DUPLICATE} : ${PROMISED}`),
    ].join("\n");
  };
}
