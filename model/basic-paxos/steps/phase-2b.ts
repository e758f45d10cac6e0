// Phase 2b: an acceptor receives an Accept. "If an acceptor receives an accept request for a
// proposal numbered n, it accepts the proposal unless it has already responded to a prepare
// request having a number greater than n." Accepting also promises n, so the vote never sits
// above the promise.
import type { Accept, NodeId } from "../../../protocol/messages.ts";
import type { Rules } from "../../../protocol/rules.ts";
import type { Branch } from "../../../checker/model.ts";
import type { AcceptorState, PaxosState } from "../state.ts";
import type { StepSource } from "../packed/step-source.ts";
import type { BranchStep, IdOf, Semantics } from "./step.ts";
import { ballotEquals, compareBallots } from "../../../protocol/ballot.ts";
import { acceptorOf, withAcceptor } from "../state.ts";
import { packedRefusal, refusal } from "./nack.ts";

export const branches = [
  { id: "deliver accept: voted", description: "the ballot is at or above the promise: the acceptor votes and sends Accepted" },
  { id: "deliver accept: refused", description: "the ballot is below the promise, nacks off: silence (a stutter unless duplication is off)" },
  { id: "deliver accept: nack", description: "the ballot is below the promise: the acceptor answers Nack (needs nacks)" },
  { id: "deliver accept: duplicate", description: "an Accept the acceptor voted for before, delivered again: it votes the same again (needs duplication)" },
] as const satisfies readonly Branch[];
type AcceptBranch = IdOf<typeof branches>;

/** The acceptor's handler. */
export function onAccept(a: AcceptorState, m: Accept, rules: Rules, nacks: boolean): BranchStep<AcceptorState, Exclude<AcceptBranch, "deliver accept: duplicate">> {
  if (!rules.acceptAllowed(m.ballot, a.promised)) {
    const send = refusal(a, m.ballot, nacks);
    return { state: a, send, branch: send.length > 0 ? "deliver accept: nack" : "deliver accept: refused" };
  }
  const vote = { ballot: m.ballot, value: m.value };
  const promised = !rules.acceptRaisesPromise || compareBallots(a.promised, m.ballot) > 0 ? a.promised : m.ballot;
  // Voting again for the vote it holds changes nothing: the very same acceptor.
  const same = a.accepted !== null && ballotEquals(a.accepted.ballot, m.ballot) && a.accepted.value === m.value && promised === a.promised;
  const state: AcceptorState = same ? a : { id: a.id, promised, accepted: vote, up: a.up };
  return { state, send: [{ to: m.ballot.proposer, msg: { type: "accepted", from: a.id, ballot: m.ballot, value: m.value } }], branch: "deliver accept: voted" };
}

/** An Accept delivered to acceptor `to`. The ghost keeps every vote cast: one in this ballot means this Accept was delivered here before. */
export function deliverAccept(s: PaxosState, to: NodeId, m: Accept, { rules, config }: Semantics): BranchStep<PaxosState, AcceptBranch> {
  const step = onAccept(acceptorOf(s, to), m, rules, config.nacks);
  const again = s.ghost.votes.some((v) => v.acceptor === to && ballotEquals(v.ballot, m.ballot));
  return { state: withAcceptor(s, step.state), send: step.send, branch: again ? "deliver accept: duplicate" : step.branch };
}

/** The same on packed words, as source (packed/step-source.ts): the Accept of ballot b delivered to acceptor a. */
export function packedDeliverAccept(src: StepSource): (b: number, a: number) => string {
  const { L, rules, get, set, record, copy, emit } = src;
  const refuse = packedRefusal(src);
  const n1 = L.NB + 1;
  const dup = L.config.duplication;
  const VOTED = src.branch("deliver accept: voted");
  const DUPLICATE = src.branch("deliver accept: duplicate");
  const REFUSALS = [src.branch("deliver accept: nack"), src.branch("deliver accept: refused"), DUPLICATE] as const;
  return (b, a) => {
    const slot = L.accept[b]![a]!;
    const seen = L.ghostVote[a]![b]!;
    return [
      `const promised = ${get(L.promised[a]!)};`,
      `if (acceptAllowed[${b * n1} + promised] === 0) { ${refuse(slot, a, b, "promised", seen, REFUSALS)} return; }`,
      copy(),
      dup ? "" : set(slot, 0),
      rules.acceptRaisesPromise ? `if (promised <= ${b + 1}) ${set(L.promised[a]!, b + 1)}` : "",
      set(L.accepted[a]!, b + 1),
      record(seen, get(L.ghostProposal[b]!)),
      set(L.acceptedMsg[a]![b]!, 1),
      emit(`${get(seen)} !== 0 ? ${DUPLICATE} : ${VOTED}`),
    ].join("\n");
  };
}
