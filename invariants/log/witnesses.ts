// Reachability witnesses of Multi-Paxos: without them the invariants could pass because the
// interesting runs are out of reach (nobody is elected twice, no gap ever appears, nothing is
// decided after a crash).
import type { Witness } from "../property.ts";
import { compareBallots } from "../../protocol/ballot.ts";
import { chosenInSlot, slotNumbers } from "./chosen-slots.ts";
import { NOOP, type LogView } from "./view.ts";

export const twoLeadersInTurn: Witness<LogView> = {
  kind: "sometimes",
  id: "sometimes-two-leaders-in-turn",
  title: "Two leaders elected in turn",
  statement: "Some explored state has phase 1 completed by two different nodes.",
  rationale: "Leader completeness and one command per slot are only tested when a second leader takes over a log the first one wrote to.",
  maintainedBy: "A leader-failure timeout (or a wrong suspicion) and phase 1 completing twice.",
  reached: (view) => new Set(view.elections.map((e) => e.ballot.proposer)).size >= 2,
};

export const noopFillsGap: Witness<LogView> = {
  kind: "sometimes",
  id: "sometimes-noop-fills-gap",
  title: "A no-op fills a gap",
  statement: "Some explored state has a no-op chosen for a slot below a slot with a command chosen.",
  rationale: "Gap filling is the part of the new leader's work single-decree Paxos does not have; a model where gaps never appear does not test it.",
  maintainedBy: "A new leader proposing a no-op in each slot below its highest reported vote where no vote was reported.",
  reached: (view) =>
    slotNumbers(view).some((s) => chosenInSlot(view, s).some((c) => c.value === NOOP) && slotNumbers(view).some((t) => t > s && chosenInSlot(view, t).some((c) => c.value !== NOOP))),
};

export const decidedAfterCrash: Witness<LogView> = {
  kind: "sometimes",
  id: "sometimes-decided-after-leader-crash",
  title: "A command decided by a leader elected after a crash",
  statement: "Some explored state has a client's command chosen in the ballot of a leader elected after a node crashed while leading.",
  rationale: "Recovering phase II of seed 002: the system must go on deciding once the leader has failed and another has been elected.",
  maintainedBy: "A leader-failure timeout, phase 1 of a new ballot, phase 2 of a pending request.",
  reached: (view) =>
    view.elections.some((e) => e.afterLeaderCrash && slotNumbers(view).some((s) => chosenInSlot(view, s).some((c) => c.value !== NOOP && compareBallots(c.ballot, e.ballot) === 0))),
};

/** Only in bounds with reads (model.ts): without reads it could not be reached. */
export const readSeesWrite: Witness<LogView> = {
  kind: "sometimes",
  id: "sometimes-read-sees-write",
  title: "A read answered after a command was applied",
  statement: "Some explored state has a read answered that was requested after some replica applied a command (checked when the bounds have reads).",
  rationale: "Reads are fresh holds vacuously when every read is requested before anything is applied, or never answered.",
  maintainedBy: "A command decided and applied, then a read requested and answered: decided in a later slot and applied, or served by a leader.",
  reached: (view) => view.reads.some((r) => r.appliedBefore.length > 0 && r.answers.length > 0),
};
