// Single-decree Paxos as pure reducers: each role is a function (state, event) -> { state, out }
// that never touches a network, a clock or a disk. Whoever runs the nodes (a real server, a test,
// a verification harness) keeps the states, feeds the events and carries the outbox.
//
// This file knows nothing of any harness: its messages, ballots and names are its own.
//
// Ballots are (n, by) pairs ordered by n, then by the proposer's id (as strings). Proposers,
// acceptors and learners are separate roles: acceptors send P2b to the learners, and a learner
// decides once a majority of acceptors voted for one value in one ballot.
//
// `mode` switches in the planted bugs and the safe look-alikes (README.md).

export type Ballot = { readonly n: number; readonly by: string };
export type Vote = { readonly n: number; readonly by: string; readonly v: string };

export type Msg =
  | { readonly kind: "P1a"; readonly n: number; readonly by: string }
  | { readonly kind: "P1b"; readonly n: number; readonly by: string; readonly vote: Vote | null }
  | { readonly kind: "P2a"; readonly n: number; readonly by: string; readonly v: string }
  | { readonly kind: "P2b"; readonly n: number; readonly by: string; readonly v: string }
  | { readonly kind: "Nack"; readonly n: number; readonly by: string; readonly promised: Ballot };

export type Out = { readonly to: string; readonly msg: Msg };

export const MODES = {
  correct: "Basic Paxos as written in Paxos Made Simple.",
  // Planted bugs.
  "first-vote": "bug: the proposer adopts the first vote reported in its quorum of P1b, not the highest-ballot one.",
  "round-only": "bug: the acceptor compares an P2a's round with its promise and ignores the proposer id, so it accepts (n, p1) after promising (n, p2).",
  "learner-mixes-ballots": "bug: the learner counts P2b for a value across ballots, not within one ballot.",
  "forgetful-acceptor": "bug: an acceptor forgets its promise and vote when it restarts (while the adapter says acceptors are durable).",
  // Safe look-alikes.
  nacks: "safe: the acceptor answers every refused P1a or P2a with a Nack; the proposer raises its round past the promise a Nack names.",
  "ignore-old-p2b": "safe: the learner ignores a P2b of a ballot lower than the highest it has seen.",
  "p2a-to-all": "safe: the proposer sends P2a to every acceptor, not only to those that promised.",
} as const;
export type Mode = keyof typeof MODES;

export function isMode(s: string): s is Mode {
  return Object.hasOwn(MODES, s);
}

/** What every node knows about the cluster. */
export type Setup = {
  readonly mode: Mode;
  readonly acceptors: readonly string[];
  readonly learners: readonly string[];
};

export type Step<S> = { readonly state: S; readonly out: readonly Out[]; readonly decided?: string };

export function compare(a: Ballot | null, b: Ballot | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (a.n !== b.n) return a.n < b.n ? -1 : 1;
  return a.by < b.by ? -1 : a.by > b.by ? 1 : 0;
}

const ballotOf = (m: { n: number; by: string }): Ballot => ({ n: m.n, by: m.by });
const majority = (setup: Setup) => Math.floor(setup.acceptors.length / 2) + 1;

// ---------------------------------------------------------------------------------------------
// Acceptor

export type AcceptorState = { readonly promised: Ballot | null; readonly accepted: Vote | null };

export type AcceptorEvent = { readonly type: "recv"; readonly from: string; readonly msg: Msg } | { readonly type: "restart" };

export const initialAcceptor: AcceptorState = { promised: null, accepted: null };

