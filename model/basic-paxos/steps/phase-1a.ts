// Phase 1a: a proposer starts a ballot. "A proposer chooses a new proposal number n and sends
// a request to each member of some set of acceptors, asking it to respond with [a promise]."
// Each proposer owns the ballots {round, proposer: its id}; its round is durable, so a ballot
// is never started twice, and its phase state is volatile.
import type { Ballot, NodeId } from "../../../protocol/messages.ts";
import type { Branch } from "../../../checker/model.ts";
import type { PaxosState, ProposerState } from "../state.ts";
import type { Expr, StepSource } from "../packed/step-source.ts";
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

/**
 * The same on packed words, as source (packed/step-source.ts): proposer p's first ballot, and
 * its next one from the round in local `round`.
 */
export function packedStartBallot(src: StepSource): { propose(p: number): string; timeout(p: number, round: string): string } {
  const { L, get, set, setAt, copy, emit } = src;
  const A = L.A;
  const PROPOSE = src.branch("propose");
  const TIMEOUT = src.branch("timeout: new ballot");
  /** Proposer p's next round, whose number is `next` (a constant or a local). */
  const start = (p: number, next: Expr) => {
    const lines = [copy(), set(L.round[p]!, next), set(L.phase[p]!, 1)];
    for (let a = 0; a < A; a++) lines.push(set(L.promiseCount[p]![a]!, 0));
    lines.push(set(L.proposal[p]!, 0));
    // Acceptor a's Prepare slots of p's ballots, by round - 1: the one of ballot (next, p) is set.
    const prepares = (a: number) => Array.from({ length: L.R }, (_, r) => L.prepare[L.ballot(r + 1, p)]![a]!);
    for (let a = 0; a < A; a++) lines.push(typeof next === "number" ? set(prepares(a)[next - 1]!, 1) : setAt(prepares(a), `${next} - 1`, 1));
    return lines.join("\n");
  };
  return {
    propose: (p) => `${start(p, 1)}\n${emit(PROPOSE)}`,
    timeout: (p, round) => `const next = ${round} + 1;\n${start(p, "next")}\n${set(L.retries, `${get(L.retries)} + 1`)}\n${emit(TIMEOUT)}`,
  };
}
