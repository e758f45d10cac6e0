// Every property of Multi-Paxos's log, in the order reports and docs list them.
import type { Eventually, StateInvariant, Witness } from "../property.ts";
import type { LogView } from "./view.ts";
import { oneCommandPerSlot } from "./one-command-per-slot.ts";
import { appliedPrefixesAgree } from "./applied-prefixes-agree.ts";
import { logValidity } from "./log-validity.ts";
import { appliedOnce } from "./applied-once.ts";
import { leaderCompleteness } from "./leader-completeness.ts";
import { decidedIsChosen } from "./decided-is-chosen.ts";
import { readsAreFresh } from "./reads-are-fresh.ts";
import { decidedAfterCrash, noopFillsGap, readSeesWrite, twoLeadersInTurn } from "./witnesses.ts";
import { everyRequestApplied } from "./eventually-applied.ts";

export const logInvariants: readonly StateInvariant<LogView>[] = [oneCommandPerSlot, appliedPrefixesAgree, logValidity, appliedOnce, leaderCompleteness, decidedIsChosen, readsAreFresh];
export const logWitnesses: readonly Witness<LogView>[] = [twoLeadersInTurn, noopFillsGap, decidedAfterCrash];
/** Witnesses of reads, checked only in bounds with reads: elsewhere nothing could reach them. */
export const readWitnesses: readonly Witness<LogView>[] = [readSeesWrite];
export const logLiveness: readonly Eventually<LogView>[] = [everyRequestApplied];
