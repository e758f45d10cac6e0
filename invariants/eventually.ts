// Liveness properties ("eventually"): seed 000's second goal, "some proposed value is
// eventually chosen, and then learned". Each holds when every fair run reaches a state where it
// holds; what "fair" means (which actions must be taken when they stay enabled) and which
// learners count are the model's to say.
import type { Eventually } from "./property.ts";
import { chosenValues } from "../protocol/chosen.ts";

export const eventuallyChosen: Eventually = {
  kind: "eventually",
  id: "eventually-chosen",
  title: "Eventually chosen",
  statement: "On every fair run, some value is eventually chosen.",
  rationale:
    "Safety alone is easy: a protocol that never chooses anything keeps every safety invariant. Consensus must also decide, at least when the faults stop and the network delivers what it keeps: every delivery of a message in flight to a live node, and every step a live proposer can take, happens eventually (weak fairness). Losses, crashes and restarts are the environment's and need not happen.",
  maintainedBy: "Phases 1 and 2 of a ballot that no higher ballot interrupts: a distinguished proposer, retrying after a failed ballot.",
  goal: (view) => chosenValues(view).length > 0,
};

export const eventuallyLearned: Eventually = {
  kind: "eventually",
  id: "eventually-learned",
  title: "Eventually learned",
  statement: "On every fair run, a value is eventually chosen and every live learner that takes part has learned it.",
  rationale:
    "A decision nobody hears of is no answer to the clients: propose(var, V) must return. A learner that stops counting, or a proposer that stops trying once refused, leaves a chosen value unlearned or nothing chosen at all, while every safety invariant still holds.",
  maintainedBy: "Learning from a quorum of Accepted messages of one ballot, and a proposer that keeps starting ballots until it learns.",
  goal: (view) => chosenValues(view).length > 0 && (view.learners ?? []).every((id) => view.learned.some((l) => l.learner === id)),
};