export function acceptor(setup: Setup, s: AcceptorState, e: AcceptorEvent): Step<AcceptorState> {
  if (e.type === "restart") return { state: setup.mode === "forgetful-acceptor" ? initialAcceptor : s, out: [] };
  const { from, msg } = e;
  const nack = (): Step<AcceptorState> => ({ state: s, out: setup.mode === "nacks" ? [{ to: from, msg: { kind: "Nack", n: msg.n, by: msg.by, promised: s.promised! } }] : [] });
  switch (msg.kind) {
    case "P1a": {
      const b = ballotOf(msg);
      if (compare(b, s.promised) <= 0) return nack();
      return { state: { ...s, promised: b }, out: [{ to: from, msg: { kind: "P1b", n: b.n, by: b.by, vote: s.accepted } }] };
    }
    case "P2a": {
      const b = ballotOf(msg);
      const ok = setup.mode === "round-only" ? s.promised === null || b.n >= s.promised.n : compare(b, s.promised) >= 0;
      if (!ok) return nack();
      const state = { promised: b, accepted: { n: b.n, by: b.by, v: msg.v } };
      return { state, out: setup.learners.map((to) => ({ to, msg: { kind: "P2b", n: b.n, by: b.by, v: msg.v } })) };
    }
    default:
      return { state: s, out: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// Proposer

export type ProposerState = {
  readonly id: string;
  /** The highest round it used or heard of: kept across a restart, so a ballot is never reused. */
  readonly round: number;
  /** What its client asked for; forgotten on a restart. */
  readonly input: string | null;
  readonly phase: "idle" | "preparing" | "accepting";
  readonly ballot: Ballot | null;
  /** The P1b of the current ballot, by acceptor, in the order they came. */
  readonly promises: readonly { readonly from: string; readonly vote: Vote | null }[];
};

export type ProposerEvent =
  | { readonly type: "propose"; readonly value: string }
  | { readonly type: "tick" }
  | { readonly type: "recv"; readonly from: string; readonly msg: Msg }
  | { readonly type: "restart" };

export function initialProposer(id: string): ProposerState {
  return { id, round: 0, input: null, phase: "idle", ballot: null, promises: [] };
}

export function proposer(setup: Setup, s: ProposerState, e: ProposerEvent): Step<ProposerState> {
  switch (e.type) {
    case "propose":
      return startBallot(setup, { ...s, input: e.value });
    case "tick":
      return s.input === null ? { state: s, out: [] } : startBallot(setup, s);
    case "restart":
      return { state: { ...initialProposer(s.id), round: s.round }, out: [] };
    case "recv":
      return onMessage(setup, s, e.from, e.msg);
  }
}

function startBallot(setup: Setup, s: ProposerState): Step<ProposerState> {
  const ballot = { n: s.round + 1, by: s.id };
  const state: ProposerState = { ...s, round: ballot.n, phase: "preparing", ballot, promises: [] };
  return { state, out: setup.acceptors.map((to) => ({ to, msg: { kind: "P1a", n: ballot.n, by: ballot.by } })) };
}

function onMessage(setup: Setup, s: ProposerState, from: string, msg: Msg): Step<ProposerState> {
  if (msg.kind === "Nack") {
    if (setup.mode !== "nacks" || msg.promised.n <= s.round) return { state: s, out: [] };
    return { state: { ...s, round: msg.promised.n }, out: [] };
  }
  if (msg.kind !== "P1b" || s.phase !== "preparing" || compare(ballotOf(msg), s.ballot) !== 0) return { state: s, out: [] };
  if (s.promises.some((p) => p.from === from)) return { state: s, out: [] };
  const promises = [...s.promises, { from, vote: msg.vote }];
  if (promises.length < majority(setup)) return { state: { ...s, promises }, out: [] };
  const value = pickValue(setup.mode, promises) ?? s.input!;
  const ballot = s.ballot!;
  const to = setup.mode === "p2a-to-all" ? setup.acceptors : promises.map((p) => p.from);
  return { state: { ...s, promises, phase: "accepting" }, out: to.map((a) => ({ to: a, msg: { kind: "P2a", n: ballot.n, by: ballot.by, v: value } })) };
}

/** The value a quorum of promises forces on the proposer, if any. */
function pickValue(mode: Mode, promises: readonly { vote: Vote | null }[]): string | null {
  const votes = promises.flatMap((p) => (p.vote ? [p.vote] : []));
  if (votes.length === 0) return null;
  if (mode === "first-vote") return votes[0]!.v;
  return votes.reduce((best, v) => (compare(v, best) > 0 ? v : best)).v;
}

// ---------------------------------------------------------------------------------------------
// Learner

export type LearnerState = {
  /** Votes heard, by ballot ("n/by") and acceptor. */
  readonly votes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly highest: Ballot | null;
  readonly decided: string | null;
};

export type LearnerEvent = { readonly type: "recv"; readonly from: string; readonly msg: Msg };

export const initialLearner: LearnerState = { votes: {}, highest: null, decided: null };

export function learner(setup: Setup, s: LearnerState, e: LearnerEvent): Step<LearnerState> {
  const { from, msg } = e;
  if (msg.kind !== "P2b") return { state: s, out: [] };
  const b = ballotOf(msg);
  if (setup.mode === "ignore-old-p2b" && compare(b, s.highest) < 0) return { state: s, out: [] };
  const key = `${b.n}/${b.by}`;
  const votes = { ...s.votes, [key]: { ...s.votes[key], [from]: msg.v } };
  const state = { votes, highest: compare(b, s.highest) > 0 ? b : s.highest, decided: s.decided };
  if (s.decided !== null) return { state, out: [] };
  const count =
    setup.mode === "learner-mixes-ballots"
      ? new Set(Object.values(votes).flatMap((byAcceptor) => Object.entries(byAcceptor).filter(([, v]) => v === msg.v).map(([a]) => a))).size
      : Object.values(votes[key]!).filter((v) => v === msg.v).length;
  if (count < majority(setup)) return { state, out: [] };
  return { state: { ...state, decided: msg.v }, out: [], decided: msg.v };
}
