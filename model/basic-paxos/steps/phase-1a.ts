// Phase 1a: a proposer starts a ballot. "A proposer chooses a new proposal number n and sends
// a request to each member of some set of acceptors, asking it to respond with [a promise]."
// Each proposer owns the ballots {round, proposer: its id}; its round is durable, so a ballot
// is never started twice, and its phase state is volatile.
import type { Ballot, NodeId } from "../../../protocol/messages.ts";
import type { Branch } from "../../../checker/model.ts";
import type { PaxosState, ProposerState } from "../state.ts";
import type { Emit, StepContext } from "../packed/step-context.ts";
import type { BranchStep, IdOf, Step } from "./step.ts";
import { proposerOf, withProposer } from "../state.ts";

export const branches = [
  { id: "propose", description: "a proposer starts its first ballot: Prepare to every acceptor" },
  { id: "timeout: new ballot", description: "a proposer gives up its ballot and starts a higher one (needs retries)" },
] as const satisfies readonly Branch[];

export function currentBallot(p: ProposerState): Ballot {
  return { round: p.round, proposer: p.id };
}

/** The proposer's handler: its next round, a Prepare to every acceptor. */
export function startBallot(p: ProposerState, acceptors: readonly string[]): Step<ProposerState> {
  const state: ProposerState = { ...p, round: p.round + 1, phase: "prepare", promises: [], proposal: null };
  const ballot = currentBallot(state);
  return { state, send: acceptors.map((to) => ({ to, msg: { type: "prepare", from: p.id, ballot } })) };
}

/** Proposer `id` proposes (its first ballot) or times out (its next one, spending a retry). */
export function startBallotStep(s: PaxosState, id: NodeId, timeout: boolean): BranchStep<PaxosState, IdOf<typeof branches>> {
  const step = startBallot(proposerOf(s, id), s.acceptors.map((a) => a.id));
  const state = withProposer(s, step.state);
  if (!timeout) return { state, send: step.send, branch: "propose" };
  return { state: { ...state, retries: s.retries + 1 }, send: step.send, branch: "timeout: new ballot" };
}

/** The same on packed words: proposer p at `round` starts round + 1. */
export function packedStartBallot(ctx: StepContext): { propose(p: number, emit: Emit): void; timeout(p: number, round: number, emit: Emit): void } {
  const { L, get, set, copy } = ctx;
  const A = L.A;
  const PROPOSE = ctx.branch("propose");
  const TIMEOUT = ctx.branch("timeout: new ballot");
  const start = (p: number, round: number) => {
    copy();
    set(L.round[p]!, round + 1);
    set(L.phase[p]!, 1);
    for (let a = 0; a < A; a++) set(L.promiseCount[p]![a]!, 0);
    set(L.proposal[p]!, 0);
    const b = L.ballot(round + 1, p);
    for (let a = 0; a < A; a++) set(L.prepare[b]![a]!, 1);
  };
  return {
    propose(p, emit) {
      start(p, 0);
      emit(PROPOSE);
    },
    timeout(p, round, emit) {
      start(p, round);
      set(L.retries, get(L.retries) + 1);
      emit(TIMEOUT);
    },
  };
}
