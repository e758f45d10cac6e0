// Nacks, an addition to Paxos Made Simple, which only notes that "a proposer [...] should
// abandon a proposal" once a higher proposal number is known: with `nacks` on, an acceptor
// answers a Prepare or Accept it refuses with a Nack naming its promise, instead of silence.
// Proposers here react to refusals by timing out, so a delivered Nack changes nothing but the
// network.
import type { Ballot, NodeId } from "../../../protocol/messages.ts";
import type { Branch } from "../../../checker/model.ts";
import type { AcceptorState, PaxosState } from "../state.ts";
import type { StepSource } from "../packed/step-source.ts";
import type { BranchStep, IdOf, Outbox, Semantics } from "./step.ts";
import { NO_MESSAGES } from "./step.ts";
import { proposerOf, withProposer } from "../state.ts";

export const branches = [
  { id: "deliver nack: ignored", description: "proposers react to refusals by timing out (needs nacks; a stutter unless duplication is off)" },
  { id: "deliver nack: gives up", description: "a liveness variant's proposer (retryAfterNack off) abandons its proposal for good (needs nacks)" },
] as const satisfies readonly Branch[];

/** What acceptor `a` sends when it refuses `ballot`: a Nack where enabled (and it has a promise to name), else nothing. */
export function refusal(a: AcceptorState, ballot: Ballot, nacks: boolean): Outbox {
  return nacks && a.promised ? [{ to: ballot.proposer, msg: { type: "nack", from: a.id, ballot, promised: a.promised } }] : NO_MESSAGES;
}

/**
 * A Nack delivered to proposer `to`: ignored, but for a liveness variant's proposer
 * (`retryAfterNack` off), which abandons its proposal for good and starts no more ballots.
 */
export function deliverNack(s: PaxosState, to: NodeId, { rules }: Semantics): BranchStep<PaxosState, IdOf<typeof branches>> {
  const p = proposerOf(s, to);
  if (rules.retryAfterNack || p.gaveUp) return { state: s, send: NO_MESSAGES, branch: "deliver nack: ignored" };
  return { state: withProposer(s, { ...p, phase: "idle", promises: [], proposal: null, gaveUp: true }), send: NO_MESSAGES, branch: "deliver nack: gives up" };
}

/**
 * The refusal on packed words, as source (packed/step-source.ts): acceptor a, whose promise is
 * in local `promised` (0: none, else ballot + 1), refuses ballot b delivered from `slot`.
 * `branches` are the caller's [nack, silent, duplicate], the last when ghost field `seen` says
 * the acceptor took this message before. Silence with duplication on changes nothing: no action.
 */
export function packedRefusal(src: StepSource): (slot: number, a: number, b: number, promised: string, seen: number, branches: readonly [number, number, number]) => string {
  const { L, get, set, setAt, copy, emit, consume } = src;
  const nacks = L.config.nacks;
  const dup = L.config.duplication;
  return (slot, a, b, promised, seen, [nack, silent, duplicate]) => {
    const again = (other: number) => `${get(seen)} !== 0 ? ${duplicate} : ${other}`;
    const silence = dup ? "" : consume(slot, again(silent));
    if (!nacks) return silence;
    const answer = [copy(), dup ? "" : set(slot, 0), setAt(L.nack[a]![b]!, `${promised} - 1`, 1), emit(again(nack))].join(" ");
    return `if (${promised} !== 0) { ${answer} } else { ${silence} }`;
  };
}

/** A Nack delivered on packed words, as source: with duplication on it is no action at all. */
export function packedDeliverNack(src: StepSource): (slot: number) => string {
  const dup = src.L.config.duplication;
  const IGNORED = src.branch("deliver nack: ignored");
  return (slot) => (dup ? "" : src.consume(slot, IGNORED));
}
