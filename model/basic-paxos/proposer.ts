// The proposer's handlers (Paxos Made Simple, phases 1a and 2a). Each proposer owns the
// ballots {round, proposer: its id}; its round is durable, its phase state is not.
import type { Ballot, PromiseMsg } from "../../protocol/messages.ts";
import type { ProposerState } from "./state.ts";
import type { Rules } from "../../protocol/rules.ts";
import type { Step } from "./acceptor.ts";
import { compareBallots } from "../../protocol/ballot.ts";

export function currentBallot(p: ProposerState): Ballot {
  return { round: p.round, proposer: p.id };
}

/** Phase 1a: start the next ballot and ask every acceptor for a promise. */
export function startBallot(p: ProposerState, acceptors: readonly string[]): Step<ProposerState> {
  const state: ProposerState = { ...p, round: p.round + 1, phase: "prepare", promises: [], proposal: null };
  const ballot = currentBallot(state);
  return { state, send: acceptors.map((to) => ({ to, msg: { type: "prepare", from: p.id, ballot } })) };
}

/**
 * A Promise for the current ballot counts toward the quorum. "If the proposer receives a
 * response to its prepare requests from a majority of acceptors, then it sends an accept
 * request to each of those acceptors for a proposal numbered n with a value v, where v is the
 * value of the highest-numbered proposal among the responses, or is any value if the
 * responses reported no proposals."
 */
export function onPromise(p: ProposerState, m: PromiseMsg, acceptors: readonly string[], rules: Rules): Step<ProposerState> {
  if (p.phase !== "prepare" || compareBallots(m.ballot, currentBallot(p)) !== 0) return { state: p, send: [] };
  if (rules.countBySender && p.promises.some((r) => r.from === m.from)) return { state: p, send: [] };
  const promises = [...p.promises, { from: m.from, voted: m.voted }].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  if (promises.length < rules.quorum(acceptors.length)) return { state: { ...p, promises }, send: [] };
  // A proposer of the model always has an input: a rule that answers no value abandons it (a liveness variant).
  const value = rules.chooseValue(p.input, promises);
  if (value === null) return { state: { ...p, phase: "idle", promises, proposal: null, gaveUp: true }, send: [] };
  const ballot = currentBallot(p);
  const targets = rules.acceptToPromisers ? [...new Set(promises.map((r) => r.from))] : acceptors;
  const state: ProposerState = { ...p, phase: "accept", promises, proposal: value };
  return { state, send: targets.map((to) => ({ to, msg: { type: "accept", from: p.id, ballot, value } })) };
}
