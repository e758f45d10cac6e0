// Reachability witnesses ("sometimes"): each must hold in at least one explored state, so a
// verified run can never be vacuous (a model in which nothing is ever chosen passes every
// safety invariant).
import type { Witness } from "./property.ts";
import { compareBallots, formatBallot } from "../protocol/ballot.ts";
import { chosenValues } from "../protocol/chosen.ts";

export const valueChosen: Witness = {
  kind: "sometimes",
  id: "sometimes-value-chosen",
  title: "A value is chosen",
  statement: "Some explored state has a value chosen.",
  rationale: "Without it, every safety invariant could pass because nothing ever happens.",
  maintainedBy: "Phases 1 and 2 completing with a quorum.",
  reached: (view) => chosenValues(view).length > 0,
};

export const twoProposersInPhase2: Witness = {
  kind: "sometimes",
  id: "sometimes-two-proposers-in-phase-2",
  title: "Two proposers reach phase 2",
  statement: "Some explored state has Accepts sent by two different proposers.",
  rationale: "Agreement is only tested when competing proposers both get past phase 1.",
  maintainedBy: "Phase 1 completing for two ballots of different proposers.",
  reached: (view) => new Set(view.proposals.map((p) => p.ballot.proposer)).size >= 2,
};

export const acceptorVotesAgain: Witness = {
  kind: "sometimes",
  id: "sometimes-acceptor-votes-in-higher-ballot",
  title: "An acceptor votes again in a higher ballot",
  statement: "Some acceptor votes in one ballot and later in a higher one.",
  rationale: "Changing votes is where Paxos differs from naive voting; a model that never reaches it checks little.",
  maintainedBy: "Phase 2b accepting a higher ballot after an earlier vote.",
  reached: (view) => {
    const ballots = new Map<string, Set<string>>();
    for (const v of view.votes) ballots.set(v.acceptor, (ballots.get(v.acceptor) ?? new Set()).add(formatBallot(v.ballot)));
    return [...ballots.values()].some((s) => s.size >= 2);
  },
};

export const proposerAdoptsReportedValue: Witness = {
  kind: "sometimes",
  id: "sometimes-proposer-adopts-reported-value",
  title: "A proposer adopts a reported value",
  statement: "Some proposer proposes, in ballot b, a value reported to it in a Promise for b.",
  rationale: "The value-adoption rule of phase 2a is the heart of Paxos; a run that never exercises it cannot catch a proposer that ignores or misreads promises.",
  maintainedBy: "Phase 2a choosing the highest-ballot reported vote.",
  reached: (view) =>
    view.promises.some((p) => p.voted !== null && view.proposals.some((q) => compareBallots(q.ballot, p.ballot) === 0 && q.value === p.voted!.value && q.ballot.proposer !== p.voted!.ballot.proposer)),
};

// The envelope's witnesses (docs/ci.md, "The verified envelope"): each shows that a configuration
// reaches a situation in which a family of real bugs lives, so a pass there is worth something.

export const votesOfTwoBallotsInOneQuorum: Witness = {
  kind: "sometimes",
  id: "sometimes-promises-report-votes-of-two-ballots",
  title: "Promises for one ballot report votes of two different ballots",
  statement: "Some proposer receives, for one ballot, Promises from two acceptors that report votes cast in different ballots.",
  rationale: "Phase 2a must then pick the vote of the highest ballot; a proposer that picks the first, the most common or the lowest reported vote is only caught where such a quorum forms.",
  maintainedBy: "Two earlier ballots each getting a vote before a third ballot's phase 1.",
  reached: (view) =>
    view.promises.some((p) => p.voted !== null && view.promises.some((q) => q.voted !== null && q.acceptor !== p.acceptor && compareBallots(q.ballot, p.ballot) === 0 && compareBallots(q.voted!.ballot, p.voted!.ballot) !== 0)),
};

export const acceptorDownAfterHigherPromise: Witness = {
  kind: "sometimes",
  id: "sometimes-acceptor-down-after-voting-and-promising-higher",
  title: "An acceptor crashes after voting and then promising a higher ballot",
  statement: "Some acceptor is down while its durable state holds a vote and a promise of a higher ballot than that vote.",
  rationale: "What recovery restores matters only here: an acceptor that comes back with the promise of its vote's ballot, or without its vote, breaks safety only after this crash.",
  maintainedBy: "Phase 2b, then phase 1b of a higher ballot, then an acceptor crash.",
  reached: (view) => view.acceptors.some((a) => !a.up && a.accepted !== null && a.promised !== null && compareBallots(a.promised, a.accepted.ballot) > 0),
};

export const acceptReachesNonPromiser: Witness = {
  kind: "sometimes",
  id: "sometimes-acceptor-votes-without-promising",
  title: "An acceptor votes in a ballot it never promised",
  statement: "Some acceptor votes in a ballot for which it sent no Promise (an Accept sent to every acceptor, not only to the promisers).",
  rationale: "An acceptor that does not raise its promise when it accepts is invisible while Accepts go only to the promisers; the real store sends them to every acceptor.",
  maintainedBy: "Phase 2a sending Accept to every acceptor.",
  reached: (view) => view.votes.some((v) => !view.promises.some((p) => p.acceptor === v.acceptor && compareBallots(p.ballot, v.ballot) === 0)),
};
