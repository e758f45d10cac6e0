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
