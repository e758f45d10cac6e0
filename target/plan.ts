// The bounded explorations a target goes through by default (`synod conformance --target`, and
// verify's target stages): each a configuration and a depth. One fault kind at a time, so that
// each exploration is deep enough for a decision around its fault (before and after a vote), where
// all faults together would end before any value is chosen. Exploration is of the whole tree up
// to the depth (explore.ts), so depth is what costs: these are sized for seconds on an in-process
// target.
import { TargetConfig, type TargetConfigInput } from "./config.ts";

export type Exploration = { readonly name: string; readonly config: TargetConfig; readonly depth: number };

const none: TargetConfigInput = { retries: 0, losses: 0, duplicates: 0, proposerCrashes: 0, acceptorCrashes: 0 };

function exploration(name: string, depth: number, config: TargetConfigInput): Exploration {
  return { name, depth, config: TargetConfig.parse(config) };
}

export const defaultPlan: readonly Exploration[] = [
  exploration("one proposer, no faults: every order of a decision", 10, { ...none, proposers: 1 }),
  exploration("two proposers, no faults: their ballots interleaved", 10, { ...none, proposers: 2 }),
  exploration("one proposer, an acceptor crash and restart", 10, { ...none, proposers: 1, acceptorCrashes: 1 }),
  exploration("one proposer, a message lost", 10, { ...none, proposers: 1, losses: 1 }),
  exploration("one proposer, a message duplicated", 10, { ...none, proposers: 1, duplicates: 1 }),
  exploration("one proposer, its crash, restart and a retry", 8, { ...none, proposers: 1, retries: 1, proposerCrashes: 1 }),
];
