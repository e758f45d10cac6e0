// The proposer of one key (Paxos Made Simple, phases 1a and 2a) as a pure state machine.
// Its ballots are {round, proposer: its id}; the round is persisted before a ballot is used,
// so a restarted proposer never reuses one. Phase state is volatile: a crash forgets it.
import type { Ballot, Nack, NodeId, PromiseMsg, Value } from "../../protocol/messages.ts";
import type { ReportedVote, Rules } from "../../protocol/rules.ts";
import { correctRules } from "../../protocol/rules.ts";
import type { Effect, Step } from "./effects.ts";

export type ProposerPhase = "idle" | "prepare" | "accept" | "done";

/** The one rule that picks a ballot. */
type RoundRule = Pick<Rules, "nextRound">;

export type ProposerInstance = {
  readonly key: string;
  readonly id: NodeId;
  /** Highest round used (durable). */
  readonly round: number;
  /** Highest round seen in a Nack: the next ballot goes above it. */
  readonly seenRound: number;
  readonly phase: ProposerPhase;
  /** The client's value; null when the instance is a read. */
  readonly input: Value | null;
  readonly promises: readonly ReportedVote[];
  readonly proposal: Value | null;
  /** Ballots started for this request (drives the exponential backoff). */
  readonly attempt: number;
  readonly preempted: boolean;
};

export function newInstance(key: string, id: NodeId, round: number): ProposerInstance {
  return { key, id, round, seenRound: 0, phase: "idle", input: null, promises: [], proposal: null, attempt: 0, preempted: false };
}

export function ballotOf(p: ProposerInstance): Ballot {
  return { round: p.round, proposer: p.id };
}

function sameBallot(a: Ballot, b: Ballot): boolean {
  return a.round === b.round && a.proposer === b.proposer;
}

/**
 * A client asks for `input` (or a read, with null): phase 1a with a fresh ballot. While a
 * ballot is running the request joins it; a read still in phase 1 takes the input as its own,
 * which phase 2a proposes if no vote is reported (any value may be proposed then).
 */
export function onPropose(p: ProposerInstance, input: Value | null, acceptors: readonly NodeId[], rules: RoundRule = correctRules): Step<ProposerInstance> {
  if (p.phase === "prepare" && p.input === null && input !== null) return { state: { ...p, input }, effects: [] };
  if (p.phase === "prepare" || p.phase === "accept") return { state: p, effects: [] };
  return startBallot({ ...p, input, attempt: 0 }, acceptors, rules);
}

/**
 * Phase 1a: pick a round above every round used or seen (rules.nextRound), persist it, then send Prepare to
 * every acceptor and arm the round timer.
 */
export function startBallot(p: ProposerInstance, acceptors: readonly NodeId[], rules: RoundRule = correctRules): Step<ProposerInstance> {
  const round = rules.nextRound(p.round, p.seenRound);
  const state: ProposerInstance = { ...p, round, phase: "prepare", promises: [], proposal: null, attempt: p.attempt + 1, preempted: false };
  const ballot = ballotOf(state);
  const effects: Effect[] = [
    { kind: "persist", record: { t: "round", key: p.key, round } },
    ...acceptors.map((to): Effect => ({ kind: "send", to, msg: { type: "prepare", from: p.id, ballot } })),
    { kind: "timer", ballot, reason: "round", attempt: state.attempt },
  ];
  return { state, effects };
}

/**
 * Phase 2a. "If the proposer receives a response to its prepare requests from a majority of
 * acceptors, then it sends an accept request to each of those acceptors for a proposal
 * numbered n with a value v, where v is the value of the highest-numbered proposal among the
 * responses, or is any value if the responses reported no proposals."
 */
/**
 * Two optional shortcuts for real networks, both off in simulation so that the implementation
 * moves exactly like the model. `learnFromPromises`: see chosenInPromises. `acceptToAll`: send
 * phase 2a to every acceptor, not only to the promisers (Paxos allows either), so that all
 * acceptors hold the same vote and the next proposer can learn it from its promises.
 */
export type Shortcuts = { readonly learnFromPromises: boolean; readonly acceptToAll: boolean; readonly acceptors: readonly NodeId[] };

export function onPromise(p: ProposerInstance, m: PromiseMsg, quorum: number, rules: Rules, shortcuts: Shortcuts | null = null): Step<ProposerInstance> {
  if (p.phase !== "prepare" || !sameBallot(m.ballot, ballotOf(p))) return { state: p, effects: [] };
  if (rules.countBySender && p.promises.some((r) => r.from === m.from)) return { state: p, effects: [] };
  const promises = [...p.promises, { from: m.from, voted: m.voted }];
  if (promises.length < quorum) return { state: { ...p, promises }, effects: [] };
  const known = shortcuts?.learnFromPromises ? chosenInPromises(promises) : null;
  if (known) return { state: { ...p, promises, phase: "done" }, effects: [{ kind: "result", value: known.value, learnedIn: known.ballot }] };
  const value = rules.chooseValue(p.input, promises);
  // A read whose quorum reports no vote: nothing can have been chosen below this ballot.
  if (value === null) return { state: { ...p, promises, phase: "done" }, effects: [{ kind: "result", value: null }] };
  const ballot = ballotOf(p);
  const targets = shortcuts?.acceptToAll ? shortcuts.acceptors : [...new Set(promises.map((r) => r.from))];
  const state: ProposerInstance = { ...p, promises, phase: "accept", proposal: value };
  return { state, effects: targets.map((to): Effect => ({ kind: "send", to, msg: { type: "accept", from: p.id, ballot, value } })) };
}

/**
 * When every promise of the quorum reports a vote in one and the same ballot, a quorum voted for
 * that value in that ballot, so it is chosen and phase 2 is not needed to learn it. It spares
 * duelling proposers on one key a round each.
 */
function chosenInPromises(promises: readonly ReportedVote[]): { ballot: Ballot; value: Value } | null {
  const first = promises[0]?.voted;
  if (!first) return null;
  const all = promises.every((r) => r.voted !== null && sameBallot(r.voted.ballot, first.ballot) && r.voted.value === first.value);
  return all ? first : null;
}

/** A Nack says a higher ballot was promised: remember its round and back off before retrying. */
export function onNack(p: ProposerInstance, m: Nack): Step<ProposerInstance> {
  const live = p.phase === "prepare" || p.phase === "accept";
  if (!live || !sameBallot(m.ballot, ballotOf(p))) return { state: p, effects: [] };
  const seenRound = Math.max(p.seenRound, m.promised.round);
  if (p.preempted) return { state: { ...p, seenRound }, effects: [] };
  return { state: { ...p, seenRound, preempted: true }, effects: [{ kind: "timer", ballot: ballotOf(p), reason: "backoff", attempt: p.attempt }] };
}

/** The ballot's timer fired (or the test said so): give it up and start a higher one. */
export function onTimeout(p: ProposerInstance, ballot: Ballot | null, acceptors: readonly NodeId[], rules: RoundRule = correctRules): Step<ProposerInstance> {
  const live = p.phase === "prepare" || p.phase === "accept";
  if (!live || (ballot !== null && !sameBallot(ballot, ballotOf(p)))) return { state: p, effects: [] };
  return startBallot(p, acceptors, rules);
}

/** The client gave up (deadline): stop retrying; the durable round is kept. */
export function onAbandon(p: ProposerInstance): ProposerInstance {
  return { ...p, phase: "idle", promises: [], proposal: null };
}
