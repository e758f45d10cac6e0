// Phase 2a: a proposer receives a Promise. "If the proposer receives a response to its
// prepare requests (numbered n) from a majority of acceptors, then it sends an accept request
// to each of those acceptors for a proposal numbered n with a value v, where v is the value of
// the highest-numbered proposal among the responses, or is any value if the responses
// reported no proposals."
import type { NodeId, PromiseMsg } from "../../../protocol/messages.ts";
import type { Rules } from "../../../protocol/rules.ts";
import type { Branch } from "../../../checker/model.ts";
import type { PaxosState, ProposerState } from "../state.ts";
import type { StepSource } from "../packed/step-source.ts";
import type { BranchStep, IdOf, Semantics } from "./step.ts";
import { compareBallots } from "../../../protocol/ballot.ts";
import { proposerOf, withProposer } from "../state.ts";
import { currentBallot } from "./phase-1a.ts";
import { byKey } from "../keys.ts";
import { NO_MESSAGES } from "./step.ts";

export const branches = [
  { id: "deliver promise: counted", description: "a Promise for the current ballot, below the quorum" },
  { id: "deliver promise: quorum -> accept sent", description: "the Promise that completes the quorum: phase 2, Accept to the promisers" },
  { id: "deliver promise: stale", description: "a Promise for an older ballot or after phase 1 (a stutter unless duplication is off)" },
  { id: "deliver promise: duplicate", description: "a Promise already counted for the current ballot, delivered again: not counted twice (a stutter; needs duplication)" },
] as const satisfies readonly Branch[];
type PromiseBranch = IdOf<typeof branches>;

/** The proposer's handler: a Promise for its current ballot counts toward the quorum, once per acceptor. */
export function onPromise(p: ProposerState, m: PromiseMsg, acceptors: readonly string[], rules: Rules): BranchStep<ProposerState, PromiseBranch> {
  const current = compareBallots(m.ballot, currentBallot(p)) === 0;
  // Counted ones stay counted for the rest of the ballot, phase 2 included: a duplicate before a stale one.
  if (current && rules.countBySender && p.promises.some((r) => r.from === m.from)) return { state: p, send: NO_MESSAGES, branch: "deliver promise: duplicate" };
  if (p.phase !== "prepare" || !current) return { state: p, send: NO_MESSAGES, branch: "deliver promise: stale" };
  const promises = [...p.promises, { from: m.from, voted: m.voted }].sort(byKey((r) => r.from));
  if (promises.length < rules.quorum(acceptors.length)) return { state: { ...p, promises }, send: NO_MESSAGES, branch: "deliver promise: counted" };
  // A proposer of the model always has an input, so every rule proposes some value.
  const value = rules.chooseValue(p.input, promises) ?? p.input;
  const ballot = currentBallot(p);
  const targets = rules.acceptToPromisers ? [...new Set(promises.map((r) => r.from))] : acceptors;
  const state: ProposerState = { ...p, phase: "accept", promises, proposal: value };
  return { state, send: targets.map((to) => ({ to, msg: { type: "accept", from: p.id, ballot, value } })), branch: "deliver promise: quorum -> accept sent" };
}

/** A Promise delivered to proposer `to`. */
export function deliverPromise(s: PaxosState, to: NodeId, m: PromiseMsg, { rules }: Semantics): BranchStep<PaxosState, PromiseBranch> {
  const step = onPromise(proposerOf(s, to), m, s.acceptors.map((a) => a.id), rules);
  return { state: withProposer(s, step.state), send: step.send, branch: step.branch };
}

/**
 * The same on packed words, as source (packed/step-source.ts): the Promise for ballot b from
 * acceptor a, delivered to b's proposer. The value chosen comes from `chooseValue`
 * (RuleTables.chooseValue), given the promises in the arrays `counts` and `voteCodes`.
 */
export function packedDeliverPromise(src: StepSource): (b: number, a: number) => string {
  const { L, rules, get, cur, set, record, copy, emit, consume } = src;
  const A = L.A;
  const countBySender = rules.countBySender;
  const dup = L.config.duplication;
  const COUNTED = src.branch("deliver promise: counted");
  const QUORUM = src.branch("deliver promise: quorum -> accept sent");
  const STALE = src.branch("deliver promise: stale");
  const DUPLICATE = src.branch("deliver promise: duplicate");
  return (b, a) => {
    const slot = L.promise[a]![b]!;
    const p = L.proposerOf(b);
    const countField = L.promiseCount[p]![a]!;
    // The proposer's current ballot is b when its round is b's (b is one of p's ballots).
    const current = `${get(L.round[p]!)} === ${L.roundOf(b)}`;
    const counted = countBySender ? `${get(countField)} > 0` : "false";
    // Not counted: with duplication on, no action; else say why, counted before or stale.
    const notCounted = dup ? "" : consume(slot, `${current} && ${counted} ? ${DUPLICATE} : ${STALE}`);
    const lines = [`if (${get(L.phase[p]!)} !== 1 || !(${current}) || ${counted}) { ${notCounted} return; }`, copy(), dup ? "" : set(slot, 0), set(countField, `${get(countField)} + 1`), "let total = 0;"];
    for (let x = 0; x < A; x++) lines.push(`counts[${x}] = ${cur(L.promiseCount[p]![x]!)};`, `voteCodes[${x}] = ${cur(L.ghostPromise[x]![b]!)};`, `total += counts[${x}];`);
    lines.push(`if (total < ${rules.quorum}) { ${emit(COUNTED)} return; }`, `const value = chooseValue(${p}, counts, voteCodes);`, set(L.phase[p]!, 2), set(L.proposal[p]!, "value + 1"));
    for (let x = 0; x < A; x++) lines.push(rules.acceptToPromisers ? `if (counts[${x}] > 0) ${set(L.accept[b]![x]!, 1)}` : set(L.accept[b]![x]!, 1));
    lines.push(record(L.ghostProposal[b]!, "value + 1"), emit(QUORUM));
    return lines.join("\n");
  };
}
